/**
 * Guard for mutation testing (docs/testing.md): the push route is built while the engine starts.
 * The other receiver tests start it in `beforeAll`, where Stryker's per-test coverage does not
 * see the route being built, so a mutant that empties the route's handler list ran no test.
 * Here the engine starts inside the test.
 */
import { expect, it } from 'vitest'
import { startTestEngine } from '../helpers/bootstrap'
import { startTestTransmitter } from './helpers/test-transmitter'

const AUDIENCE = 'https://receiver.test/route-guard'

it('an engine started in the test answers pushes: 202 empty, 400 JSON, 404 for an unknown id', async () => {
  const engine = await startTestEngine()
  const tx = await startTestTransmitter(() => AUDIENCE)
  try {
    const created = await engine.call('POST', '/api/receivers', {
      issuer: tx.issuer,
      audience: AUDIENCE
    })
    expect(created.status).toBe(201)
    const { push_endpoint } = (await created.json()) as { push_endpoint: string }
    const post = (url: string, body: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/secevent+jwt' },
        body
      })

    const { token } = await tx.sign()
    const ok = await post(push_endpoint, token)
    expect(ok.status).toBe(202)
    expect(ok.headers.get('cache-control')).toBe('no-store')
    expect(await ok.text()).toBe('')

    const bad = await post(push_endpoint, 'not a jwt')
    expect(bad.status).toBe(400)
    expect(bad.headers.get('cache-control')).toBe('no-store')
    expect(bad.headers.get('content-type')).toMatch(/^application\/json/)
    expect(((await bad.json()) as { err: string }).err).toBe('invalid_request')

    const unknown = await post(`${engine.url}/receiver/no-such-receiver/push`, token)
    expect(unknown.status).toBe(404)
  } finally {
    await engine.stop()
    await tx.close()
  }
})
