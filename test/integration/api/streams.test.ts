/** Control API stream views and Transmitter-initiated status changes (`/api/streams`). */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import type { StreamView } from '../../../src/shared/api/contract'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { createStream, readStatus } from '../transmitter/fixtures'

let engine: TestEngine
let other: string
beforeAll(async () => {
  engine = await startTestEngine()
  const res = await engine.call('POST', '/api/clients', { name: 'other' })
  other = ((await res.json()) as { token: string }).token
})
afterAll(() => engine.stop())

describe('/api/streams', () => {
  it("lists every client's streams with owner, status and subjects", async () => {
    const mine = await createStream(engine)
    const theirs = await createStream(engine, {}, other)
    await engine.call('POST', '/ssf/subjects:add', {
      stream_id: mine.stream_id,
      subject: { format: 'opaque', id: 'x' }
    })
    const list = (await (await engine.call('GET', '/api/streams')).json()) as StreamView[]
    expect(list.map((v) => v.config.stream_id)).toEqual([mine.stream_id, theirs.stream_id])
    expect(list[0]).toMatchObject({ client_id: 'default', status: 'enabled', config: mine })
    expect(list[0]?.subjects).toMatchObject([
      { subject: { format: 'opaque', id: 'x' }, verified: true }
    ])
    const one = await engine.call('GET', `/api/streams/${theirs.stream_id}`)
    expect(one.status).toBe(200)
    expect(((await one.json()) as StreamView).client_id).not.toBe('default')
  })

  it('a Transmitter-initiated status change is what the Receiver then reads', async () => {
    const s = await createStream(engine, {}, other)
    const res = await engine.call('POST', `/api/streams/${s.stream_id}/status`, {
      status: 'disabled',
      reason: 'admin'
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      stream_id: s.stream_id,
      status: 'disabled',
      reason: 'admin'
    })
    const read = await engine.call('GET', `/ssf/status?stream_id=${s.stream_id}`, undefined, other)
    expect(await read.json()).toEqual({
      stream_id: s.stream_id,
      status: 'disabled',
      reason: 'admin'
    })
  })

  test.each([
    { body: { status: 'off' }, status: 400 },
    { body: { status: 'paused', extra: 1 }, status: 400 },
    { body: [], status: 400 }
  ])('POST status $body → $status', async ({ body, status }) => {
    const s = await createStream(engine)
    const res = await engine.call('POST', `/api/streams/${s.stream_id}/status`, body)
    expect(res.status).toBe(status)
    expect((await readStatus(engine, s.stream_id)).status).toBe('enabled')
  })

  it('unknown stream → 404', async () => {
    const res = await engine.call('POST', '/api/streams/st_nope/status', { status: 'paused' })
    expect(res.status).toBe(404)
  })
})
