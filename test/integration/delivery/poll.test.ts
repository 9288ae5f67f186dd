import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, PUSH, STREAM_UPDATED, createStream, fireOk } from './helpers'

let engine: TestEngine | undefined
afterEach(async () => {
  await engine?.stop()
  engine = undefined
})

interface PollBody {
  sets: Record<string, string>
  moreAvailable?: boolean
}

async function setup(options: Record<string, unknown> = {}) {
  const e = (engine = await startTestEngine({ pollWaitSeconds: 1, ...options }))
  const stream = await createStream(e, { method: POLL })
  const path = new URL(stream.delivery.endpoint_url).pathname
  expect(stream.delivery.endpoint_url).toBe(`${e.core.issuer}/ssf/poll/${stream.stream_id}`)
  const poll = async (body?: unknown, token?: string) => {
    const res = await e.call('POST', path, body, token)
    return { status: res.status, body: (await res.json()) as PollBody & Record<string, unknown> }
  }
  return { e, streamId: stream.stream_id, aud: stream.aud, path, poll }
}

describe('poll delivery (RFC 8936)', () => {
  it('hands out SETs oldest first with maxEvents/moreAvailable; unacked come back, acked never', async () => {
    const { e, poll, aud } = await setup()
    const fired = [
      ...(await fireOk(e, 'a@b.example')),
      ...(await fireOk(e, 'a@b.example')),
      ...(await fireOk(e, 'a@b.example'))
    ].map((s) => s.jti)
    const first = await poll({ maxEvents: 2, returnImmediately: true })
    expect(first.status).toBe(200)
    expect(Object.keys(first.body.sets)).toEqual(fired.slice(0, 2))
    expect(first.body.moreAvailable).toBe(true)
    const jwks = createLocalJWKSet(e.core.ctx.keys.jwks(Date.now()))
    for (const [jti, token] of Object.entries(first.body.sets)) {
      const { payload } = await jwtVerify(token, jwks, {
        typ: 'secevent+jwt',
        issuer: e.core.issuer,
        audience: aud
      })
      expect(payload.jti).toBe(jti)
    }
    // Not acknowledged yet: they come back, with the third.
    const again = await poll({ returnImmediately: true })
    expect(Object.keys(again.body.sets)).toEqual(fired)
    expect(again.body.moreAvailable).toBe(false)
    // Ack two, reject one: nothing is outstanding any more.
    const acked = await poll({
      ack: [fired[0], fired[1]],
      setErrs: { [fired[2]!]: { err: 'invalid_key', description: 'kid unknown' } },
      returnImmediately: true
    })
    expect(acked.body).toEqual({ sets: {}, moreAvailable: false })
    const { outbound } = e.core.ctx.services.delivery
    expect(outbound.get(fired[0]!)?.state).toBe('acked')
    expect(outbound.get(fired[2]!)?.state).toBe('failed')
    expect(outbound.setErrs(outbound.get(fired[2]!)!.stream_id)).toEqual([
      { jti: fired[2], err: 'invalid_key', description: 'kid unknown' }
    ])
    // Acking again (or acking unknown jtis) is harmless.
    const repeat = await poll({ ack: fired, returnImmediately: true })
    expect(repeat.body.sets).toEqual({})
  })

  it('maxEvents 0 is acknowledge-only and answers at once', async () => {
    const { e, poll } = await setup({ pollWaitSeconds: 30 })
    const [a] = await fireOk(e, 'a@b.example')
    const res = await poll({ ack: [a!.jti], maxEvents: 0 })
    expect(res.body).toEqual({ sets: {}, moreAvailable: false })
    expect(e.core.ctx.services.delivery.outbound.get(a!.jti)?.state).toBe('acked')
  })

  it('a long poll waits for the next SET', async () => {
    const { e, poll, streamId } = await setup({ pollWaitSeconds: 20 })
    const pending = poll({})
    await expect.poll(() => e.core.ctx.services.delivery.pollQueue.waiting(streamId)).toBe(1)
    const [made] = await fireOk(e, 'a@b.example')
    const res = await pending
    expect(Object.keys(res.body.sets)).toEqual([made!.jti])
  })

  it('an empty or absent body is {} (a long poll that ends empty after the bounded wait)', async () => {
    const { poll, path, e } = await setup({ pollWaitSeconds: 1 })
    const started = Date.now()
    const res = await poll()
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ sets: {}, moreAvailable: false })
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    const empty = await fetch(`${e.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${e.token}`, 'Content-Type': 'application/json' },
      body: ''
    })
    expect(empty.status).toBe(200)
  })

  it('paused streams hold new SETs; a pause announcement queued before the pause is still polled', async () => {
    const { e, poll, streamId } = await setup()
    await e.call('POST', `/api/streams/${streamId}/status`, { status: 'paused' })
    const [held] = await fireOk(e, 'a@b.example')
    expect(held!.state).toBe('held')
    const res = await poll({ returnImmediately: true })
    const tokens = Object.values(res.body.sets)
    expect(tokens).toHaveLength(1)
    expect(Object.keys(res.body.sets)).not.toContain(held!.jti)
    const payload = JSON.parse(Buffer.from(tokens[0]!.split('.')[1]!, 'base64url').toString()) as {
      events: Record<string, unknown>
    }
    expect(payload.events).toEqual({ [STREAM_UPDATED]: { status: 'paused' } })
  })

  it.each([
    ['a JSON array', '[]'],
    ['negative maxEvents', '{"maxEvents":-1}'],
    ['fractional maxEvents', '{"maxEvents":1.5}'],
    ['string maxEvents', '{"maxEvents":"10"}'],
    ['non-boolean returnImmediately', '{"returnImmediately":"yes"}'],
    ['ack not an array', '{"ack":"jti-1"}'],
    ['ack with a number', '{"ack":[1]}'],
    ['setErrs an array', '{"setErrs":[]}'],
    ['setErrs without err', '{"setErrs":{"j":{"description":"x"}}}'],
    ['invalid JSON', '{"ack":'],
    ['a JSON string', '"hello"']
  ])('400 invalid_request for %s', async (_name, body) => {
    const { poll } = await setup()
    const res = await poll(body)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ err: 'invalid_request', description: expect.any(String) })
  })

  it('refuses a non-JSON body', async () => {
    const { e, path } = await setup()
    const res = await fetch(`${e.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${e.token}`, 'Content-Type': 'text/plain' },
      body: 'maxEvents=1'
    })
    expect(res.status).toBe(415)
    expect(await res.json()).toMatchObject({ err: 'unsupported_media_type' })
  })

  it('unknown streams and other clients get 404, no token 401, push streams 400', async () => {
    const { e, path } = await setup()
    const unknown = await e.call('POST', '/ssf/poll/st_unknown', {})
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ err: 'not_found' })
    const other = await e.call('POST', '/api/clients', { name: 'other' })
    const { token } = (await other.json()) as { token: string }
    const foreign = await e.call('POST', path, { returnImmediately: true }, token)
    expect(foreign.status).toBe(404)
    const anonymous = await fetch(`${e.url}${path}`, { method: 'POST' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/)
    const push = await createStream(e, { method: PUSH, endpoint_url: 'http://127.0.0.1:9/x' })
    const res = await e.call('POST', `/ssf/poll/${push.stream_id}`, {})
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ err: 'invalid_request' })
  })

  it('a restart keeps un-acked SETs', async () => {
    const { e, poll } = await setup()
    const [a] = await fireOk(e, 'a@b.example')
    await poll({ returnImmediately: true })
    const dataDir = e.dataDir
    const port = Number(new URL(e.url).port)
    await e.stop(false)
    engine = await startTestEngine({ port }, dataDir)
    const streams = engine.core.ctx.repos.streams.listAll()
    const e2 = engine
    // The client's pooled keep-alive socket to the old server may be stale once: retry.
    const res = await vi.waitFor(() =>
      e2.call('POST', `/ssf/poll/${streams[0]!.stream_id}`, { returnImmediately: true })
    )
    expect(Object.keys(((await res.json()) as PollBody).sets)).toEqual([a!.jti])
  })
})
