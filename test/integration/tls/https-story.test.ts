/**
 * `--https`: the whole receiver story over TLS with a client whose only trust anchor is the
 * engine's local CA: discovery, JWKS, stream, subjects, verification, poll, and push to an https
 * receiver (the engine's own Receiver, whose client and push worker must trust the CA too).
 * A client without the CA fails with a certificate error, and nothing falls back to http.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeJwt } from 'jose'
import { createNodeFetch } from '../../../src/main/http/node-fetch'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { caller, engineCa, fetchTrusting } from './helpers'

const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const VERIFICATION = 'https://schemas.openid.net/secevent/ssf/event-type/verification'
const ALICE = { format: 'email', email: 'alice@example.com' }

let engine: TestEngine
let call: ReturnType<typeof caller>
let trusting: typeof fetch
let metadata: Record<string, unknown>

beforeAll(async () => {
  // No injected fetch: the engine's own outbound transport (with its CA) is under test.
  engine = await startTestEngine({ https: true }, undefined, { fetch: undefined })
  trusting = fetchTrusting(engineCa(engine.dataDir))
  call = caller(trusting, engine.url, engine.token)
})
afterAll(() => engine.stop())

describe('serving https with the local CA', () => {
  it('listens on https://localhost:PORT and advertises https everywhere', async () => {
    expect(engine.url).toMatch(/^https:\/\/localhost:\d+$/)
    expect(engine.core.httpsUrl).toBe(engine.url)
    const res = await trusting(`${engine.url}/.well-known/ssf-configuration`)
    expect(res.status).toBe(200)
    metadata = (await res.json()) as Record<string, unknown>
    expect(metadata.issuer).toBe(engine.url)
    const urls = Object.entries(metadata).filter(
      ([k, v]) => typeof v === 'string' && (k.endsWith('_uri') || k.endsWith('_endpoint'))
    )
    expect(urls.length).toBeGreaterThanOrEqual(5)
    for (const [, v] of urls) expect(v).toMatch(new RegExp(`^${engine.url}/`))
    const jwks = (await (await trusting(String(metadata.jwks_uri))).json()) as { keys: unknown[] }
    expect(jwks.keys.length).toBeGreaterThan(0)
  })

  it('runs stream, subjects, verification and poll for an app that trusts only the CA', async () => {
    const created = await call('POST', '/ssf/streams', {
      delivery: { method: 'urn:ietf:rfc:8936' },
      events_requested: [SESSION_REVOKED]
    })
    expect(created.status).toBe(201)
    const stream = (await created.json()) as {
      stream_id: string
      delivery: { endpoint_url: string }
    }
    expect(stream.delivery.endpoint_url).toMatch(new RegExp(`^${engine.url}/`))
    const added = await call('POST', '/ssf/subjects:add', {
      stream_id: stream.stream_id,
      subject: ALICE,
      verified: true
    })
    expect(added.status).toBe(200)
    const verified = await call('POST', '/ssf/verify', {
      stream_id: stream.stream_id,
      state: 'tls-state'
    })
    expect(verified.status).toBe(204)
    const fired = await call('POST', '/api/events', {
      type: SESSION_REVOKED,
      subject: ALICE,
      stream_ids: [stream.stream_id]
    })
    expect(fired.status).toBe(201)
    const polled = await call('POST', new URL(stream.delivery.endpoint_url).pathname, {
      returnImmediately: true,
      maxEvents: 10
    })
    expect(polled.status).toBe(200)
    const { sets } = (await polled.json()) as { sets: Record<string, string> }
    const events = Object.values(sets).map((s) => decodeJwt(s))
    expect(events.every((e) => e.iss === engine.url)).toBe(true)
    expect(events.map((e) => Object.keys(e.events as object)[0]).sort()).toEqual(
      [SESSION_REVOKED, VERIFICATION].sort()
    )
    const acked = await call('POST', new URL(stream.delivery.endpoint_url).pathname, {
      ack: Object.keys(sets),
      returnImmediately: true
    })
    expect(((await acked.json()) as { sets: object }).sets).toEqual({})
  })
})

describe.each(['push', 'poll'] as const)(
  "the engine's Receiver on its own https Transmitter, by %s",
  (delivery) => {
    it('discovers, creates a stream, verifies and receives SETs over TLS', async () => {
      const registered = await call('POST', '/api/receivers', {
        issuer: engine.url,
        audience: 'set-below',
        transmitter_token: engine.token
      })
      expect(registered.status).toBe(201)
      const receiver = (await registered.json()) as { receiver_id: string; push_endpoint: string }
      expect(receiver.push_endpoint).toMatch(new RegExp(`^${engine.url}/receiver/`))
      const id = receiver.receiver_id
      const created = (await (
        await call('POST', `/api/receivers/${id}/stream`, {
          delivery,
          events_requested: [SESSION_REVOKED]
        })
      ).json()) as { ok: boolean; result: { aud: string | string[]; stream_id: string } }
      expect(created.ok).toBe(true)
      const aud = created.result.aud
      await call('PATCH', `/api/receivers/${id}`, { audience: Array.isArray(aud) ? aud[0] : aud })
      const subject = await call('POST', `/api/receivers/${id}/subjects/add`, { subject: ALICE })
      expect(((await subject.json()) as { ok: boolean }).ok).toBe(true)
      const verify = await call('POST', `/api/receivers/${id}/verify`, {})
      expect(((await verify.json()) as { ok: boolean }).ok).toBe(true)
      const fired = await call('POST', '/api/events', {
        type: SESSION_REVOKED,
        subject: ALICE,
        stream_ids: [created.result.stream_id]
      })
      expect(fired.status).toBe(201)
      await expect
        .poll(
          async () => {
            if (delivery === 'poll') await call('POST', `/api/receivers/${id}/poll`)
            const inbox = (await (await call('GET', `/api/receivers/${id}/inbox`)).json()) as {
              verdict: string
              via: string
              payload?: { events?: Record<string, unknown> }
            }[]
            return inbox
              .filter((e) => e.payload?.events?.[SESSION_REVOKED] !== undefined)
              .map((e) => ({ verdict: e.verdict, via: e.via }))
          },
          { timeout: 10_000 }
        )
        .toEqual([{ verdict: 'accepted', via: delivery }])
    })
  }
)

describe('a client that does not trust the CA', () => {
  it('fails with a certificate error (Node defaults and the platform fetch)', async () => {
    const url = `${engine.url}/.well-known/ssf-configuration`
    await expect(createNodeFetch()(url)).rejects.toMatchObject({
      cause: { code: expect.stringMatching(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/) }
    })
    await expect(fetch(url)).rejects.toMatchObject({
      cause: { code: expect.stringMatching(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/) }
    })
  })

  it('gets no answer over plain http on the https port: nothing falls back to http', async () => {
    const plain = engine.url.replace('https:', 'http:')
    const outcome = await fetch(`${plain}/.well-known/ssf-configuration`).then(
      (res) => `HTTP ${res.status}`,
      () => 'refused'
    )
    expect(outcome).not.toBe('HTTP 200')
  })
})
