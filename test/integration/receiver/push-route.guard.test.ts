/**
 * Guards for mutation testing (docs/testing.md) of the Receiver's push endpoint. The route is
 * built while the engine starts; the other receiver tests start it in `beforeAll`, where
 * Stryker's per-test coverage does not see the route being built, so a mutant that emptied the
 * route's handler list ran no test. Here the engine starts inside each test. The exchange each
 * push records in the traffic log is compared field by field.
 */
import { expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { startTestTransmitter, type TestTransmitter } from './helpers/test-transmitter'

const AUDIENCE = 'https://receiver.test/route-guard'
const SR = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'

interface Registered {
  receiver_id: string
  push_endpoint: string
  authorization_header?: string
}

async function withEngine(
  registration: Record<string, unknown>,
  run: (engine: TestEngine, tx: TestTransmitter, rx: Registered) => Promise<void>
) {
  const engine = await startTestEngine()
  const tx = await startTestTransmitter(() => AUDIENCE)
  try {
    const created = await engine.call('POST', '/api/receivers', {
      issuer: tx.issuer,
      audience: AUDIENCE,
      ...registration
    })
    expect(created.status).toBe(201)
    await run(engine, tx, (await created.json()) as Registered)
  } finally {
    await engine.stop()
    await tx.close()
  }
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/secevent+jwt', ...headers },
    body
  })

/** The traffic-log entries behind the receiver's inbox, newest first. */
async function exchanges(engine: TestEngine, id: string) {
  const inbox = (await (await engine.call('GET', `/api/receivers/${id}/inbox`)).json()) as {
    exchange_id: number
  }[]
  return Promise.all(
    inbox.map(
      async (e) =>
        (await (await engine.call('GET', `/api/traffic/${e.exchange_id}`)).json()) as Record<
          string,
          unknown
        >
    )
  )
}

it('an engine started in the test answers pushes and records each exchange as answered', async () => {
  await withEngine({}, async (engine, tx, rx) => {
    const { token, jti } = await tx.sign()
    const started = performance.now()
    const ok = await post(rx.push_endpoint, token, { 'X-Guard': 'one' })
    const roundTrip = performance.now() - started
    expect(ok.status).toBe(202)
    expect(ok.headers.get('cache-control')).toBe('no-store')
    expect(await ok.text()).toBe('')

    const bad = await post(rx.push_endpoint, 'not a jwt')
    expect(bad.status).toBe(400)
    expect(bad.headers.get('cache-control')).toBe('no-store')
    expect(bad.headers.get('content-type')).toMatch(/^application\/json/)
    expect(bad.headers.get('content-language')).toBe('en')
    const description = 'the body is not a JWS in compact serialization (three base64url parts)'
    expect(await bad.json()).toEqual({ err: 'invalid_request', description })

    const unknown = await post(`${engine.url}/receiver/no-such-receiver/push`, token)
    expect(unknown.status).toBe(404)

    const [refused, accepted] = await exchanges(engine, rx.receiver_id)
    const common = {
      direction: 'inbound',
      kind: 'receiver-push',
      method: 'POST',
      url: rx.push_endpoint,
      error: null,
      stream_id: null,
      receiver_id: rx.receiver_id
    }
    expect(accepted).toMatchObject({
      ...common,
      status: 202,
      jti,
      event_type: SR,
      request_body: token,
      response_headers: { 'cache-control': 'no-store' },
      response_body: null
    })
    expect(accepted?.request_headers).toMatchObject({
      'content-type': 'application/secevent+jwt',
      'x-guard': 'one'
    })
    expect(refused).toMatchObject({
      ...common,
      status: 400,
      jti: null,
      event_type: null,
      request_body: 'not a jwt',
      response_headers: {
        'cache-control': 'no-store',
        'content-type': 'application/json',
        'content-language': 'en'
      },
      response_body: JSON.stringify({ err: 'invalid_request', description })
    })
    for (const x of [accepted, refused]) {
      expect(x?.duration_ms).toBeTypeOf('number')
      expect(x?.duration_ms).toBeGreaterThanOrEqual(0)
    }
    // Measured inside the client's round trip (same process, same clock): not longer than it.
    expect(accepted?.duration_ms).toBeLessThanOrEqual(Math.ceil(roundTrip) + 1)

    // An empty body is recorded as no body.
    expect((await post(rx.push_endpoint, '')).status).toBe(400)
    const [empty] = await exchanges(engine, rx.receiver_id)
    expect(empty).toMatchObject({ status: 400, request_body: null })

    // Pushes to an unknown receiver are recorded by the traffic middleware (no receiver, 404),
    // a body too large for an unknown receiver too; a body too large for ours by the receiver.
    const huge = 'a'.repeat(1024 * 1024 + 10)
    expect((await post(`${engine.url}/receiver/no-such-receiver/push`, huge)).status).toBe(413)
    const tooLarge = await post(rx.push_endpoint, huge)
    expect(tooLarge.status).toBe(413)
    const log = (await (await engine.call('GET', '/api/traffic?limit=100')).json()) as {
      items: { url: string; status: number; receiver_id: string | null }[]
    }
    const unknownUrl = `${engine.url}/receiver/no-such-receiver/push`
    const unknownEntries = log.items.filter((x) => x.url === unknownUrl)
    expect(unknownEntries.map((x) => x.status)).toEqual([413, 404])
    const [unknownBig] = unknownEntries as unknown as { id: number }[]
    // Recorded by the traffic middleware as sent (with its length), not by the push receiver.
    const unknownRecord = (await (
      await engine.call('GET', `/api/traffic/${unknownBig!.id}`)
    ).json()) as { response_headers: Record<string, string> }
    expect(unknownRecord.response_headers['content-length']).toBe('81')
    const [big] = await exchanges(engine, rx.receiver_id)
    expect(big).toMatchObject({
      ...common,
      status: 413,
      request_body: null,
      response_headers: { 'cache-control': 'no-store', 'content-type': 'application/json' },
      response_body: JSON.stringify({
        err: 'payload_too_large',
        description: 'the request body is larger than 1 MiB'
      })
    })
  })
})

it('a receiver that requires Authorization: 401 with WWW-Authenticate, each reason named', async () => {
  await withEngine({ require_authorization: true }, async (engine, tx, rx) => {
    const { token } = await tx.sign()
    const missing = await post(rx.push_endpoint, token)
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toBe('Bearer')
    expect(missing.headers.get('content-language')).toBe('en')
    expect(await missing.json()).toEqual({
      err: 'authentication_failed',
      description:
        "this push endpoint requires an Authorization header (see the stream's authorization_header)"
    })
    // Same length as the right header, other bytes; then a prefix of it.
    const right = rx.authorization_header ?? ''
    for (const wrong of [`${right.slice(0, -1)}#`, right.slice(0, -1)]) {
      const res = await post(rx.push_endpoint, token, { Authorization: wrong })
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({
        err: 'authentication_failed',
        description: 'the Authorization header is not the one this push endpoint expects'
      })
    }
    expect((await post(rx.push_endpoint, token, { Authorization: right })).status).toBe(202)

    const patched = await engine.call('PATCH', `/api/receivers/${rx.receiver_id}`, {
      auth_failure_status: 400
    })
    expect(patched.status).toBe(200)
    const as400 = await post(rx.push_endpoint, token)
    expect(as400.status).toBe(400)
    expect(as400.headers.get('www-authenticate')).toBeNull()

    // Authorization no longer required: the token it had is not asked for.
    const open = await engine.call('PATCH', `/api/receivers/${rx.receiver_id}`, {
      require_authorization: false
    })
    expect(open.status).toBe(200)
    expect((await post(rx.push_endpoint, token)).status).toBe(202)

    const recorded = (await exchanges(engine, rx.receiver_id)).slice(1)
    expect(recorded.map((x) => x.status)).toEqual([400, 202, 401, 401, 401])
    expect(recorded[4]?.response_headers).toEqual({
      'cache-control': 'no-store',
      'content-type': 'application/json',
      'content-language': 'en',
      'www-authenticate': 'Bearer'
    })
  })
})

it('strict mode refuses a push whose media type is not application/secevent+jwt', async () => {
  await withEngine({}, async (engine, tx, rx) => {
    const { token } = await tx.sign()
    const lenient = await post(rx.push_endpoint, token, { 'Content-Type': 'text/plain' })
    expect(lenient.status).toBe(202)
    const strict = await engine.call('PATCH', `/api/receivers/${rx.receiver_id}`, { strict: true })
    expect(strict.status).toBe(200)
    const refused = await post(rx.push_endpoint, token, { 'Content-Type': 'text/plain' })
    expect(refused.status).toBe(400)
    const body = (await refused.json()) as { err: string; description: string }
    expect(body.err).toBe('invalid_request')
    expect(body.description).toBe(
      'the push request\'s Content-Type is "text/plain"; it MUST be application/secevent+jwt'
    )
    const good = await post(rx.push_endpoint, (await tx.sign()).token)
    expect(good.status).toBe(202)
  })
})

it('a pushed JWS whose payload is JSON null is refused with a JSON 400, recorded without an event type, and the next push is accepted', async () => {
  await withEngine({}, async (engine, tx, rx) => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const nullPayload = `${part({ alg: 'RS256', typ: 'secevent+jwt' })}.${part(null)}.${part('sig')}`
    const refused = await post(rx.push_endpoint, nullPayload)
    expect(refused.status).toBe(400)
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/)
    expect(((await refused.json()) as { err: string }).err).toBe('invalid_request')

    const { token } = await tx.sign()
    expect((await post(rx.push_endpoint, token)).status).toBe(202)

    const [accepted, first] = await exchanges(engine, rx.receiver_id)
    expect(first).toMatchObject({ status: 400, request_body: nullPayload, event_type: null })
    expect(accepted).toMatchObject({ status: 202, event_type: SR })
  })
})
