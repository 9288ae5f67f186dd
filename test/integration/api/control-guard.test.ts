/**
 * The control API's guards: DNS-rebinding defence (Host), cross-site defence (Origin,
 * Sec-Fetch-Site), the simulator token, and the UI session cookie set by `GET /?token=…`.
 */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** node:http request, so that Host and other forbidden-in-fetch headers can be set freely. */
function raw(path: string, headers: Record<string, string>, method = 'GET'): Promise<RawResponse> {
  const { port } = new URL(engine.url)
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

const bearer = () => ({ Authorization: `Bearer ${engine.token}` })
const localHost = () => new URL(engine.url).host

describe('Host header (DNS rebinding)', () => {
  test.each(['evil.example', 'evil.example:4400', '127.0.0.1.evil.example', 'localhost.evil'])(
    'Host: %s → 403 forbidden_host, even with the token',
    async (host) => {
      const res = await raw('/api/session', { ...bearer(), Host: host })
      expect(res.status).toBe(403)
      expect(JSON.parse(res.body)).toMatchObject({ err: 'forbidden_host' })
    }
  )

  test.each(['127.0.0.1', 'localhost'])('Host: %s:PORT → 200', async (name) => {
    const res = await raw('/api/session', {
      ...bearer(),
      Host: `${name}:${new URL(engine.url).port}`
    })
    expect(res.status).toBe(200)
  })

  it('the UI itself is refused under a foreign Host', async () => {
    const res = await raw('/', { Host: 'evil.example' })
    expect(res.status).toBe(403)
  })
})

describe('Origin (cross-site)', () => {
  test.each([
    { origin: 'https://evil.example', status: 403 },
    { origin: 'null', status: 403 },
    { origin: 'not a url', status: 403 },
    { origin: 'http://localhost:1', status: 403 }
  ])('Origin $origin → $status', async ({ origin, status }) => {
    const res = await raw('/api/session', { ...bearer(), Host: localHost(), Origin: origin })
    expect(res.status).toBe(status)
    expect(JSON.parse(res.body)).toMatchObject({ err: 'forbidden_origin' })
  })

  it('same-origin Origin → 200', async () => {
    const res = await raw('/api/session', { ...bearer(), Host: localHost(), Origin: engine.url })
    expect(res.status).toBe(200)
  })

  test.each([
    { site: 'cross-site', status: 403 },
    { site: 'same-site', status: 403 },
    { site: 'same-origin', status: 200 },
    { site: 'none', status: 200 }
  ])('Sec-Fetch-Site $site → $status', async ({ site, status }) => {
    const res = await raw('/api/session', {
      ...bearer(),
      Host: localHost(),
      'Sec-Fetch-Site': site
    })
    expect(res.status).toBe(status)
  })

  it('a cross-site POST is refused before it does anything', async () => {
    const res = await fetch(`${engine.url}/api/clients`, {
      method: 'POST',
      headers: { ...bearer(), Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'csrf' })
    })
    expect(res.status).toBe(403)
    const list = (await (await engine.call('GET', '/api/clients')).json()) as { name: string }[]
    expect(list.map((c) => c.name)).not.toContain('csrf')
  })
})

describe('authentication', () => {
  it('no token → 401 with a Bearer challenge', async () => {
    const res = await fetch(`${engine.url}/api/session`)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
    expect(await res.json()).toMatchObject({ err: 'unauthorized' })
  })

  it('wrong token → 401 invalid_token', async () => {
    const res = await engine.call('GET', '/api/session', undefined, 'wrong-token')
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/)
  })

  it('the token → 200 with the session info', async () => {
    const res = await engine.call('GET', '/api/session')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      issuer: engine.url,
      metadata_url: `${engine.url}/.well-known/ssf-configuration`,
      token: engine.token
    })
  })

  test.each(['/api/nope', '/api/streams/st_nope'])('%s with the token → JSON 404', async (path) => {
    const res = await engine.call('GET', path)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ err: 'not_found' })
  })
})

describe('UI session cookie', () => {
  it('GET /?token=… sets ssf_sim_session and redirects; the cookie alone opens /api/session', async () => {
    const res = await fetch(`${engine.url}/?token=${encodeURIComponent(engine.token)}`, {
      redirect: 'manual'
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/')
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^ssf_sim_session=/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    const cookie = setCookie.split(';')[0] ?? ''
    const session = await fetch(`${engine.url}/api/session`, { headers: { Cookie: cookie } })
    expect(session.status).toBe(200)
    expect(await session.json()).toMatchObject({ issuer: engine.url })
  })

  it('a wrong token in the URL → 401 and no cookie', async () => {
    const res = await fetch(`${engine.url}/?token=wrong`, { redirect: 'manual' })
    expect(res.status).toBe(401)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(await res.json()).toMatchObject({ err: 'invalid_token' })
  })

  it('a forged cookie → 401', async () => {
    const res = await fetch(`${engine.url}/api/session`, {
      headers: { Cookie: 'ssf_sim_session=forged' }
    })
    expect(res.status).toBe(401)
  })

  it('a cookie is not a management-API credential', async () => {
    const res = await fetch(`${engine.url}/ssf/streams`, {
      headers: { Cookie: `ssf_sim_session=${engine.token}` }
    })
    expect(res.status).toBe(401)
  })
})
