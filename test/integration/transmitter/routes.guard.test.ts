/**
 * Guard for mutation testing (docs/testing.md) of the Transmitter's endpoints. Each route's
 * handler list is built while the engine starts; the endpoint tests start it in `beforeAll`,
 * where Stryker's per-test coverage does not see the routes being built, so a mutant that emptied
 * a handler list ran no test. Here the engine starts inside the test, and every endpoint answers
 * once with its status.
 */
import { expect, it } from 'vitest'
import { startTestEngine } from '../helpers/bootstrap'
import { POLL, RX_URL, SESSION_REVOKED, createStream } from './fixtures'

it('an engine started in the test answers every Transmitter endpoint', async () => {
  const engine = await startTestEngine()
  try {
    const metadata = await fetch(`${engine.url}/.well-known/ssf-configuration`)
    expect(metadata.status).toBe(200)
    expect(((await metadata.json()) as { issuer: string }).issuer).toBe(engine.url)
    const jwks = await fetch(`${engine.url}/ssf/jwks`)
    expect(jwks.status).toBe(200)
    expect(jwks.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/)

    const push = await createStream(engine, {
      delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: RX_URL },
      events_requested: [SESSION_REVOKED]
    })
    const id = push.stream_id
    const q = `?stream_id=${encodeURIComponent(id)}`
    const list = await engine.call('GET', '/ssf/streams')
    expect(list.status).toBe(200)
    expect(((await list.json()) as { stream_id: string }[]).map((s) => s.stream_id)).toEqual([id])
    expect((await engine.call('GET', `/ssf/streams${q}`)).status).toBe(200)
    const update = { stream_id: id, events_requested: [SESSION_REVOKED] }
    expect((await engine.call('PATCH', '/ssf/streams', update)).status).toBe(200)
    const replace = { ...update, delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: RX_URL } }
    expect((await engine.call('PUT', '/ssf/streams', replace)).status).toBe(200)
    expect((await engine.call('GET', `/ssf/status${q}`)).status).toBe(200)
    const paused = await engine.call('POST', '/ssf/status', { stream_id: id, status: 'paused' })
    expect(paused.status).toBe(200)
    const subject = { stream_id: id, subject: { format: 'email', email: 'a@example.com' } }
    expect((await engine.call('POST', '/ssf/subjects:add', subject)).status).toBe(200)
    expect((await engine.call('POST', '/ssf/subjects:remove', subject)).status).toBe(204)
    expect((await engine.call('POST', '/ssf/verify', { stream_id: id })).status).toBe(204)
    expect((await engine.call('DELETE', `/ssf/streams${q}`)).status).toBe(204)

    const poll = await createStream(engine, {
      delivery: { method: POLL },
      events_requested: [SESSION_REVOKED]
    })
    const endpoint = (poll.delivery as { endpoint_url: string }).endpoint_url
    const polled = await fetch(endpoint, {
      method: 'POST',
      headers: { Authorization: `Bearer ${engine.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ returnImmediately: true })
    })
    expect(polled.status).toBe(200)
    expect(await polled.json()).toMatchObject({ sets: {} })
  } finally {
    await engine.stop()
  }
})
