import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import {
  POLL_STREAM,
  clientCredentialsToken,
  peekClaims,
  registerClient,
  tokenRequest
} from '../oauth/helpers'

let engine: TestEngine

beforeAll(async () => {
  engine = await startTestEngine()
  for (const tenant_id of ['acme', 'globex']) {
    const res = await engine.call('POST', '/api/tenants', {
      tenant_id,
      name: tenant_id.toUpperCase()
    })
    expect(res.status).toBe(201)
  }
})
afterAll(() => engine.stop())

describe('control API /api/tenants', () => {
  it('lists the default tenant (root issuer) and the created ones', async () => {
    const res = await engine.call('GET', '/api/tenants')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual([
      expect.objectContaining({ tenant_id: 'default', issuer: engine.url, is_default: true }),
      expect.objectContaining({
        tenant_id: 'acme',
        name: 'ACME',
        issuer: `${engine.url}/t/acme`,
        metadata_url: `${engine.url}/.well-known/ssf-configuration/t/acme`
      }),
      expect.objectContaining({ tenant_id: 'globex', issuer: `${engine.url}/t/globex` })
    ])
  })

  test.each([
    ['an existing tenant', { tenant_id: 'acme' }, 409],
    ['the default tenant', { tenant_id: 'default' }, 409],
    ['upper-case id', { tenant_id: 'ACME' }, 400],
    ['a slash', { tenant_id: 'a/b' }, 400],
    ['empty id', { tenant_id: '' }, 400],
    ['no id', { name: 'x' }, 400]
  ])('creating %s → %i', async (_name, body, status) => {
    const res = await engine.call('POST', '/api/tenants', body)
    expect(res.status).toBe(status)
    expect(await res.json()).toHaveProperty('err')
  })
})

describe('a tenant is an issuer with a path (SSF 1.0 §7.2)', () => {
  it('serves its metadata at /.well-known/ssf-configuration/t/{tenant}', async () => {
    const res = await fetch(`${engine.url}/.well-known/ssf-configuration/t/acme`)
    expect(res.status).toBe(200)
    const base = `${engine.url}/t/acme`
    expect(await res.json()).toMatchObject({
      issuer: base,
      jwks_uri: `${base}/ssf/jwks`,
      configuration_endpoint: `${base}/ssf/streams`,
      status_endpoint: `${base}/ssf/status`,
      add_subject_endpoint: `${base}/ssf/subjects:add`,
      remove_subject_endpoint: `${base}/ssf/subjects:remove`,
      verification_endpoint: `${base}/ssf/verify`,
      authorization_schemes: [{ spec_urn: 'urn:ietf:rfc:6749' }]
    })
    expect((await fetch(`${base}/ssf/jwks`)).status).toBe(200)
  })

  it('publishes RFC 9728 metadata per tenant', async () => {
    const res = await fetch(`${engine.url}/.well-known/oauth-protected-resource/t/acme`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      resource: `${engine.url}/t/acme`,
      authorization_servers: [`${engine.url}/oauth`]
    })
    const missing = await fetch(`${engine.url}/.well-known/oauth-protected-resource/t/nope`)
    expect(missing.status).toBe(404)
  })

  it('keeps the root issuer for the default tenant', async () => {
    const md = (await (await fetch(`${engine.url}/.well-known/ssf-configuration`)).json()) as {
      issuer: string
    }
    expect(md.issuer).toBe(engine.url)
  })

  test.each([
    ['/.well-known/ssf-configuration/t/nope'],
    ['/t/nope/ssf/streams'],
    ['/t/NOPE/ssf/jwks'],
    ['/t/acme/ssf/unknown'],
    ['/t/acme']
  ])('an unknown tenant or path is a JSON 404: %s', async (path) => {
    const res = await engine.call('GET', path)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ err: 'not_found' })
  })

  it('keeps its own streams, with its own iss; other tenants do not see them', async () => {
    const created = await engine.call('POST', '/t/acme/ssf/streams', POLL_STREAM)
    expect(created.status).toBe(201)
    const stream = (await created.json()) as {
      stream_id: string
      iss: string
      delivery: { endpoint_url: string }
    }
    expect(stream.iss).toBe(`${engine.url}/t/acme`)
    expect(stream.delivery.endpoint_url.startsWith(`${engine.url}/t/acme/ssf/poll/`)).toBe(true)
    const q = `?stream_id=${stream.stream_id}`
    expect((await engine.call('GET', `/t/acme/ssf/streams${q}`)).status).toBe(200)
    expect((await engine.call('GET', `/ssf/streams${q}`)).status).toBe(404)
    expect((await engine.call('GET', `/t/globex/ssf/streams${q}`)).status).toBe(404)
    const rootList = (await (await engine.call('GET', '/ssf/streams')).json()) as unknown[]
    expect(rootList.some((s) => JSON.stringify(s).includes(stream.stream_id))).toBe(false)
    // The control API sees every tenant's streams.
    expect((await engine.call('GET', `/api/streams/${stream.stream_id}`)).status).toBe(200)
  })
})

describe('tenant-bound tokens (tenant-level authorization)', () => {
  let acmeToken: string
  let acmeStream: string
  let globexStream: string
  let rootStream: string

  beforeAll(async () => {
    const acme = await registerClient(engine, { name: 'acme receiver', tenant: 'acme' })
    acmeToken = await clientCredentialsToken(acme, 'ssf.read ssf.manage')
    const make = async (path: string, token?: string) => {
      const res = await engine.call('POST', path, POLL_STREAM, token)
      expect(res.status).toBe(201)
      return ((await res.json()) as { stream_id: string }).stream_id
    }
    acmeStream = await make('/t/acme/ssf/streams', acmeToken)
    globexStream = await make('/t/globex/ssf/streams')
    rootStream = await make('/ssf/streams')
  })

  it('carries the tenant in the JWT and its issuer as audience', () => {
    expect(peekClaims(acmeToken)).toMatchObject({
      tenant: 'acme',
      aud: `${engine.url}/t/acme`
    })
  })

  it('works in its own tenant', async () => {
    const res = await engine.call(
      'GET',
      `/t/acme/ssf/streams?stream_id=${acmeStream}`,
      undefined,
      acmeToken
    )
    expect(res.status).toBe(200)
  })

  /** Every management endpoint, as seen under `prefix`, for stream `id`. */
  const endpoints = (prefix: string, id: string) =>
    [
      ['GET', `${prefix}/ssf/streams`, undefined],
      ['GET', `${prefix}/ssf/streams?stream_id=${id}`, undefined],
      ['POST', `${prefix}/ssf/streams`, POLL_STREAM],
      ['PATCH', `${prefix}/ssf/streams`, { stream_id: id, description: 'x' }],
      ['PUT', `${prefix}/ssf/streams`, { stream_id: id, ...POLL_STREAM }],
      ['DELETE', `${prefix}/ssf/streams?stream_id=${id}`, undefined],
      ['GET', `${prefix}/ssf/status?stream_id=${id}`, undefined],
      ['POST', `${prefix}/ssf/status`, { stream_id: id, status: 'paused' }],
      [
        'POST',
        `${prefix}/ssf/subjects:add`,
        { stream_id: id, subject: { format: 'email', email: 'a@example.com' } }
      ],
      [
        'POST',
        `${prefix}/ssf/subjects:remove`,
        { stream_id: id, subject: { format: 'email', email: 'a@example.com' } }
      ],
      ['POST', `${prefix}/ssf/verify`, { stream_id: id }]
    ] as const

  it('never sees or touches another tenant: 404 on every endpoint of tenant globex and of the root', async () => {
    for (const [prefix, id] of [
      ['/t/globex', globexStream],
      ['', rootStream]
    ] as const) {
      for (const [method, path, body] of endpoints(prefix, id)) {
        const res = await engine.call(method, path, body, acmeToken)
        expect(res.status, `${method} ${path}`).toBe(404)
        expect(await res.json()).toMatchObject({ err: 'not_found' })
      }
    }
    // Nothing changed over there.
    const status = await engine.call('GET', `/t/globex/ssf/status?stream_id=${globexStream}`)
    expect(await status.json()).toMatchObject({ status: 'enabled' })
  })

  it('cannot obtain a token for another tenant (RFC 8707 resource → invalid_target)', async () => {
    const acme = await registerClient(engine, { name: 'acme 2', tenant: 'acme' })
    const res = await tokenRequest(acme, {
      grant_type: 'client_credentials',
      scope: 'ssf.read',
      resource: `${engine.url}/t/globex`
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_target' })
  })

  it('a host-level client may ask for a tenant-bound token with resource = tenant issuer', async () => {
    const host = await registerClient(engine, { name: 'host-level' })
    const token = await clientCredentialsToken(host, 'ssf.read', {
      resource: `${engine.url}/t/globex`
    })
    expect(peekClaims(token)).toMatchObject({ aud: `${engine.url}/t/globex` })
    expect((await engine.call('GET', '/t/globex/ssf/streams', undefined, token)).status).toBe(200)
    expect((await engine.call('GET', '/t/acme/ssf/streams', undefined, token)).status).toBe(404)
  })

  it('a host-level token works in every tenant, on its own streams only', async () => {
    const host = await registerClient(engine, { name: 'host-level 2' })
    const token = await clientCredentialsToken(host, 'ssf.read ssf.manage')
    for (const prefix of ['', '/t/acme', '/t/globex']) {
      const created = await engine.call('POST', `${prefix}/ssf/streams`, POLL_STREAM, token)
      expect(created.status, prefix).toBe(201)
      const list = (await (
        await engine.call('GET', `${prefix}/ssf/streams`, undefined, token)
      ).json()) as unknown[]
      expect(list).toHaveLength(1)
    }
  })
})
