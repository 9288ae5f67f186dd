import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import type { StreamRecord } from '../../../src/main/store/streams-repo'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL_STREAM } from '../oauth/helpers'

const ALICE = { format: 'email', email: 'alice@example.com' }
const BOB = { format: 'email', email: 'bob@example.com' }

let engine: TestEngine
let streamId: string
let pollUrl: string

async function subjects(): Promise<{ subject: unknown; verified: boolean }[]> {
  const res = await engine.call('GET', `/api/streams/${streamId}`)
  return ((await res.json()) as { subjects: { subject: unknown; verified: boolean }[] }).subjects
}
const verifiedOf = async (subject: unknown) =>
  (await subjects()).find((s) => JSON.stringify(s.subject) === JSON.stringify(subject))?.verified
function stream(): StreamRecord {
  const record = engine.core.ctx.repos.streams.get(streamId)
  if (!record) throw new Error('stream vanished')
  return record
}
const allows = (subject: typeof ALICE) =>
  engine.core.ctx.services.consents.allows(stream(), subject)

async function form(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${engine.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString()
  })
}

beforeAll(async () => {
  engine = await startTestEngine()
  expect((await engine.call('POST', '/api/tenants', { tenant_id: 'acme' })).status).toBe(201)
  const created = await engine.call('POST', '/t/acme/ssf/streams', POLL_STREAM)
  const stream = (await created.json()) as { stream_id: string; delivery: { endpoint_url: string } }
  streamId = stream.stream_id
  pollUrl = stream.delivery.endpoint_url.replace(/^http:\/\/[^/]+/, engine.url)
  const required = await engine.call('PUT', `/api/streams/${streamId}/consent`, { required: true })
  expect(required.status).toBe(200)
  expect(await required.json()).toEqual({ stream_id: streamId, consent_required: true })
})
afterAll(() => engine.stop())

describe('subject consent', () => {
  it('a subject added without consent stays unverified and gets no events', async () => {
    const add = await engine.call('POST', '/t/acme/ssf/subjects:add', {
      stream_id: streamId,
      subject: ALICE,
      verified: true
    })
    expect(add.status).toBe(200)
    expect(await verifiedOf(ALICE)).toBe(false)
    // Through delivery: an event about the subject makes no SET for the stream, none to poll.
    const fired = await engine.call('POST', '/api/events', {
      type: 'caep.session-revoked',
      subject: ALICE,
      claims: { event_timestamp: 1_767_225_600 }
    })
    expect(fired.status).toBe(201)
    const { sets } = (await fired.json()) as { sets: { stream_id: string }[] }
    expect(sets.filter((x) => x.stream_id === streamId)).toEqual([])
    const polled = await fetch(pollUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${engine.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ returnImmediately: true })
    })
    expect(polled.status).toBe(200)
    expect(await polled.json()).toMatchObject({ sets: {} })
  })

  it('consent through the control API verifies the subject; revoking stops the flow', async () => {
    const res = await engine.call('POST', '/api/consents', { tenant: 'acme', subject: ALICE })
    expect(res.status).toBe(201)
    const consent = (await res.json()) as { consent_id: string; tenant: string }
    expect(consent.tenant).toBe('acme')
    expect(await verifiedOf(ALICE)).toBe(true)
    expect(allows(ALICE)).toBe(true)
    expect(allows(BOB)).toBe(false)

    expect((await engine.call('DELETE', `/api/consents/${consent.consent_id}`)).status).toBe(204)
    expect(await verifiedOf(ALICE)).toBe(false)
    expect(allows(ALICE)).toBe(false)
    expect((await engine.call('DELETE', `/api/consents/${consent.consent_id}`)).status).toBe(404)
    const list = (await (await engine.call('GET', '/api/consents')).json()) as {
      consent_id: string
      revoked_at?: number
    }[]
    expect(list.find((c) => c.consent_id === consent.consent_id)?.revoked_at).toBeTypeOf('number')
  })

  it('a subject added after consent is verified at once', async () => {
    const res = await engine.call('POST', '/api/consents', { tenant: 'acme', subject: BOB })
    expect(res.status).toBe(201)
    await engine.call('POST', '/t/acme/ssf/subjects:add', {
      stream_id: streamId,
      subject: BOB,
      verified: false
    })
    expect(await verifiedOf(BOB)).toBe(true)
  })

  it('consent in another tenant does not count', async () => {
    const carol = { format: 'email', email: 'carol@example.com' }
    await engine.call('POST', '/api/consents', { subject: carol })
    expect(allows(carol)).toBe(false)
  })

  it('streams that do not require consent are unaffected', async () => {
    const off = await engine.call('PUT', `/api/streams/${streamId}/consent`, { required: false })
    expect(off.status).toBe(200)
    expect(allows({ format: 'email', email: 'dave@example.com' })).toBe(true)
    await engine.call('PUT', `/api/streams/${streamId}/consent`, { required: true })
  })

  test.each([
    ['POST', '/api/consents', { tenant: 'nope', subject: ALICE }, 400],
    ['POST', '/api/consents', { subject: { format: 'email' } }, 400],
    ['POST', '/api/consents', { subject: ALICE, client_id: 'nope' }, 400],
    ['POST', '/api/consents', [], 400],
    ['PUT', '/api/streams/st_nope/consent', { required: true }, 404],
    ['PUT', `/api/streams/x/consent`, { required: 'yes' }, 400],
    ['DELETE', '/api/consents/cs_nope', undefined, 404]
  ])('%s %s → %i', async (method, path, body, status) => {
    const res = await engine.call(method, path, body)
    expect(res.status).toBe(status)
    expect(await res.json()).toHaveProperty('err')
  })
})

describe('the simulated user consent screen', () => {
  it('grants and withdraws consent through HTML forms', async () => {
    const erin = { format: 'email', email: 'erin@example.com' }
    await engine.call('POST', '/t/acme/ssf/subjects:add', { stream_id: streamId, subject: erin })
    expect(await verifiedOf(erin)).toBe(false)

    const page = await fetch(`${engine.url}/consent/acme`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(await page.text()).toContain('name="email"')

    const granted = await form('/consent/acme', { email: erin.email, decision: 'approve' })
    expect(granted.status).toBe(200)
    const html = await granted.text()
    const id = /data-testid="consent-id">([^<]+)</.exec(html)?.[1]
    expect(id).toMatch(/^cs_/)
    expect(await verifiedOf(erin)).toBe(true)

    const revoked = await form('/consent/acme/revoke', { consent_id: id ?? '' })
    expect(revoked.status).toBe(200)
    expect(await verifiedOf(erin)).toBe(false)
  })

  it('a refusal records nothing', async () => {
    const before = ((await (await engine.call('GET', '/api/consents')).json()) as unknown[]).length
    const res = await form('/consent/acme', { email: 'x@example.com', decision: 'deny' })
    expect(res.status).toBe(200)
    const after = ((await (await engine.call('GET', '/api/consents')).json()) as unknown[]).length
    expect(after).toBe(before)
  })

  test.each([
    ['GET', '/consent/nope', undefined, 404],
    ['POST', '/consent/acme', { email: 'not-an-email', decision: 'approve' }, 400],
    ['POST', '/consent/acme', { email: 'a@example.com' }, 400],
    ['POST', '/consent/acme/revoke', { consent_id: 'cs_nope' }, 404]
  ])('%s %s → %i JSON error', async (method, path, fields, status) => {
    const res =
      method === 'GET' ? await fetch(`${engine.url}${path}`) : await form(path, fields ?? {})
    expect(res.status).toBe(status)
    expect(await res.json()).toHaveProperty('err')
  })
})
