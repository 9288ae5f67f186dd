/**
 * Issue 15, item 1: a fault may delay, duplicate or permute SETs, but never loses one unless the
 * user asked for `drop` (and then the drop is recorded), and no SET is reported delivered unless a
 * receiver answered 2xx to it or a poll acknowledged it. One test per fault.
 */
import { decodeJwt } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, PUSH, createStream, expectFrom, fireOk, startReceiver } from '../delivery/helpers'
import type { TestReceiver } from '../delivery/helpers'
import { startRawReceiver, type RawReceiver } from '../inspector/helpers'

let engine: TestEngine | undefined
let raw: RawReceiver | undefined
let strict: TestReceiver | undefined
afterEach(async () => {
  await engine?.stop()
  await raw?.close()
  await strict?.close()
  engine = raw = strict = undefined
})

interface ExportedSet {
  jti: string
  state: string
}

async function exported(e: TestEngine, streamId: string): Promise<ExportedSet[]> {
  const res = await e.call('GET', `/api/sets/export.ndjson?stream_id=${streamId}`)
  const text = await res.text()
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as ExportedSet)
}

async function pushedJtis(e: TestEngine, streamId: string): Promise<string[]> {
  const res = await e.call('GET', `/api/traffic?stream_id=${streamId}&kind=push&limit=500`)
  const { items } = (await res.json()) as { items: { jti: string | null; status: number | null }[] }
  return items.filter((i) => i.status !== null && i.status < 300).map((i) => i.jti ?? '')
}

async function setup(faults: Record<string, unknown>) {
  const r = (raw = await startRawReceiver())
  const e = (engine = await startTestEngine({ pushBackoffBaseMs: 5, pushBackoffCapMs: 20 }))
  const stream = await createStream(e, { method: PUSH, endpoint_url: r.url })
  const put = await e.call('PUT', `/api/streams/${stream.stream_id}/faults`, faults)
  expect(put.status).toBe(200)
  return { e, r, stream }
}

const receivedJtis = (r: RawReceiver): string[] => r.tokens.map((t) => String(decodeJwt(t).jti))

/** Every SET reported delivered reached the receiver (2xx), and the traffic log shows its push. */
async function expectHonestExport(e: TestEngine, r: RawReceiver, streamId: string) {
  const sets = await exported(e, streamId)
  const received = new Set(receivedJtis(r))
  const pushed = new Set(await pushedJtis(e, streamId))
  for (const s of sets.filter((x) => x.state === 'delivered')) {
    expect(received.has(s.jti), `${s.jti} reported delivered but never received`).toBe(true)
    expect(pushed.has(s.jti), `${s.jti} reported delivered but no push recorded`).toBe(true)
  }
  return sets
}

describe('push faults never lose a SET', () => {
  it('reorder: r1, r2, r3 under the fault, then a fourth after clearing: all four arrive', async () => {
    const { e, r, stream } = await setup({ reorder: true })
    const fired: string[] = []
    for (const txn of ['r1', 'r2', 'r3'])
      fired.push((await fireOk(e, 'o@corp.example', { txn }))[0]!.jti)
    // Clear the fault only once r3 met it (held back, or — the defect — answered for).
    const outbound = e.core.ctx.services.delivery.outbound
    await expect
      .poll(() => {
        const r3 = outbound.get(fired[2]!)
        return r3?.state === 'delivered' || /reorder/.test(r3?.last_error ?? '')
      })
      .toBe(true)
    expect((await e.call('DELETE', `/api/streams/${stream.stream_id}/faults`)).status).toBe(204)
    fired.push((await fireOk(e, 'o@corp.example', { txn: 'r4' }))[0]!.jti)
    await expect.poll(() => new Set(receivedJtis(r)).size).toBe(4)
    expect(new Set(receivedJtis(r))).toEqual(new Set(fired))
    // The permutation happened: r2 went out before r1.
    const order = receivedJtis(r)
    expect(order.indexOf(fired[1]!)).toBeLessThan(order.indexOf(fired[0]!))
    await expect
      .poll(async () => (await exported(e, stream.stream_id)).map((s) => s.state))
      .toEqual(['delivered', 'delivered', 'delivered', 'delivered'])
    await expect.poll(async () => new Set(await pushedJtis(e, stream.stream_id)).size).toBe(4)
    await expectHonestExport(e, r, stream.stream_id)
  })

  it('reorder: a lone SET is not kept forever; clearing the fault sends it at once', async () => {
    const { e, r, stream } = await setup({ reorder: true })
    const [only] = await fireOk(e, 'lone@corp.example')
    expect(receivedJtis(r)).toEqual([])
    expect((await e.call('DELETE', `/api/streams/${stream.stream_id}/faults`)).status).toBe(204)
    await expect.poll(() => receivedJtis(r)).toEqual([only!.jti])
    await expect.poll(async () => (await exported(e, stream.stream_id))[0]?.state).toBe('delivered')
  })

  it('drop: the SET is recorded as dropped, never as delivered', async () => {
    const { e, r, stream } = await setup({ drop: true })
    const [dropped] = await fireOk(e, 'd@corp.example')
    await expect.poll(async () => (await exported(e, stream.stream_id))[0]?.state).toBe('dropped')
    expect(r.tokens).toEqual([])
    const attempts = e.core.ctx.services.delivery.outbound.attempts(dropped!.jti)
    expect(attempts.map((a) => a.outcome)).toEqual(['dropped'])
    expect(e.core.ctx.services.delivery.outbound.get(dropped!.jti)?.last_error).toMatch(/drop/)
  })

  it('duplicate: both copies carry the same jti; the SET is delivered once in the record', async () => {
    const { e, r, stream } = await setup({ duplicate: true })
    const [made] = await fireOk(e, 'dup@corp.example')
    await expect.poll(() => receivedJtis(r)).toEqual([made!.jti, made!.jti])
    await expect.poll(async () => (await exported(e, stream.stream_id))[0]?.state).toBe('delivered')
    await expectHonestExport(e, r, stream.stream_id)
  })

  it('delay_ms longer than the push timeout still delivers (the delay is not an attempt)', async () => {
    const r = (raw = await startRawReceiver())
    const e = (engine = await startTestEngine({ pushTimeoutMs: 200, pushMaxAttempts: 2 }))
    const stream = await createStream(e, { method: PUSH, endpoint_url: r.url })
    await e.call('PUT', `/api/streams/${stream.stream_id}/faults`, { delay_ms: 600 })
    const [made] = await fireOk(e, 'late@corp.example')
    await expect.poll(() => receivedJtis(r)).toEqual([made!.jti])
    await expect.poll(async () => (await exported(e, stream.stream_id))[0]?.state).toBe('delivered')
  })

  it.each([
    { corrupt_signature: true },
    { wrong_aud: true },
    { wrong_iss: true },
    { unknown_kid: true },
    { alg_none: true },
    { wrong_typ: true },
    { iat_offset_seconds: -86400 }
  ])('%j: sent, and a receiver that refuses it makes it failed, never delivered', async (f) => {
    const rx = (strict = await startReceiver())
    const e = (engine = await startTestEngine({ pushBackoffBaseMs: 5, pushBackoffCapMs: 20 }))
    const stream = await createStream(e, { method: PUSH, endpoint_url: rx.url })
    expectFrom(rx, e, stream.aud)
    await e.call('PUT', `/api/streams/${stream.stream_id}/faults`, f)
    const [made] = await fireOk(e, 'tok@corp.example')
    const outbound = e.core.ctx.services.delivery.outbound
    await expect.poll(() => outbound.get(made!.jti)?.state).not.toBe('queued')
    const state = outbound.get(made!.jti)?.state
    // iat_offset is validly signed: the strict receiver accepts it (jose has no max age set).
    if ('iat_offset_seconds' in f) expect(state).toBe('delivered')
    else {
      expect(state).toBe('failed')
      expect(rx.verifyErrors.length).toBeGreaterThan(0)
    }
  })
})

describe('poll faults never lose a SET', () => {
  it('drop, duplicate and reorder do not drop poll SETs; only an ack makes them acked', async () => {
    const e = (engine = await startTestEngine())
    const stream = await createStream(e, { method: POLL })
    await e.call('PUT', `/api/streams/${stream.stream_id}/faults`, {
      drop: true,
      duplicate: true,
      reorder: true
    })
    const made = [
      (await fireOk(e, 'p1@corp.example'))[0]!.jti,
      (await fireOk(e, 'p2@corp.example'))[0]!.jti
    ]
    const poll = async (body: Record<string, unknown>) =>
      (await (await e.call('POST', `/ssf/poll/${stream.stream_id}`, body)).json()) as {
        sets: Record<string, string>
      }
    const first = await poll({ returnImmediately: true })
    expect(Object.keys(first.sets).sort()).toEqual([...made].sort())
    const states = async () => (await exported(e, stream.stream_id)).map((s) => s.state)
    expect(await states()).toEqual(['polled', 'polled'])
    await poll({ returnImmediately: true, ack: made })
    expect(await states()).toEqual(['acked', 'acked'])
  })
})
