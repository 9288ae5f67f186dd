import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

describe('GET /.well-known/ssf-configuration', () => {
  let engine: TestEngine
  beforeAll(async () => {
    engine = await startTestEngine()
  })
  afterAll(() => engine.stop())

  it('serves SSF 1.0 metadata whose issuer is http://HOST:PORT, without authentication', async () => {
    const res = await fetch(`${engine.url}/.well-known/ssf-configuration`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const md = (await res.json()) as Record<string, unknown>
    expect(md).toMatchObject({
      spec_version: '1_0',
      issuer: engine.url,
      jwks_uri: `${engine.url}/ssf/jwks`,
      delivery_methods_supported: ['urn:ietf:rfc:8935', 'urn:ietf:rfc:8936'],
      configuration_endpoint: `${engine.url}/ssf/streams`,
      status_endpoint: `${engine.url}/ssf/status`,
      add_subject_endpoint: `${engine.url}/ssf/subjects:add`,
      remove_subject_endpoint: `${engine.url}/ssf/subjects:remove`,
      verification_endpoint: `${engine.url}/ssf/verify`,
      authorization_schemes: [{ spec_urn: 'urn:ietf:rfc:6749' }],
      default_subjects: 'ALL'
    })
    for (const value of Object.values(md)) expect(value).not.toEqual([])
  })
})

describe('an issuer with a path', () => {
  it('puts the metadata at /.well-known/ssf-configuration/{path} and the endpoints under the issuer', async () => {
    const engine = await startTestEngine({ issuer: 'http://127.0.0.1:1/sim/' })
    try {
      const res = await fetch(`${engine.url}/.well-known/ssf-configuration/sim`)
      expect(res.status).toBe(200)
      const md = (await res.json()) as { issuer: string; configuration_endpoint: string }
      expect(md.issuer).toBe('http://127.0.0.1:1/sim/')
      expect(md.configuration_endpoint).toBe('http://127.0.0.1:1/sim/ssf/streams')
      expect((await fetch(`${engine.url}/.well-known/ssf-configuration`)).status).toBe(404)
      const list = await engine.call('GET', '/sim/ssf/streams')
      expect(list.status).toBe(200)
      expect(await list.json()).toEqual([])
      // Unknown SSF paths under the issuer path are JSON 404s, not the UI's SPA fallback.
      const unknown = await engine.call('GET', '/sim/ssf/nope')
      expect(unknown.status).toBe(404)
      expect(await unknown.json()).toMatchObject({ err: 'not_found' })
    } finally {
      await engine.stop()
    }
  })
})

describe('an issuer path with route-pattern characters', () => {
  it('is matched literally (":" "(" "*" are not express parameters)', async () => {
    const engine = await startTestEngine({ issuer: 'http://127.0.0.1:1/t:1(x)*' })
    try {
      const md = await fetch(`${engine.url}/.well-known/ssf-configuration/t:1(x)*`)
      expect(md.status).toBe(200)
      expect(((await md.json()) as { issuer: string }).issuer).toBe('http://127.0.0.1:1/t:1(x)*')
      expect((await fetch(`${engine.url}/.well-known/ssf-configuration/t:2(x)*`)).status).toBe(404)
      expect((await engine.call('GET', '/t:1(x)*/ssf/streams')).status).toBe(200)
      // (a GET there would get the UI's SPA fallback)
      expect((await engine.call('POST', '/t:9(x)*/ssf/streams', {})).status).toBe(404)
    } finally {
      await engine.stop()
    }
  })

  it('metadata needs no token and is not affected by a wrong one', async () => {
    const engine = await startTestEngine()
    try {
      const res = await fetch(`${engine.url}/.well-known/ssf-configuration`, {
        headers: { Authorization: 'Bearer wrong' }
      })
      expect(res.status).toBe(200)
    } finally {
      await engine.stop()
    }
  })
})
