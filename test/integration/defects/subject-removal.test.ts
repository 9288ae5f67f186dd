/**
 * Issue 15, item 2: removing a subject stops its events, also under `default_subjects` ALL;
 * re-adding restores them; an optional grace period (default 0) lets events flow a little longer
 * (SSF 1.0 §8.1.3.3), to test that Receivers tolerate it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../../src/main/core/context'
import { startTestEngine, tempDataDir, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream, fire } from '../delivery/helpers'

let engine: TestEngine | undefined
afterEach(async () => {
  await engine?.stop()
  engine = undefined
})

const A = { format: 'email', email: 'a@corp.example' }
const B = { format: 'email', email: 'b@corp.example' }

async function setsFor(e: TestEngine, streamId: string, subject: object): Promise<number> {
  const r = await fire(e, {
    type: 'caep.session-revoked',
    subject,
    claims: { event_timestamp: 1767231995 },
    stream_ids: [streamId]
  })
  expect(r.status).toBe(201)
  return (r.body.sets as unknown[]).length
}

async function subjects(e: TestEngine, path: 'add' | 'remove', id: string, subject: object) {
  const res = await e.call('POST', `/ssf/subjects:${path}`, { stream_id: id, subject })
  expect(res.status).toBeLessThan(300)
}

describe('removing a subject under default_subjects ALL', () => {
  it('stops its events at once (grace 0); others keep flowing; re-adding restores', async () => {
    const e = (engine = await startTestEngine())
    const { stream_id: id } = await createStream(e, { method: POLL })
    await subjects(e, 'add', id, A)
    await subjects(e, 'add', id, B)
    await subjects(e, 'remove', id, A)
    expect(await setsFor(e, id, A)).toBe(0)
    expect(await setsFor(e, id, B)).toBe(1)
    // Never added, only removed: still stops (ALL had put it in the stream).
    const C = { format: 'email', email: 'c@corp.example' }
    await subjects(e, 'remove', id, C)
    expect(await setsFor(e, id, C)).toBe(0)
    await subjects(e, 'add', id, A)
    expect(await setsFor(e, id, A)).toBe(1)
  })

  it('the removal survives a restart', async () => {
    const dataDir = tempDataDir()
    let e = await startTestEngine({}, dataDir)
    const { stream_id: id } = await createStream(e, { method: POLL })
    await subjects(e, 'remove', id, A)
    await e.stop(false)
    e = engine = await startTestEngine({}, dataDir)
    expect(await setsFor(e, id, A)).toBe(0)
    expect(await setsFor(e, id, B)).toBe(1)
  })

  it('a grace period lets events flow until it ends, then stops them', async () => {
    let t = Date.now()
    const clock: Clock = { now: () => t }
    const e = (engine = await startTestEngine({ subjectRemovalGraceSeconds: 30 }, tempDataDir(), {
      clock
    }))
    const { stream_id: id } = await createStream(e, { method: POLL })
    await subjects(e, 'remove', id, A)
    t += 29_000
    expect(await setsFor(e, id, A)).toBe(1)
    t += 2_000
    expect(await setsFor(e, id, A)).toBe(0)
  })
})
