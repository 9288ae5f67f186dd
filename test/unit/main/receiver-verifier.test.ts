import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { lintSet } from '../../../src/main/receiver/lint-adapter'
import { jwksSchema, type Jwks } from '../../../src/main/store/receiver-repo'
import { verifySet, type VerifyDeps } from '../../../src/main/receiver/verifier'

const ISS = 'https://tx.example'
const AUD = 'https://rx.example'
let sign: (claims: Record<string, unknown>, header?: Record<string, unknown>) => Promise<string>
let jwks: Jwks
let fetches = 0

const deps = (): VerifyDeps => ({
  jwks: async (refresh) => {
    if (refresh) fetches++
    return jwks
  },
  expectations: () => ({
    issuer: ISS,
    audience: AUD,
    strict: false,
    rejectForeignVerificationSubject: true,
    duplicateJti: false
  })
})

const claims = {
  iss: ISS,
  aud: AUD,
  jti: 'j',
  iat: 1_700_000_000,
  sub_id: { format: 'email', email: 'a@example.com' },
  events: { 'https://schemas.openid.net/secevent/caep/event-type/session-revoked': {} }
}

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  jwks = jwksSchema.parse({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] })
  sign = (c, h = {}) =>
    new SignJWT(c)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'secevent+jwt', ...h })
      .sign(privateKey)
})

describe('verifySet', () => {
  it('accepts a valid SET', async () => {
    const out = await verifySet(await sign(claims), deps())
    expect(out.rejection).toBeUndefined()
    expect(out.summary?.jti).toBe('j')
  })

  it('unknown kid: refetches once, then invalid_key', async () => {
    fetches = 0
    const out = await verifySet(await sign(claims, { kid: 'k9' }), deps())
    expect(out.rejection?.code).toBe('invalid_key')
    expect(fetches).toBe(1)
  })

  it('a tampered payload → invalid_key (signature), still decoded for display', async () => {
    const [h, , s] = (await sign(claims)).split('.')
    const forged = Buffer.from(JSON.stringify({ ...claims, aud: 'evil' })).toString('base64url')
    const out = await verifySet(`${h}.${forged}.${s}`, deps())
    expect(out.rejection?.code).toBe('invalid_key')
    expect(out.payload).toMatchObject({ aud: 'evil' })
  })

  it.each([['a.b'], ['a.b.c.d.e'], ['%%%.%%%.%%%'], ['']])(
    'garbage %j → invalid_request',
    async (token) => {
      expect((await verifySet(token, deps())).rejection?.code).toBe('invalid_request')
    }
  )
})

describe('lintSet (the catalog linter through the adapter)', () => {
  it('finds missing sub_id, sub and exp; nothing on a clean SET', () => {
    const header = { typ: 'secevent+jwt', alg: 'ES256', kid: 'k1' }
    expect(lintSet({ header, payload: { ...claims, iat: 1_767_225_600, txn: 't' } })).toEqual([])
    const { sub_id: _drop, ...rest } = claims
    const paths = lintSet({ header: {}, payload: { ...rest, sub: 'x', exp: 1 } }).map((f) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['header.typ', 'sub_id', 'sub', 'exp']))
    expect(lintSet({ header: null, payload: 'x' })[0]?.severity).toBe('error')
  })
})
