import {
  SignJWT,
  createRemoteJWKSet,
  customFetch,
  exportJWK,
  generateKeyPair,
  jwtVerify
} from 'jose'
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { loopbackFetch, startTestEngine, type TestEngine } from '../helpers/bootstrap'
import {
  POLL_STREAM,
  clientCredentialsToken,
  peekClaims,
  registerClient,
  tokenRequest,
  type RegisteredClient
} from './helpers'

/** A clock the test moves forward (the resource server's token checks use it). */
const clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs }

let engine: TestEngine
let client: RegisteredClient
let readToken: string
let manageToken: string
let streamId: string

beforeAll(async () => {
  engine = await startTestEngine({}, undefined, { clock })
  client = await registerClient(engine, { name: 'Receiver app', scope: 'ssf.read ssf.manage' })
  readToken = await clientCredentialsToken(client, 'ssf.read')
  manageToken = await clientCredentialsToken(client, 'ssf.manage')
  const created = await engine.call('POST', '/ssf/streams', POLL_STREAM, manageToken)
  expect(created.status).toBe(201)
  streamId = ((await created.json()) as { stream_id: string }).stream_id
})
afterAll(() => engine.stop())

describe('authorization server metadata (RFC 8414)', () => {
  it('is served at /.well-known/oauth-authorization-server/oauth with the /oauth endpoints', async () => {
    const res = await fetch(`${engine.url}/.well-known/oauth-authorization-server/oauth`)
    expect(res.status).toBe(200)
    const md = (await res.json()) as Record<string, unknown>
    expect(md).toMatchObject({
      issuer: `${engine.url}/oauth`,
      token_endpoint: `${engine.url}/oauth/token`,
      authorization_endpoint: `${engine.url}/oauth/auth`,
      jwks_uri: `${engine.url}/oauth/jwks`,
      code_challenge_methods_supported: ['S256']
    })
    expect(md.grant_types_supported).toEqual(
      expect.arrayContaining(['client_credentials', 'authorization_code'])
    )
    expect(md.scopes_supported).toEqual(expect.arrayContaining(['ssf.read', 'ssf.manage']))
  })

  it('publishes RFC 9728 protected-resource metadata naming the AS and the scopes', async () => {
    const res = await fetch(`${engine.url}/.well-known/oauth-protected-resource`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      resource: engine.url,
      authorization_servers: [`${engine.url}/oauth`],
      scopes_supported: ['ssf.read', 'ssf.manage'],
      bearer_methods_supported: ['header'],
      resource_name: 'SSF Transmitter'
    })
  })

  it('leaves the Transmitter metadata advertising OAuth 2.0 (urn:ietf:rfc:6749)', async () => {
    const md = (await (await fetch(`${engine.url}/.well-known/ssf-configuration`)).json()) as {
      authorization_schemes: unknown
    }
    expect(md.authorization_schemes).toEqual([{ spec_urn: 'urn:ietf:rfc:6749' }])
  })
})

describe('POST /api/oauth/clients', () => {
  test.each([
    ['no name', { grant_types: ['client_credentials'] }],
    ['unknown grant type', { name: 'x', grant_types: ['password'] }],
    ['unknown scope', { name: 'x', scope: 'ssf.read admin' }],
    ['unknown tenant', { name: 'x', tenant: 'nope' }],
    ['code grant without redirect_uris', { name: 'x', grant_types: ['authorization_code'] }],
    ['unknown member', { name: 'x', colour: 'blue' }],
    ['not an object', [1, 2]]
  ])('%s → 400 JSON error', async (_name, body) => {
    const res = await engine.call('POST', '/api/oauth/clients', body)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ err: 'invalid_request' })
  })

  it('needs the simulator token', async () => {
    const res = await engine.call('POST', '/api/oauth/clients', { name: 'x' }, 'wrong')
    expect(res.status).toBe(401)
  })

  it('lists registered clients without their secrets', async () => {
    const res = await engine.call('GET', '/api/oauth/clients')
    expect(res.status).toBe(200)
    const list = (await res.json()) as Record<string, unknown>[]
    const mine = list.find((c) => c.client_id === client.client_id)
    expect(mine).toMatchObject({ client_name: 'Receiver app', scope: 'ssf.read ssf.manage' })
    expect(mine).not.toHaveProperty('client_secret')
  })
})

describe('client-credentials grant (host-level authorization)', () => {
  it('issues an RFC 9068 JWT access token valid 60 minutes, verifiable with the AS JWKS', async () => {
    const res = await tokenRequest(client, {
      grant_type: 'client_credentials',
      scope: 'ssf.read ssf.manage'
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'ssf.read ssf.manage'
    })
    const jwks = createRemoteJWKSet(new URL(`${engine.url}/oauth/jwks`), {
      [customFetch]: loopbackFetch
    })
    const { payload, protectedHeader } = await jwtVerify(String(body.access_token), jwks, {
      issuer: `${engine.url}/oauth`,
      audience: engine.url,
      typ: 'at+jwt'
    })
    expect(protectedHeader.alg).toBe('RS256')
    expect(payload).toMatchObject({ client_id: client.client_id, sub: client.client_id })
    expect(Number(payload.exp) - Number(payload.iat)).toBe(3600)
    expect(payload).not.toHaveProperty('tenant')
  })

  it('refuses a wrong client secret (401 invalid_client)', async () => {
    const res = await tokenRequest(
      { ...client, client_secret: 'wrong' },
      { grant_type: 'client_credentials', scope: 'ssf.read' }
    )
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: 'invalid_client' })
  })

  it('refuses scopes the client was not registered for (400 invalid_scope)', async () => {
    const readOnly = await registerClient(engine, { name: 'read only', scope: 'ssf.read' })
    const res = await tokenRequest(readOnly, {
      grant_type: 'client_credentials',
      scope: 'ssf.manage'
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_scope' })
  })

  it('maps the OAuth client to its own management client: it sees only its own streams', async () => {
    const other = await registerClient(engine, { name: 'other' })
    const otherToken = await clientCredentialsToken(other, 'ssf.read ssf.manage')
    const list = await engine.call('GET', '/ssf/streams', undefined, otherToken)
    expect(await list.json()).toEqual([])
    const read = await engine.call(
      'GET',
      `/ssf/streams?stream_id=${streamId}`,
      undefined,
      otherToken
    )
    expect(read.status).toBe(404)
    const mine = await engine.call('GET', '/ssf/streams', undefined, readToken)
    expect(((await mine.json()) as { stream_id: string }[]).map((s) => s.stream_id)).toEqual([
      streamId
    ])
  })
})

/** Every management endpoint, the scope it needs and a request that would succeed. */
const ENDPOINTS = () =>
  [
    ['GET', `/ssf/streams?stream_id=${streamId}`, undefined, 'ssf.read', 200],
    ['GET', '/ssf/streams', undefined, 'ssf.read', 200],
    ['GET', `/ssf/status?stream_id=${streamId}`, undefined, 'ssf.read', 200],
    ['POST', '/ssf/streams', POLL_STREAM, 'ssf.manage', 201],
    ['PATCH', '/ssf/streams', { stream_id: streamId, description: 'patched' }, 'ssf.manage', 200],
    ['PUT', '/ssf/streams', { stream_id: streamId, ...POLL_STREAM }, 'ssf.manage', 200],
    ['POST', '/ssf/status', { stream_id: streamId, status: 'enabled' }, 'ssf.manage', 200],
    [
      'POST',
      '/ssf/subjects:add',
      { stream_id: streamId, subject: { format: 'email', email: 'a@example.com' } },
      'ssf.manage',
      200
    ],
    [
      'POST',
      '/ssf/subjects:remove',
      { stream_id: streamId, subject: { format: 'email', email: 'a@example.com' } },
      'ssf.manage',
      204
    ],
    ['POST', '/ssf/verify', { stream_id: streamId }, 'ssf.manage', 204],
    ['DELETE', '/ssf/streams?stream_id=st_unknown', undefined, 'ssf.manage', 404]
  ] as const

describe('scope enforcement on every management endpoint', () => {
  it('a read-only token reads but cannot change anything (403 insufficient_scope)', async () => {
    for (const [method, path, body, scope, ok] of ENDPOINTS()) {
      const res = await engine.call(method, path, body, readToken)
      if (scope === 'ssf.read') {
        expect(res.status, `${method} ${path}`).toBe(ok)
        continue
      }
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(res.headers.get('www-authenticate')).toBe(
        'Bearer error="insufficient_scope", scope="ssf.manage"'
      )
      expect(await res.json()).toMatchObject({ err: 'insufficient_scope' })
    }
  })

  it('a manage token may do everything (ssf.manage implies ssf.read)', async () => {
    for (const [method, path, body, , ok] of ENDPOINTS()) {
      const res = await engine.call(method, path, body, manageToken)
      expect(res.status, `${method} ${path}`).toBe(ok)
    }
  })

  it('a token without scopes reads nothing (403)', async () => {
    const none = await clientCredentialsToken(client, '')
    expect(peekClaims(none)).not.toHaveProperty('scope')
    const res = await engine.call('GET', '/ssf/streams', undefined, none)
    expect(res.status).toBe(403)
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"')
  })

  it('static bearer tokens keep every right', async () => {
    const res = await engine.call('POST', '/ssf/streams', POLL_STREAM)
    expect(res.status).toBe(201)
  })
})

describe('invalid access tokens → 401 invalid_token', () => {
  async function expectInvalid(token: string): Promise<void> {
    const res = await engine.call('GET', '/ssf/streams', undefined, token)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/)
    expect(await res.json()).toMatchObject({ err: 'invalid_token' })
  }

  it('an expired token (the resource server clock 61 minutes later)', async () => {
    const token = await clientCredentialsToken(client, 'ssf.read')
    try {
      clock.offsetMs = 59 * 60_000
      expect((await engine.call('GET', '/ssf/streams', undefined, token)).status).toBe(200)
      clock.offsetMs = 61 * 60_000
      await expectInvalid(token)
    } finally {
      clock.offsetMs = 0
    }
  })

  it('a token signed by another key (forged)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256')
    const kid = peekHeaderKid(readToken)
    const forged = await new SignJWT({ ...peekClaims(readToken), scope: 'ssf.read ssf.manage' })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
      .sign(privateKey)
    expect((await exportJWK(publicKey)).kty).toBe('RSA')
    await expectInvalid(forged)
  })

  it('a token whose payload was altered', async () => {
    const [h, , s] = readToken.split('.')
    const claims = { ...peekClaims(readToken), scope: 'ssf.manage' }
    await expectInvalid(`${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`)
  })

  it('an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')
    const payload = Buffer.from(JSON.stringify(peekClaims(readToken))).toString('base64url')
    await expectInvalid(`${header}.${payload}.`)
  })

  it('an opaque token nobody issued', async () => {
    await expectInvalid('not-a-token')
  })

  it('no token at all → 401 with a bare Bearer challenge', async () => {
    const res = await fetch(`${engine.url}/ssf/streams`)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
  })
})

function peekHeaderKid(jwt: string): string {
  const header = JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()) as {
    kid: string
  }
  return header.kid
}
