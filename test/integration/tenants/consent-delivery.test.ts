/**
 * Events about a subject flow on a consent-required stream only after its user consented, and
 * stop when consent is withdrawn; tenant streams' SETs carry the tenant's issuer. Real HTTP:
 * fire through the control API, poll the tenant's poll endpoint, verify with the JWKS.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

const ALICE = { format: 'email', email: 'alice@example.com' }
const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'

let engine: TestEngine
let streamId: string
let pollUrl: string
let aud: string

async function fire(): Promise<{ stream_id: string; jti: string }[]> {
  const res = await engine.call('POST', '/api/events', {
    type: 'caep.session-revoked',
    subject: ALICE,
    claims: { event_timestamp: 1_767_225_600 }
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { sets: { stream_id: string; jti: string }[] }).sets
}

/** Poll and acknowledge everything; returns the SET tokens. */
async function drain(): Promise<string[]> {
  const res = await fetch(pollUrl, {
    method: 'POST',
    headers: { Authorization: `Bearer ${engine.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ returnImmediately: true, maxEvents: 100 })
  })
  expect(res.status).toBe(200)
  const sets = Object.entries(((await res.json()) as { sets: Record<string, string> }).sets)
  if (sets.length > 0) {
    const ack = await fetch(pollUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${engine.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ returnImmediately: true, maxEvents: 0, ack: sets.map(([jti]) => jti) })
    })
    expect(ack.status).toBe(200)
  }
  return sets.map(([, token]) => token)
}

beforeAll(async () => {
  engine = await startTestEngine({ defaultSubjects: 'NONE' })
  expect((await engine.call('POST', '/api/tenants', { tenant_id: 'acme' })).status).toBe(201)
  const created = await engine.call('POST', '/t/acme/ssf/streams', {
    events_requested: [SESSION_REVOKED]
  })
  expect(created.status).toBe(201)
  const stream = (await created.json()) as {
    stream_id: string
    aud: string
    delivery: { endpoint_url: string }
  }
  streamId = stream.stream_id
  pollUrl = stream.delivery.endpoint_url.replace(/^http:\/\/[^/]+/, engine.url)
  aud = stream.aud
  expect(
    (await engine.call('PUT', `/api/streams/${streamId}/consent`, { required: true })).status
  ).toBe(200)
  const add = await engine.call('POST', '/t/acme/ssf/subjects:add', {
    stream_id: streamId,
    subject: ALICE
  })
  expect(add.status).toBe(200)
})
afterAll(() => engine.stop())

describe('subject consent gates delivery', () => {
  it('no consent: the event is not sent to the stream', async () => {
    expect((await fire()).filter((s) => s.stream_id === streamId)).toEqual([])
    expect(await drain()).toEqual([])
  })

  it('after consent the SET arrives, signed, with the tenant issuer as iss', async () => {
    const granted = await engine.call('POST', '/api/consents', { tenant: 'acme', subject: ALICE })
    expect(granted.status).toBe(201)
    const consentId = ((await granted.json()) as { consent_id: string }).consent_id
    const fired = (await fire()).filter((s) => s.stream_id === streamId)
    expect(fired).toHaveLength(1)
    const tokens = await drain()
    expect(tokens).toHaveLength(1)
    const issuer = `${engine.url}/t/acme`
    const metadata = (await (
      await fetch(`${engine.url}/.well-known/ssf-configuration/t/acme`)
    ).json()) as { issuer: string; jwks_uri: string }
    expect(metadata.issuer).toBe(issuer)
    const { payload } = await jwtVerify(
      tokens[0] ?? '',
      createRemoteJWKSet(new URL(metadata.jwks_uri)),
      {
        typ: 'secevent+jwt',
        issuer,
        audience: aud
      }
    )
    expect(payload.jti).toBe(fired[0]?.jti)
    expect(payload.sub_id).toEqual(ALICE)
    expect(Object.keys(payload.events as object)).toEqual([SESSION_REVOKED])

    expect((await engine.call('DELETE', `/api/consents/${consentId}`)).status).toBe(204)
    expect((await fire()).filter((s) => s.stream_id === streamId)).toEqual([])
    expect(await drain()).toEqual([])
  })
})
