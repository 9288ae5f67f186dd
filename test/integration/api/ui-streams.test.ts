/**
 * Control-API stream actions for the UI: create for a client, update, delete, subjects,
 * verification — real HTTP against a real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StreamView } from '../../../src/shared/api/contract'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine({ minVerificationInterval: 30 })
})
afterAll(() => engine.stop())

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T
}

async function createPoll(body: Record<string, unknown> = {}): Promise<StreamView> {
  const res = await engine.call('POST', '/api/streams', {
    delivery: { method: 'urn:ietf:rfc:8936' },
    ...body
  })
  expect(res.status).toBe(201)
  return json<StreamView>(res)
}

describe('POST /api/streams', () => {
  it('creates a stream for the default client and lists it', async () => {
    const view = await createPoll({ events_requested: [SESSION_REVOKED], description: 'ui' })
    expect(view.status).toBe('enabled')
    expect(view.config.events_delivered).toEqual([SESSION_REVOKED])
    expect(view.config.delivery.endpoint_url).toMatch(/\/ssf\/poll\//)
    const list = await json<StreamView[]>(await engine.call('GET', '/api/streams'))
    expect(list.map((s) => s.config.stream_id)).toContain(view.config.stream_id)
  })

  it('creates a push stream for another client, visible to that client only', async () => {
    const client = await json<{ client_id: string; token: string }>(
      await engine.call('POST', '/api/clients', { name: 'app' })
    )
    const res = await engine.call('POST', '/api/streams', {
      client_id: client.client_id,
      delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: 'http://127.0.0.1:9/push' }
    })
    expect(res.status).toBe(201)
    const view = await json<StreamView>(res)
    expect(view.client_id).toBe(client.client_id)
    const own = await json<{ stream_id: string }[]>(
      await engine.call('GET', '/ssf/streams', undefined, client.token)
    )
    expect(own.map((s) => s.stream_id)).toEqual([view.config.stream_id])
  })

  it.each([
    [{ client_id: 'nope' }, 404, 'not_found'],
    [{ client_id: 7 }, 400, 'invalid_request'],
    [{ delivery: { method: 'urn:ietf:rfc:8935' } }, 400, 'invalid_request'],
    [
      { delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: 'not a url' } },
      400,
      'invalid_request'
    ],
    [[], 400, 'invalid_request']
  ])('refuses %j with %i %s', async (body, status, err) => {
    const res = await engine.call('POST', '/api/streams', body)
    expect(res.status).toBe(status)
    const out = await json<{ err: string; description: string }>(res)
    expect(out.err).toBe(err)
    expect(out.description.length).toBeGreaterThan(0)
  })
})

describe('PATCH and DELETE /api/streams/{id}', () => {
  it('updates Receiver-supplied members and refuses Transmitter-supplied ones', async () => {
    const view = await createPoll()
    const id = view.config.stream_id
    const ok = await engine.call('PATCH', `/api/streams/${id}`, {
      description: 'renamed',
      events_requested: [SESSION_REVOKED]
    })
    expect(ok.status).toBe(200)
    const updated = await json<StreamView>(ok)
    expect(updated.config.description).toBe('renamed')
    expect(updated.config.events_delivered).toEqual([SESSION_REVOKED])
    const bad = await engine.call('PATCH', `/api/streams/${id}`, { iss: 'https://elsewhere' })
    expect(bad.status).toBe(400)
  })

  it('deletes a stream; a second delete is 404', async () => {
    const view = await createPoll()
    const path = `/api/streams/${view.config.stream_id}`
    expect((await engine.call('DELETE', path)).status).toBe(204)
    expect((await engine.call('GET', path)).status).toBe(404)
    expect((await engine.call('DELETE', path)).status).toBe(404)
  })

  it.each([
    ['PATCH', { description: 'x' }],
    ['DELETE', undefined]
  ])('%s on an unknown stream is 404', async (method, body) => {
    expect((await engine.call(method, '/api/streams/st_missing', body)).status).toBe(404)
  })
})

describe('/api/streams/{id}/subjects', () => {
  it('adds and removes subjects of every kind', async () => {
    const view = await createPoll()
    const path = `/api/streams/${view.config.stream_id}/subjects`
    const subjects = [
      { format: 'email', email: 'alice@example.com' },
      { format: 'phone_number', phone_number: '+14155550123' },
      { format: 'iss_sub', iss: 'https://idp.example.com', sub: '42' },
      { format: 'complex', user: { format: 'email', email: 'bob@example.com' } },
      {
        format: 'aliases',
        identifiers: [
          { format: 'opaque', id: 'x' },
          { format: 'did', url: 'did:example:123' }
        ]
      }
    ]
    for (const subject of subjects)
      expect((await engine.call('POST', path, { subject })).status).toBe(204)
    const read = await json<StreamView>(
      await engine.call('GET', `/api/streams/${view.config.stream_id}`)
    )
    expect(read.subjects.map((s) => s.subject)).toEqual(expect.arrayContaining(subjects))
    expect((await engine.call('DELETE', path, { subject: subjects[0] })).status).toBe(204)
    // Removing an absent subject is a silent success (SSF 1.0 §8.1.3.3).
    expect((await engine.call('DELETE', path, { subject: subjects[0] })).status).toBe(204)
    const after = await json<StreamView>(
      await engine.call('GET', `/api/streams/${view.config.stream_id}`)
    )
    expect(after.subjects).toHaveLength(subjects.length - 1)
  })

  it.each([
    [{ subject: { format: 'email', email: 'not-an-email' } }, /email/],
    [{ subject: { format: 'phone_number', phone_number: '415 555' } }, /E\.164/],
    [{}, /subject/]
  ])('refuses %j with a description naming the member', async (body, words) => {
    const view = await createPoll()
    const res = await engine.call('POST', `/api/streams/${view.config.stream_id}/subjects`, body)
    expect(res.status).toBe(400)
    expect((await json<{ description: string }>(res)).description).toMatch(words)
  })
})

describe('POST /api/streams/{id}/verify', () => {
  it('accepts a verification request, then limits the rate with 429', async () => {
    const view = await createPoll()
    const path = `/api/streams/${view.config.stream_id}/verify`
    expect((await engine.call('POST', path, { state: 'abc' })).status).toBe(204)
    const again = await engine.call('POST', path, {})
    expect(again.status).toBe(429)
    expect((await json<{ description: string }>(again)).description).toMatch(
      /min_verification_interval/
    )
  })

  it('is 404 for an unknown stream', async () => {
    expect((await engine.call('POST', '/api/streams/st_missing/verify', {})).status).toBe(404)
  })
})
