/**
 * Guard for mutation testing (docs/testing.md) of the delivery service and the emitter, over real
 * HTTP: replay exact (same bytes and headers, the stored SET untouched; a waiting long poll is
 * woken) and edited (held on a paused stream, merged or whole claims), the ids a replay accepts,
 * the states published for fired SETs, one SET per stream and one `txn` per fire, the
 * verification payload, and the stream-updated SET of a Receiver-initiated change when asked for.
 * @see src/main/transmitter/delivery/service.ts, replay.ts; src/main/transmitter/emitter.ts
 */
import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import type { UiEvent } from '../../../src/shared/api/ui-events'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import {
  POLL,
  PUSH,
  SESSION_REVOKED,
  STREAM_UPDATED,
  VERIFICATION,
  createStream,
  expectFrom,
  fire,
  fireOk,
  perTestEngineAndReceiver,
  startReceiver
} from './helpers'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const running = perTestEngineAndReceiver()

async function pushSetup(options: Record<string, unknown> = {}) {
  const r = (running.rx = await startReceiver())
  const e = (running.engine = await startTestEngine({ pushBackoffBaseMs: 5, ...options }))
  const events: UiEvent[] = []
  e.core.ctx.bus.subscribe((ev) => events.push(ev))
  const stream = await createStream(e, {
    method: PUSH,
    endpoint_url: r.url,
    authorization_header: 'Bearer replay-secret'
  })
  expectFrom(r, e, stream.aud)
  const statesOf = (jti: string): string[] =>
    events.flatMap((ev) => (ev.type === 'set.state' && ev.jti === jti ? [ev.state] : []))
  return { e, r, streamId: stream.stream_id, statesOf }
}

const replay = async (e: TestEngine, id: string, body?: unknown) => {
  const res = await e.call('POST', `/api/deliveries/${id}/replay`, body)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('replay', () => {
  it('exact (push): the same bytes and headers again; the stored SET and its attempts stay', async () => {
    const { e, r, streamId } = await pushSetup()
    const [made] = await fireOk(e, 'r@corp.example')
    const outbound = e.core.ctx.services.delivery.outbound
    await expect.poll(() => outbound.get(made!.jti)?.state).toBe('delivered')
    const stored = outbound.get(made!.jti)
    expect(await replay(e, made!.jti)).toEqual({
      status: 202,
      body: { jti: made!.jti, mode: 'exact', stream_id: streamId }
    })
    await expect.poll(() => r.accepted().length).toBe(2)
    const [first, again] = r.received
    expect(again!.token).toBe(first!.token)
    expect(again!.headers.authorization).toBe('Bearer replay-secret')
    expect(again!.headers['content-type']).toBe('application/secevent+jwt')
    expect(again!.headers.accept).toBe('application/json')
    expect(outbound.get(made!.jti)).toEqual(stored)
    expect(outbound.attempts(made!.jti)).toHaveLength(1)
  })

  it('ids: a traffic id names its SET; more than 15 digits or an unknown id is a 404', async () => {
    const { e, r, streamId } = await pushSetup()
    // Enough exchanges before it that its traffic id has two digits or more.
    for (let i = 0; i < 10; i++) await fireOk(e, 'r@corp.example')
    await expect.poll(() => r.accepted().length).toBe(10)
    const [made] = await fireOk(e, 'r@corp.example')
    await expect.poll(() => e.core.ctx.traffic!.store.byJti(made!.jti)).toBeDefined()
    const id = e.core.ctx.traffic!.store.byJti(made!.jti)!.id
    expect(id).toBeGreaterThanOrEqual(10)
    expect(await replay(e, String(id))).toEqual({
      status: 202,
      body: { jti: made!.jti, mode: 'exact', stream_id: streamId }
    })
    await expect.poll(() => r.accepted().length).toBe(12)
    expect(r.accepted()[11]!.token).toBe(r.accepted()[10]!.token)
    expect((await replay(e, `${'0'.repeat(15)}${id}`)).status).toBe(404)
    expect((await replay(e, `x${id}`)).status).toBe(404)
    expect((await replay(e, `${id}x`)).status).toBe(404)
    expect((await replay(e, '999999999')).status).toBe(404)
    expect(r.received).toHaveLength(12)
  })

  it('a SET whose stream was deleted cannot be replayed', async () => {
    const { e, streamId } = await pushSetup()
    const [made] = await fireOk(e, 'r@corp.example')
    expect((await e.call('DELETE', `/ssf/streams?stream_id=${streamId}`)).status).toBe(204)
    expect(e.core.ctx.services.delivery.outbound.get(made!.jti)).toBeDefined()
    expect((await replay(e, made!.jti)).status).toBe(404)
    expect((await replay(e, made!.jti, { edits: { txn: 'x' } })).status).toBe(404)
  })

  it('edited on a paused stream: held, published held, sent with the merged claims once enabled', async () => {
    const { e, r, streamId, statesOf } = await pushSetup()
    const [made] = await fireOk(e, 'r@corp.example', { txn: 'original' })
    await expect.poll(() => r.accepted().length).toBe(1)
    const original = r.accepted()[0]!.claims
    const paused = await e.call('POST', '/ssf/status', { stream_id: streamId, status: 'paused' })
    expect(paused.status).toBe(200)
    const res = await replay(e, made!.jti, { edits: { txn: 'edited', extra: 1 } })
    expect(res).toEqual({
      status: 202,
      body: { jti: expect.stringMatching(UUID), mode: 'edited', stream_id: streamId }
    })
    const jti = String(res.body.jti)
    expect(jti).not.toBe(made!.jti)
    expect(e.core.ctx.services.delivery.outbound.get(jti)?.state).toBe('held')
    expect(statesOf(jti)).toEqual(['held'])
    expect(r.received).toHaveLength(1)
    await e.call('POST', '/ssf/status', { stream_id: streamId, status: 'enabled' })
    await expect.poll(() => r.accepted().length).toBe(2)
    const got = r.accepted()[1]!.claims
    expect(got).toEqual({ ...original, jti, txn: 'edited', extra: 1, iat: expect.any(Number) })
    expect(Math.abs(got.iat! - Date.now() / 1000)).toBeLessThan(60)
    expect(e.core.ctx.services.delivery.outbound.get(jti)?.event_type).toBe(SESSION_REVOKED)
  })

  it('edited with whole claims: only those claims (a new jti), none of the stored ones', async () => {
    const { e, r } = await pushSetup()
    const [made] = await fireOk(e, 'r@corp.example', { txn: 'original' })
    await expect.poll(() => r.accepted().length).toBe(1)
    const original = r.accepted()[0]!.claims
    const claims = {
      iss: original.iss,
      aud: original.aud,
      iat: 1_767_000_000,
      sub_id: { format: 'opaque', id: 'u-9' },
      events: { [VERIFICATION]: { state: 'whole' } }
    }
    const res = await replay(e, made!.jti, { claims })
    expect(res.status).toBe(202)
    const jti = String(res.body.jti)
    await expect.poll(() => r.accepted().length).toBe(2)
    expect(r.accepted()[1]!.claims).toEqual({ ...claims, jti })
    expect(e.core.ctx.services.delivery.outbound.get(jti)?.event_type).toBe(VERIFICATION)
  })

  it('exact (poll): a waiting long poll is handed the replayed SET at once', async () => {
    const e = (running.engine = await startTestEngine({ pollWaitSeconds: 60 }))
    const stream = await createStream(e, { method: POLL })
    const path = `/ssf/poll/${stream.stream_id}`
    const [made] = await fireOk(e, 'p@corp.example')
    const first = (await (await e.call('POST', path, { returnImmediately: true })).json()) as {
      sets: Record<string, string>
    }
    await e.call('POST', path, { ack: [made!.jti], returnImmediately: true })
    const outbound = e.core.ctx.services.delivery.outbound
    expect(outbound.get(made!.jti)?.state).toBe('acked')
    const pollQueue = e.core.ctx.services.delivery.pollQueue
    const waiting = e.call('POST', path, { returnImmediately: false })
    await expect.poll(() => pollQueue.waiting(stream.stream_id)).toBe(1)
    expect(await replay(e, made!.jti)).toEqual({
      status: 202,
      body: { jti: made!.jti, mode: 'exact', stream_id: stream.stream_id }
    })
    const got = (await (await waiting).json()) as { sets: Record<string, string> }
    expect(got.sets).toEqual({ [made!.jti]: first.sets[made!.jti] })
  })
  it('an exact push replay that fails is logged as a warning', async () => {
    const warnings: string[] = []
    const logger = { info() {}, warn: (m: string) => warnings.push(m), error() {} }
    const r = (running.rx = await startReceiver())
    const e = (running.engine = await startTestEngine({}, undefined, { logger }))
    const stream = await createStream(e, { method: PUSH, endpoint_url: r.url })
    expectFrom(r, e, stream.aud)
    const [made] = await fireOk(e, 'r@corp.example')
    await expect.poll(() => r.accepted().length).toBe(1)
    await r.close()
    running.rx = undefined
    expect((await replay(e, made!.jti)).status).toBe(202)
    await expect
      .poll(() => warnings.filter((w) => w.startsWith(`replay of ${made!.jti} failed: `)))
      .toHaveLength(1)
  })
})

describe('fire', () => {
  it('publishes queued, held and dropped by stream status; sends only the queued one', async () => {
    const { e, r, streamId, statesOf } = await pushSetup()
    const other = await startReceiver()
    try {
      const paused = await createStream(e, { method: PUSH, endpoint_url: other.url })
      const disabled = await createStream(e, { method: PUSH, endpoint_url: other.url })
      await e.call('POST', '/ssf/status', { stream_id: paused.stream_id, status: 'paused' })
      await e.call('POST', '/ssf/status', { stream_id: disabled.stream_id, status: 'disabled' })
      const sets = await fireOk(e, 'f@corp.example')
      const byStream = new Map(sets.map((s) => [s.stream_id, s]))
      expect(sets).toHaveLength(3)
      expect(byStream.get(streamId)!.state).toBe('queued')
      expect(byStream.get(paused.stream_id)!.state).toBe('held')
      expect(byStream.get(disabled.stream_id)!.state).toBe('dropped')
      await expect.poll(() => r.accepted().length).toBe(1)
      expect(statesOf(byStream.get(streamId)!.jti)).toEqual(['queued', 'delivered'])
      expect(statesOf(byStream.get(paused.stream_id)!.jti)).toEqual(['held'])
      expect(statesOf(byStream.get(disabled.stream_id)!.jti)).toEqual(['dropped'])
      expect(other.received).toHaveLength(0)
    } finally {
      await other.close()
    }
  })

  it('one SET per stream even when a stream is named twice; one txn per fire, a UUID', async () => {
    const e = (running.engine = await startTestEngine())
    const a = await createStream(e, { method: POLL })
    const b = await createStream(e, { method: POLL })
    const twice = await fireOk(e, 'f@corp.example', {
      stream_ids: [a.stream_id, b.stream_id, a.stream_id]
    })
    expect(twice.map((s) => s.stream_id)).toEqual([a.stream_id, b.stream_id])
    const outbound = e.core.ctx.services.delivery.outbound
    const txnOf = (jti: string) => decodeJwt(outbound.get(jti)!.token).txn
    const txn = txnOf(twice[0]!.jti)
    expect(txn).toMatch(UUID)
    expect(txnOf(twice[1]!.jti)).toBe(txn)
    const next = await fireOk(e, 'f@corp.example', { stream_ids: [a.stream_id] })
    expect(txnOf(next[0]!.jti)).toMatch(UUID)
    expect(txnOf(next[0]!.jti)).not.toBe(txn)
    const missing = await fire(e, {
      type: 'caep.session-revoked',
      subject: { format: 'opaque', id: 'x' },
      stream_ids: [a.stream_id, 'no-such-stream']
    })
    expect(missing.status).toBe(404)
  })
})

describe('who gets a fired event', () => {
  it('a stream that requires consent gets no SET for a subject without it', async () => {
    const e = (running.engine = await startTestEngine())
    expect((await e.call('POST', '/api/tenants', { tenant_id: 'acme' })).status).toBe(201)
    const created = await e.call('POST', '/t/acme/ssf/streams', {})
    expect(created.status).toBe(201)
    const { stream_id: gated } = (await created.json()) as { stream_id: string }
    const open = await createStream(e, { method: POLL })
    const consent = await e.call('PUT', `/api/streams/${gated}/consent`, { required: true })
    expect(consent.status).toBe(200)
    const sets = await fireOk(e, 'alice@example.com')
    expect(sets.map((s) => s.stream_id)).toEqual([open.stream_id])
  })

  it('a removed subject (grace 0) gets nothing at the very instant of its removal', async () => {
    const clock = { now: () => Date.UTC(2026, 0, 1) }
    const e = (running.engine = await startTestEngine({}, undefined, { clock }))
    const stream = await createStream(e, { method: POLL })
    const subject = { format: 'email', email: 'gone@corp.example' }
    const removed = await e.call('POST', '/ssf/subjects:remove', {
      stream_id: stream.stream_id,
      subject
    })
    expect(removed.status).toBeLessThan(300)
    const r = await fire(e, { type: 'caep.session-revoked', subject })
    expect(r).toEqual({ status: 201, body: { sets: [], findings: [] } })
  })

  it('an event_timestamp in the future (by the engine clock) is refused', async () => {
    const e = (running.engine = await startTestEngine())
    await createStream(e, { method: POLL })
    const r = await fire(e, {
      type: 'caep.session-revoked',
      subject: { format: 'email', email: 'a@b.example' },
      claims: { event_timestamp: Math.floor(Date.now() / 1000) + 3600 }
    })
    expect(r.status).toBe(400)
  })
})

describe('stream management events', () => {
  it('a verification without state carries an empty payload', async () => {
    const { e, r, streamId } = await pushSetup()
    expect((await e.call('POST', '/ssf/verify', { stream_id: streamId })).status).toBe(204)
    await expect.poll(() => r.accepted().length).toBe(1)
    expect(r.accepted()[0]!.claims.events).toEqual({ [VERIFICATION]: {} })
  })

  it('streamUpdatedOnReceiverStatus: a Receiver-initiated pause is announced, with its reason', async () => {
    const { e, r, streamId } = await pushSetup({ streamUpdatedOnReceiverStatus: true })
    const res = await e.call('POST', '/ssf/status', {
      stream_id: streamId,
      status: 'paused',
      reason: 'rx maintenance'
    })
    expect(res.status).toBe(200)
    await expect.poll(() => r.accepted().length).toBe(1)
    expect(r.accepted()[0]!.claims.events).toEqual({
      [STREAM_UPDATED]: { status: 'paused', reason: 'rx maintenance' }
    })
    await e.call('POST', '/ssf/status', { stream_id: streamId, status: 'enabled' })
    await expect.poll(() => r.accepted().length).toBe(2)
    expect(r.accepted()[1]!.claims.events).toEqual({ [STREAM_UPDATED]: { status: 'enabled' } })
  })

  it('a pause leaves queued SETs queued: they are delivered, not dropped', async () => {
    const { e, r, streamId } = await pushSetup({ pushBackoffCapMs: 20 })
    r.respond = () => ({ status: 503 })
    const [made] = await fireOk(e, 'q@corp.example')
    await expect.poll(() => r.received.length).toBeGreaterThan(0)
    const res = await e.call('POST', '/ssf/status', { stream_id: streamId, status: 'paused' })
    expect(res.status).toBe(200)
    const outbound = e.core.ctx.services.delivery.outbound
    expect(outbound.get(made!.jti)?.state).toBe('queued')
    r.respond = () => ({ status: 202 })
    await expect.poll(() => outbound.get(made!.jti)?.state).toBe('delivered')
  })

  it('paused, then disabled by the Transmitter: the held announcement is dropped, never sent', async () => {
    const { e, r, streamId } = await pushSetup()
    const status = (s: string) => e.call('POST', `/api/streams/${streamId}/status`, { status: s })
    expect((await status('paused')).status).toBe(200)
    await expect.poll(() => r.accepted().length).toBe(1)
    expect((await status('disabled')).status).toBe(200)
    const outbound = e.core.ctx.services.delivery.outbound
    const states = () =>
      outbound
        .listByStream(streamId)
        .map((s) => s.state)
        .sort()
    expect(states()).toEqual(['delivered', 'dropped'])
    expect((await status('enabled')).status).toBe(200)
    await expect.poll(() => r.accepted().length).toBe(2)
    expect(r.accepted().map((x) => x.claims.events)).toEqual([
      { [STREAM_UPDATED]: { status: 'paused' } },
      { [STREAM_UPDATED]: { status: 'enabled' } }
    ])
    await expect.poll(states).toEqual(['delivered', 'delivered', 'dropped'])
  })

  it('a Receiver-initiated disable (not announced) drops everything pending', async () => {
    const { e, r, streamId } = await pushSetup()
    r.respond = () => ({ status: 503 })
    const [made] = await fireOk(e, 'd@corp.example')
    await expect.poll(() => r.received.length).toBeGreaterThan(0)
    const res = await e.call('POST', '/ssf/status', { stream_id: streamId, status: 'disabled' })
    expect(res.status).toBe(200)
    const outbound = e.core.ctx.services.delivery.outbound
    expect(outbound.get(made!.jti)).toMatchObject({
      state: 'dropped',
      last_error: 'stream disabled'
    })
    expect(outbound.listByStream(streamId).map((s) => s.state)).toEqual(['dropped'])
  })
})
