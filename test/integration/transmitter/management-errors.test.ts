/**
 * Status codes every management endpoint shares: 401 (+ WWW-Authenticate), query-string tokens,
 * 405, 413, 415, malformed JSON and non-object JSON bodies, and `Cache-Control: no-store`.
 */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { MAX_BODY_BYTES } from '../../../src/shared/ssf'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { BODY_ENDPOINTS, MANAGEMENT_ENDPOINTS, expectError, sendRaw } from './fixtures'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

describe('401 without valid credentials', () => {
  const cases = MANAGEMENT_ENDPOINTS.flatMap((e) => [
    { ...e, auth: undefined, challenge: /^Bearer$/ },
    { ...e, auth: 'Bearer wrong-token', challenge: /^Bearer error="invalid_token"/ },
    { ...e, auth: 'Basic dXNlcjpwYXNz', challenge: /^Bearer error="invalid_token"/ },
    { ...e, auth: 'Bearer', challenge: /^Bearer error="invalid_token"/ }
  ])
  test.each(cases)('$method $path with Authorization=$auth → 401', async (c) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (c.auth !== undefined) headers.Authorization = c.auth
    const res = await fetch(`${engine.url}${c.path}`, {
      method: c.method,
      headers,
      body: c.method === 'GET' || c.method === 'DELETE' ? null : '{}'
    })
    expect(res.headers.get('www-authenticate')).toMatch(c.challenge)
    expect(res.headers.get('cache-control')).toBe('no-store')
    await expectError(res, 401)
  })
})

describe('tokens in the query string are refused', () => {
  it('a query token alone is no credential: 401 with a Bearer challenge', async () => {
    const res = await fetch(
      `${engine.url}/ssf/streams?access_token=${encodeURIComponent(engine.token)}`
    )
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
    await expectError(res, 401)
  })

  it('a query token next to the header is two methods at once: 400', async () => {
    const res = await engine.call('GET', `/ssf/streams?access_token=${engine.token}`)
    await expectError(res, 400, 'invalid_request')
  })
})

describe('405 for methods an endpoint does not have', () => {
  test.each([
    { method: 'POST', path: '/ssf/jwks' },
    { method: 'DELETE', path: '/ssf/status' },
    { method: 'PUT', path: '/ssf/status' },
    { method: 'GET', path: '/ssf/subjects:add' },
    { method: 'GET', path: '/ssf/subjects:remove' },
    { method: 'GET', path: '/ssf/verify' },
    { method: 'PATCH', path: '/ssf/verify' }
  ])('$method $path → 405 with Allow', async ({ method, path }) => {
    const res = await engine.call(method, path, method === 'GET' ? undefined : {})
    expect(res.headers.get('allow')).toBeTruthy()
    await expectError(res, 405, 'method_not_allowed')
  })
})

describe('bodies', () => {
  const big = JSON.stringify({ description: 'x'.repeat(MAX_BODY_BYTES) })
  test.each(BODY_ENDPOINTS)('$method $path: a body over 1 MiB → 413', async ({ method, path }) => {
    await expectError(await sendRaw(engine, method, path, big), 413, 'payload_too_large')
  })

  test.each(
    BODY_ENDPOINTS.flatMap((e) => [
      { ...e, type: 'text/plain' },
      { ...e, type: 'application/x-www-form-urlencoded' },
      { ...e, type: 'application/secevent+jwt' }
    ])
  )('$method $path with Content-Type $type → 415', async ({ method, path, type }) => {
    await expectError(
      await sendRaw(engine, method, path, '{"stream_id":"x"}', type),
      415,
      'unsupported_media_type'
    )
  })

  test.each(
    BODY_ENDPOINTS.flatMap((e) =>
      ['{', '{"stream_id":', 'not json', '"a string"', '42', 'true', 'null', '[]', '[{}]'].map(
        (body) => ({ ...e, body })
      )
    )
  )('$method $path with body $body → 400', async ({ method, path, body }) => {
    await expectError(await sendRaw(engine, method, path, body), 400, 'invalid_request')
  })

  test.each(BODY_ENDPOINTS.filter((e) => e.path !== '/ssf/streams' || e.method !== 'POST'))(
    '$method $path with an empty JSON body (read as {}) → 400',
    async ({ method, path }) => {
      await expectError(await sendRaw(engine, method, path, ''), 400, 'invalid_request')
    }
  )

  const deep = `{"stream_id":"x","subject":{"format":"x","a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`
  test.each(BODY_ENDPOINTS)(
    '$method $path with JSON nested 100 000 levels deep → 400 (no stack overflow)',
    async ({ method, path }) => {
      await expectError(await sendRaw(engine, method, path, deep), 400, 'invalid_request')
    }
  )

  it('a deeply nested subject for a real stream → 400, not 500', async () => {
    const created = (await (await engine.call('POST', '/ssf/streams', {})).json()) as {
      stream_id: string
    }
    const body = deep.replace('"stream_id":"x"', `"stream_id":"${created.stream_id}"`)
    for (const path of ['/ssf/subjects:add', '/ssf/subjects:remove'])
      await expectError(await sendRaw(engine, 'POST', path, body), 400, 'invalid_request')
    await expectError(await sendRaw(engine, 'POST', '/api/clients', deep), 400, 'invalid_request')
  })

  test.each(BODY_ENDPOINTS)('$method $path without any body → 400', async ({ method, path }) => {
    await expectError(await engine.call(method, path), 400, 'invalid_request')
  })
})

describe('unknown paths', () => {
  test.each(['/ssf/nope', '/ssf/streams/extra', '/ssf/jwks/x'])('%s → 404 JSON', async (path) => {
    await expectError(await engine.call('GET', path), 404, 'not_found')
  })

  // Express 5 reads ":name" as a route parameter; the colon paths must match literally.
  test.each(['/ssf/subjects:other', '/ssf/subjects', '/ssf/subjectsXadd'])(
    'POST %s → 404 JSON (colon paths are literal)',
    async (path) => {
      await expectError(await engine.call('POST', path, {}), 404, 'not_found')
    }
  )
})
