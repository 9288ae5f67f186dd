import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import {
  CookieJar,
  POLL_STREAM,
  peekClaims,
  pkcePair,
  registerClient,
  type RegisteredClient
} from './helpers'

const REDIRECT_URI = 'http://127.0.0.1:9/callback'

let engine: TestEngine
let app: RegisteredClient

beforeAll(async () => {
  engine = await startTestEngine()
  expect((await engine.call('POST', '/api/tenants', { tenant_id: 'acme' })).status).toBe(201)
  expect((await engine.call('POST', '/api/tenants', { tenant_id: 'globex' })).status).toBe(201)
  app = await registerClient(engine, {
    name: 'Tenant-level app',
    grant_types: ['authorization_code'],
    redirect_uris: [REDIRECT_URI],
    token_endpoint_auth_method: 'none'
  })
})
afterAll(() => engine.stop())

/** Run the authorization request up to the consent page; returns the jar and the form action. */
async function startAuthorization(params: Record<string, string>) {
  const jar = new CookieJar()
  const query = new URLSearchParams({
    client_id: app.client_id,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    state: 'st-123',
    ...params
  })
  const auth = await jar.fetch(`${engine.url}/oauth/auth?${query}`)
  expect(auth.status).toBe(303)
  const interaction = new URL(auth.headers.get('location') ?? '', engine.url)
  expect(interaction.pathname).toMatch(/^\/oauth\/interaction\//)
  const page = await jar.fetch(interaction.href)
  expect(page.status).toBe(200)
  const html = await page.text()
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]
  expect(action).toBeDefined()
  return { jar, html, action: new URL(action ?? '', engine.url).href }
}

/** Submit the consent form and follow redirects back to the client's redirect_uri. */
async function decide(jar: CookieJar, action: string, form: Record<string, string>): Promise<URL> {
  let res = await jar.fetch(action, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString()
  })
  for (let hops = 0; hops < 5; hops++) {
    if (![302, 303].includes(res.status))
      throw new Error(`${res.status} ${res.url} ${await res.text()}`)
    const location = new URL(res.headers.get('location') ?? '', engine.url)
    if (location.href.startsWith(REDIRECT_URI)) return location
    res = await jar.fetch(location.href)
  }
  throw new Error('no redirect back to the client')
}

async function exchange(code: string, verifier: string): Promise<Response> {
  return fetch(`${engine.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: app.client_id
    }).toString()
  })
}

describe('authorization-code grant with PKCE and tenant-administrator consent', () => {
  it('issues a token bound to the tenant the administrator chose', async () => {
    const { verifier, challenge } = await pkcePair()
    const { jar, html, action } = await startAuthorization({
      scope: 'ssf.read ssf.manage',
      code_challenge: challenge,
      code_challenge_method: 'S256'
    })
    expect(html).toContain('Tenant-level app')
    expect(html).toContain('ssf.read ssf.manage')
    expect(html).toContain('value="acme"')
    const back = await decide(jar, action, { tenant: 'acme', decision: 'approve' })
    expect(back.searchParams.get('state')).toBe('st-123')
    expect(back.searchParams.get('iss')).toBe(`${engine.url}/oauth`)
    const code = back.searchParams.get('code')
    expect(code).toBeTruthy()

    const res = await exchange(code ?? '', verifier)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { access_token: string; expires_in: number; scope: string }
    expect(body.expires_in).toBe(3600)
    expect(body.scope).toBe('ssf.read ssf.manage')
    expect(peekClaims(body.access_token)).toMatchObject({
      tenant: 'acme',
      sub: 'tenant-admin:acme',
      client_id: app.client_id
    })

    const token = body.access_token
    const created = await engine.call('POST', '/t/acme/ssf/streams', POLL_STREAM, token)
    expect(created.status).toBe(201)
    expect(((await created.json()) as { iss: string }).iss).toBe(`${engine.url}/t/acme`)
    expect((await engine.call('GET', '/t/globex/ssf/streams', undefined, token)).status).toBe(404)
    expect((await engine.call('GET', '/ssf/streams', undefined, token)).status).toBe(404)
  })

  it('grants only the scopes requested: a read-only consent cannot create (403)', async () => {
    const { verifier, challenge } = await pkcePair()
    const { jar, action } = await startAuthorization({
      scope: 'ssf.read',
      code_challenge: challenge,
      code_challenge_method: 'S256'
    })
    const back = await decide(jar, action, { tenant: 'globex', decision: 'approve' })
    const res = await exchange(back.searchParams.get('code') ?? '', verifier)
    const { access_token } = (await res.json()) as { access_token: string }
    expect(
      (await engine.call('GET', '/t/globex/ssf/streams', undefined, access_token)).status
    ).toBe(200)
    const create = await engine.call('POST', '/t/globex/ssf/streams', POLL_STREAM, access_token)
    expect(create.status).toBe(403)
    expect(create.headers.get('www-authenticate')).toContain('insufficient_scope')
  })

  it('a denial returns access_denied to the client', async () => {
    const { challenge } = await pkcePair()
    const { jar, action } = await startAuthorization({
      scope: 'ssf.read',
      code_challenge: challenge,
      code_challenge_method: 'S256'
    })
    const back = await decide(jar, action, { tenant: 'acme', decision: 'deny' })
    expect(back.searchParams.get('error')).toBe('access_denied')
    expect(back.searchParams.get('code')).toBeNull()
  })

  it('PKCE is required', async () => {
    const jar = new CookieJar()
    const query = new URLSearchParams({
      client_id: app.client_id,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'ssf.read'
    })
    const res = await jar.fetch(`${engine.url}/oauth/auth?${query}`)
    expect(res.status).toBe(303)
    const back = new URL(res.headers.get('location') ?? '')
    expect(back.searchParams.get('error')).toBe('invalid_request')
  })

  it('a wrong code_verifier is refused (invalid_grant)', async () => {
    const { challenge } = await pkcePair()
    const { jar, action } = await startAuthorization({
      scope: 'ssf.read',
      code_challenge: challenge,
      code_challenge_method: 'S256'
    })
    const back = await decide(jar, action, { tenant: 'acme', decision: 'approve' })
    const res = await exchange(back.searchParams.get('code') ?? '', 'x'.repeat(43))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('a consent page without its interaction cookie is a JSON 400, not a crash', async () => {
    const { action } = await startAuthorization({
      scope: 'ssf.read',
      code_challenge: (await pkcePair()).challenge,
      code_challenge_method: 'S256'
    })
    const res = await fetch(action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'decision=approve&tenant=acme'
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ err: 'invalid_request' })
  })
})
