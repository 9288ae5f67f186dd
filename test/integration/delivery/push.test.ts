import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import { silentLogger } from '../../../src/main/core/logger'
import { startCore } from '../../../src/main/core/start'
import { startTestEngine, tempDataDir, type TestEngine } from '../helpers/bootstrap'
import {
  PUSH,
  SESSION_REVOKED,
  STREAM_UPDATED,
  VERIFICATION,
  createStream,
  eventTypeOf,
  expectFrom,
  fireOk,
  startReceiver,
  type TestReceiver
} from './helpers'

const FAST = { pushBackoffBaseMs: 5, pushBackoffCapMs: 20, pushTimeoutMs: 2000 }

let engine: TestEngine | undefined
let rx: TestReceiver | undefined
afterEach(async () => {
  await engine?.stop()
  await rx?.close()
  engine = rx = undefined
})

async function setup(
  options: Record<string, unknown> = {},
  auth?: string
): Promise<{ e: TestEngine; r: TestReceiver; streamId: string }> {
  const r = (rx = await startReceiver())
  const e = (engine = await startTestEngine({ ...FAST, ...options }))
  const delivery: Record<string, unknown> = { method: PUSH, endpoint_url: r.url }
  if (auth !== undefined) delivery.authorization_header = auth
  const stream = await createStream(e, delivery)
  expectFrom(r, e, stream.aud)
  return { e, r, streamId: stream.stream_id }
}

function outboundState(e: TestEngine, jti: string): string | undefined {
  return e.core.ctx.services.delivery.outbound.get(jti)?.state
}

describe('push delivery (RFC 8935)', () => {
  it('POSTs a SET signed with the published key that a receiver verifies with createRemoteJWKSet', async () => {
    const { e, r, streamId } = await setup({}, 'Bearer rx-push-token-42')
    const [made] = await fireOk(e, 'dana@corp.example', { txn: 'txn-1' })
    expect(made).toMatchObject({ stream_id: streamId, state: 'queued' })
    await expect.poll(() => r.accepted().length).toBe(1)
    expect(r.verifyErrors).toEqual([])
    const got = r.received[0]!
    expect(got.headers['content-type']).toBe('application/secevent+jwt')
    expect(got.headers.accept).toBe('application/json')
    expect(got.headers.authorization).toBe('Bearer rx-push-token-42')
    const key = e.core.ctx.keys.active()
    expect(got.header).toEqual({ alg: 'RS256', kid: key.kid, typ: 'secevent+jwt' })
    const now = Math.floor(Date.now() / 1000)
    expect(got.claims).toEqual({
      iss: e.core.issuer,
      aud: r.expect.audience,
      iat: expect.any(Number),
      jti: made!.jti,
      txn: 'txn-1',
      sub_id: { format: 'email', email: 'dana@corp.example' },
      events: { [SESSION_REVOKED]: { event_timestamp: 1767231995 } }
    })
    expect(Number.isInteger(got.claims.iat)).toBe(true)
    expect(Math.abs(got.claims.iat! - now)).toBeLessThan(60)
    expect(got.claims).not.toHaveProperty('sub')
    expect(got.claims).not.toHaveProperty('exp')
    await expect.poll(() => outboundState(e, made!.jti)).toBe('delivered')
    const attempts = e.core.ctx.services.delivery.outbound.attempts(made!.jti)
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({
      response_status: 202,
      outcome: 'delivered',
      request_url: r.url
    })
  })

  it('retries 503s with backoff and delivers exactly once', async () => {
    const { e, r } = await setup()
    r.respond = (n) => (n < 2 ? { status: 503 } : { status: 202 })
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => outboundState(e, made!.jti)).toBe('delivered')
    expect(r.received.map((x) => x.status)).toEqual([503, 503, 202])
    expect(r.accepted()).toHaveLength(1)
    const attempts = e.core.ctx.services.delivery.outbound.attempts(made!.jti)
    expect(attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'delivered'])
  })

  it('honours 429 with Retry-After and retries', async () => {
    const { e, r } = await setup()
    r.respond = (n) =>
      n === 0 ? { status: 429, headers: { 'Retry-After': '0' } } : { status: 202 }
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => outboundState(e, made!.jti)).toBe('delivered')
    expect(r.received.map((x) => x.status)).toEqual([429, 202])
  })

  it('records a 400 {err} refusal and does not retry it', async () => {
    const { e, r } = await setup()
    const body = JSON.stringify({ err: 'invalid_audience', description: 'not for me' })
    r.respond = () => ({ status: 400, body, headers: { 'Content-Type': 'application/json' } })
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => outboundState(e, made!.jti)).toBe('failed')
    const stored = e.core.ctx.services.delivery.outbound.get(made!.jti)
    expect(stored?.last_error).toContain('invalid_audience: not for me')
    const attempts = e.core.ctx.services.delivery.outbound.attempts(made!.jti)
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({
      response_status: 400,
      response_body: body,
      outcome: 'rejected'
    })
    // A later SET of the same stream is not blocked by the refused one.
    r.respond = () => ({ status: 202 })
    const [next] = await fireOk(e, 'a@b.example')
    await expect.poll(() => outboundState(e, next!.jti)).toBe('delivered')
    expect(r.received).toHaveLength(2)
  })

  it('gives up after pushMaxAttempts and marks the SET failed', async () => {
    const { e, r } = await setup({ pushMaxAttempts: 3 })
    r.respond = () => ({ status: 500 })
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => outboundState(e, made!.jti)).toBe('failed')
    expect(r.received).toHaveLength(3)
    expect(e.core.ctx.services.delivery.outbound.get(made!.jti)?.last_error).toMatch(
      /gave up after 3 attempts: HTTP 500/
    )
  })

  it('retries refused connections, then fails', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    engine = await startTestEngine({ ...FAST, pushMaxAttempts: 2 })
    await createStream(engine, { method: PUSH, endpoint_url: `http://127.0.0.1:${port}/x` })
    const [made] = await fireOk(engine, 'a@b.example')
    const e = engine
    await expect.poll(() => outboundState(e, made!.jti)).toBe('failed')
    const attempts = e.core.ctx.services.delivery.outbound.attempts(made!.jti)
    expect(attempts.map((a) => a.outcome)).toEqual(['retry', 'failed'])
    expect(attempts[0]!.error).toMatch(/ECONNREFUSED|fetch failed/)
  })

  it('keeps per-stream order, also across retries', async () => {
    const { e, r } = await setup()
    r.respond = (n) => (n % 3 === 0 ? { status: 503 } : { status: 202 })
    const fired: string[] = []
    for (let i = 0; i < 12; i++) fired.push(...(await fireOk(e, 'a@b.example')).map((s) => s.jti))
    await expect.poll(() => r.accepted().length, { timeout: 10_000 }).toBe(12)
    expect(r.accepted().map((x) => x.claims.jti)).toEqual(fired)
  })

  it('pause holds SETs (verification too); re-enable announces, then delivers them in order', async () => {
    const { e, r, streamId } = await setup()
    const [first] = await fireOk(e, 'a@b.example')
    await expect.poll(() => r.accepted().length).toBe(1)
    const paused = await e.call('POST', `/api/streams/${streamId}/status`, {
      status: 'paused',
      reason: 'maintenance'
    })
    expect(paused.status).toBe(200)
    await expect.poll(() => r.accepted().length).toBe(2)
    const held = [...(await fireOk(e, 'a@b.example')), ...(await fireOk(e, 'a@b.example'))]
    expect(held.map((s) => s.state)).toEqual(['held', 'held'])
    const verify = await e.call('POST', '/ssf/verify', { stream_id: streamId, state: 'v-1' })
    expect(verify.status).toBe(204)
    // Nothing more arrives while paused: a later SET on another stream is delivered first.
    const witness = await startReceiver()
    try {
      const other = await createStream(e, { method: PUSH, endpoint_url: witness.url })
      expectFrom(witness, e, other.aud)
      const later = await e.call('POST', '/ssf/verify', { stream_id: other.stream_id, state: 'w' })
      expect(later.status).toBe(204)
      await expect.poll(() => witness.accepted().length).toBe(1)
    } finally {
      await witness.close()
    }
    expect(r.received).toHaveLength(2)
    expect(held.map((s) => outboundState(e, s.jti))).toEqual(['held', 'held'])
    const enabled = await e.call('POST', `/api/streams/${streamId}/status`, { status: 'enabled' })
    expect(enabled.status).toBe(200)
    await expect.poll(() => r.accepted().length).toBe(6)
    const seq = r.accepted().map((x) => [eventTypeOf(x.claims), x.claims.jti])
    expect(seq[0]).toEqual([SESSION_REVOKED, first!.jti])
    expect(seq[1]![0]).toBe(STREAM_UPDATED)
    expect(r.accepted()[1]!.claims.events).toEqual({
      [STREAM_UPDATED]: { status: 'paused', reason: 'maintenance' }
    })
    expect(r.accepted()[2]!.claims.events).toEqual({ [STREAM_UPDATED]: { status: 'enabled' } })
    expect(seq.slice(3)).toEqual([
      [SESSION_REVOKED, held[0]!.jti],
      [SESSION_REVOKED, held[1]!.jti],
      [VERIFICATION, expect.any(String)]
    ])
    for (const x of r.accepted().slice(1)) {
      if (eventTypeOf(x.claims) === SESSION_REVOKED) continue
      expect(x.claims.sub_id).toEqual({ format: 'opaque', id: streamId })
    }
    expect(r.accepted()[5]!.claims.events).toEqual({ [VERIFICATION]: { state: 'v-1' } })
  })

  it('disable drops SETs (recorded as dropped) after announcing it', async () => {
    const { e, r, streamId } = await setup()
    const res = await e.call('POST', `/api/streams/${streamId}/status`, { status: 'disabled' })
    expect(res.status).toBe(200)
    await expect.poll(() => r.accepted().length).toBe(1)
    expect(r.accepted()[0]!.claims.events).toEqual({ [STREAM_UPDATED]: { status: 'disabled' } })
    const [dropped] = await fireOk(e, 'a@b.example')
    expect(dropped!.state).toBe('dropped')
    expect(outboundState(e, dropped!.jti)).toBe('dropped')
    const verify = await e.call('POST', '/ssf/verify', { stream_id: streamId })
    expect(verify.status).toBe(204)
    const list = e.core.ctx.services.delivery.outbound.listByStream(streamId)
    expect(list.filter((s) => s.state === 'dropped')).toHaveLength(2)
    // Re-enabling delivers nothing that was dropped, only the announcement.
    await e.call('POST', `/api/streams/${streamId}/status`, { status: 'enabled' })
    await expect.poll(() => r.accepted().length).toBe(2)
    expect(eventTypeOf(r.accepted()[1]!.claims)).toBe(STREAM_UPDATED)
  })

  it('sends no stream-updated for Receiver-initiated status changes (A8 default)', async () => {
    const { e, r, streamId } = await setup()
    const res = await e.call('POST', '/ssf/status', { stream_id: streamId, status: 'paused' })
    expect(res.status).toBe(200)
    const [held] = await fireOk(e, 'a@b.example')
    expect(held!.state).toBe('held')
    await e.call('POST', '/ssf/status', { stream_id: streamId, status: 'enabled' })
    await expect.poll(() => r.accepted().length).toBe(1)
    expect(r.accepted()[0]!.claims.jti).toBe(held!.jti)
  })

  it('a verification request sends a verification SET with the requested state', async () => {
    const { e, r, streamId } = await setup()
    expect(
      (await e.call('POST', '/ssf/verify', { stream_id: streamId, state: 'abc' })).status
    ).toBe(204)
    await expect.poll(() => r.accepted().length).toBe(1)
    const got = r.accepted()[0]!.claims
    expect(got.sub_id).toEqual({ format: 'opaque', id: streamId })
    expect(got.events).toEqual({ [VERIFICATION]: { state: 'abc' } })
    expect(got).not.toHaveProperty('txn')
  })

  it('a stream delete purges its queue', async () => {
    const { e, r, streamId } = await setup()
    r.respond = () => ({ status: 503 })
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => r.received.length).toBeGreaterThan(0)
    expect((await e.call('DELETE', `/ssf/streams?stream_id=${streamId}`)).status).toBe(204)
    expect(outboundState(e, made!.jti)).toBe('dropped')
  })

  it('a restart in the middle of a backlog loses nothing', { timeout: 60_000 }, async () => {
    const r = (rx = await startReceiver(() => ({ status: 503 })))
    const dataDir = tempDataDir()
    // Unlimited attempts: on a loaded machine the first SET's retries (5–50 ms apart) could use
    // up the default 8 before the stop, and a SET that failed for good is not resent (it failed
    // 11 of 100 runs that way under load; nothing was lost, the test's premise was).
    const NEVER_GIVE_UP = { pushMaxAttempts: 1_000_000 }
    let e = (engine = await startTestEngine(
      { ...FAST, ...NEVER_GIVE_UP, pushBackoffCapMs: 50 },
      dataDir
    ))
    const stream = await createStream(e, { method: PUSH, endpoint_url: r.url })
    expectFrom(r, e, stream.aud)
    const fired: string[] = []
    for (let i = 0; i < 10; i++) fired.push(...(await fireOk(e, 'a@b.example')).map((s) => s.jti))
    await expect.poll(() => r.received.length).toBeGreaterThan(1)
    const port = new URL(e.url).port
    await e.stop(false)
    engine = undefined
    r.respond = () => ({ status: 202 })
    e = engine = await startTestEngine({ ...FAST, ...NEVER_GIVE_UP, port: Number(port) }, dataDir)
    // At-least-once: a push cut off by the shutdown may have reached the receiver (and been
    // answered 202 there) and is sent again after the restart. Count jti's, not requests.
    const acceptedJtis = (): string[] => [...new Set(r.accepted().map((x) => x.claims.jti!))]
    await expect.poll(acceptedJtis, { timeout: 40_000 }).toEqual(fired)
    for (const jti of fired) await expect.poll(() => outboundState(e, jti)).toBe('delivered')
    // One SET in flight per stream: at most one SET can have been cut off.
    expect(r.accepted().length).toBeLessThanOrEqual(fired.length + 1)
    expect(r.verifyErrors).toEqual([])
  })

  it('delivers with the default keep-alive transport (no injected fetch)', async () => {
    const r = (rx = await startReceiver())
    const dataDir = tempDataDir()
    const core = await startCore(
      { dataDir, port: 0, token: 'default-transport-token', ...FAST },
      { logger: silentLogger }
    )
    try {
      const res = await fetch(`${core.url}/ssf/streams`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${core.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ delivery: { method: PUSH, endpoint_url: r.url } })
      })
      const stream = (await res.json()) as { aud: string }
      r.expect = { issuer: core.issuer, audience: stream.aud, jwksUri: `${core.url}/ssf/jwks` }
      const { sets } = await core.ctx.services.delivery.emitter.fire({
        type: 'caep.session-revoked',
        subject: { format: 'opaque', id: 'u-1' }
      })
      await expect.poll(() => r.accepted().map((x) => x.claims.jti)).toEqual([sets[0]!.jti])
      expect(r.verifyErrors).toEqual([])
    } finally {
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
