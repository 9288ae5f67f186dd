/** `GET jwks_uri`: public signing keys only, with kid, alg and use. @see SSF 1.0 §7.1, RFC 7517 */
import { importJWK, jwtVerify, SignJWT } from 'jose'
import { afterAll, describe, expect, it, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

const engines: TestEngine[] = []
afterAll(async () => {
  for (const e of engines) await e.stop()
})

test.each([
  { alg: 'RS256' as const, kty: 'RSA', members: ['kty', 'n', 'e', 'kid', 'alg', 'use'] },
  { alg: 'ES256' as const, kty: 'EC', members: ['kty', 'crv', 'x', 'y', 'kid', 'alg', 'use'] }
])(
  '$alg: the JWKS from the metadata publishes the public key only',
  async ({ alg, kty, members }) => {
    const engine = await startTestEngine({ signingAlg: alg })
    engines.push(engine)
    const md = (await (await fetch(`${engine.url}/.well-known/ssf-configuration`)).json()) as {
      jwks_uri: string
    }
    const res = await fetch(md.jwks_uri)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/(jwk-set\+)?json/)
    const jwks = (await res.json()) as { keys: Record<string, unknown>[] }
    expect(jwks.keys).toHaveLength(1)
    const [key] = jwks.keys
    expect(key).toMatchObject({ kty, alg, use: 'sig' })
    expect(Object.keys(key ?? {}).sort()).toEqual([...members].sort())
    expect(key?.kid).toBe(engine.core.ctx.keys.active().kid)
    // The published key verifies what the active private key signs.
    const signing = engine.core.ctx.keys.active()
    const jwt = await new SignJWT({ x: 1 })
      .setProtectedHeader({ alg, kid: signing.kid, typ: 'secevent+jwt' })
      .sign(signing.privateKey)
    const verified = await jwtVerify(jwt, await importJWK(key ?? {}, alg))
    expect(verified.payload.x).toBe(1)
  }
)

describe('jwks_uri', () => {
  it('needs no authentication and refuses other methods with 405', async () => {
    const engine = await startTestEngine()
    engines.push(engine)
    expect((await fetch(`${engine.url}/ssf/jwks`)).status).toBe(200)
    const post = await fetch(`${engine.url}/ssf/jwks`, { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET')
  })
})
