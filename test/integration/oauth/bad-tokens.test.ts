import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
  expect((await engine.call('POST', '/api/tenants', { tenant_id: 'acme' })).status).toBe(201)
})
afterAll(() => engine.stop())

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** Bearer values: random text, and JWT-shaped values with random headers and claims. */
const bearer = fc.oneof(
  fc.stringMatching(/^[\w.~+/=-]{1,200}$/),
  fc
    .tuple(
      fc.record({ alg: fc.constantFrom('RS256', 'none', 'HS256', 'ES256'), typ: fc.string() }),
      fc.dictionary(
        fc.constantFrom('sub', 'client_id', 'scope', 'aud', 'tenant', 'exp', 'iss'),
        fc.oneof(fc.string(), fc.integer(), fc.array(fc.string()), fc.constant(null))
      ),
      fc.stringMatching(/^[\w-]{0,80}$/)
    )
    .map(([h, p, s]) => `${b64(h)}.${b64(p)}.${s}`)
)

describe('bad bearer tokens never crash anything', () => {
  it('any garbage bearer → 401 invalid_token JSON (root and tenant)', async () => {
    await fc.assert(
      fc.asyncProperty(bearer, fc.constantFrom('', '/t/acme'), async (token, prefix) => {
        const res = await engine.call('GET', `${prefix}/ssf/streams`, undefined, token)
        expect(res.status).toBe(401)
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/)
        expect(await res.json()).toMatchObject({ err: 'invalid_token' })
      }),
      { numRuns: 60 }
    )
  })

  it('any form body at the token endpoint → a 4xx OAuth error, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('grant_type', 'scope', 'resource', 'client_id', 'code', 'client_secret'),
          fc.string({ maxLength: 60 })
        ),
        async (params) => {
          const res = await fetch(`${engine.url}/oauth/token`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(params).toString()
          })
          expect(res.status).toBeGreaterThanOrEqual(400)
          expect(res.status).toBeLessThan(500)
          expect(await res.json()).toHaveProperty('error')
        }
      ),
      { numRuns: 40 }
    )
  })
})
