/**
 * Guards for the Receiver's SET verifier (`verifySet`) that mutation testing showed missing: each
 * way a SET can fail names its reason exactly, the JWKS is refetched only for an unknown kid, and
 * the lint findings ride along with every rejection that has a decoded payload.
 * @see RFC 8935 §2.2, RFC 7515, RFC 7517 §4.5, docs/testing.md
 */
import { CompactSign, SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { jwksSchema, type Jwks } from '../../../src/main/store/receiver-repo'
import { verifySet, type VerifyDeps } from '../../../src/main/receiver/verifier'

const ISS = 'https://tx.example'
const AUD = 'https://rx.example'
const SR = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const claims = {
  iss: ISS,
  aud: AUD,
  jti: 'j-1',
  iat: 1_767_000_000,
  txn: 't',
  sub_id: { format: 'email', email: 'a@example.com' },
  events: { [SR]: {} }
}

let key: CryptoKey
let otherKey: CryptoKey
let rsaKey: CryptoKey
let publicJwk: JWK
let otherJwk: JWK

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const jwksOf = (...keys: JWK[]): Jwks => jwksSchema.parse({ keys })
const sign = (
  payload: Record<string, unknown> = claims,
  header: Record<string, unknown> = {},
  with_: CryptoKey = key
) =>
  new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'secevent+jwt', ...header })
    .sign(with_)

/** Deps that record what the verifier asked for. */
function recorder(
  first: Jwks | (() => never),
  refreshed: Jwks | (() => never) = first,
  lintOptions?: VerifyDeps['lintOptions']
) {
  const calls = { jwks: [] as boolean[], expectations: [] as (string | undefined)[] }
  const deps: VerifyDeps = {
    jwks: async (refresh) => {
      calls.jwks.push(refresh)
      const answer = refresh ? refreshed : first
      return typeof answer === 'function' ? answer() : answer
    },
    expectations: (jti) => {
      calls.expectations.push(jti)
      return {
        issuer: ISS,
        audience: AUD,
        strict: false,
        rejectForeignVerificationSubject: true,
        duplicateJti: false
      }
    },
    ...(lintOptions ? { lintOptions } : {})
  }
  return { deps, calls }
}

beforeAll(async () => {
  const a = await generateKeyPair('ES256')
  const b = await generateKeyPair('ES256')
  const r = await generateKeyPair('RS256')
  key = a.privateKey
  otherKey = b.privateKey
  rsaKey = r.privateKey
  publicJwk = { ...(await exportJWK(a.publicKey)), kid: 'k1', alg: 'ES256' }
  otherJwk = { ...(await exportJWK(b.publicKey)), kid: 'k2', alg: 'ES256' }
})

describe('verifySet: what is not a signed SET', () => {
  it.each([[''], ['  \n ']])('an empty body %j is invalid_request, nothing decoded', async (t) => {
    const { deps, calls } = recorder(jwksOf(publicJwk))
    expect(await verifySet(t, deps)).toEqual({
      rejection: { code: 'invalid_request', description: 'the body is empty; expected a SET' },
      findings: []
    })
    expect(calls.jwks).toEqual([])
  })

  it('five parts (a JWE) is refused as encrypted', async () => {
    const out = await verifySet('a.b.c.d.e', recorder(jwksOf(publicJwk)).deps)
    expect(out).toEqual({
      rejection: {
        code: 'invalid_request',
        description: 'encrypted SETs (JWE) are not supported; send a signed JWS'
      },
      findings: []
    })
  })

  const h = b64({ alg: 'ES256', kid: 'k1', typ: 'secevent+jwt' })
  it.each([
    ['a.b'],
    ['a.b.c.d'],
    ['%%%.%%%.%%%'],
    [`${b64({ alg: 'ES256' })}x!.e30.sig.x`],
    // A good header with two or four parts: refused for its parts, not for its payload.
    [`${h}.${b64(claims)}`],
    [`${h}.${b64(claims)}.c2ln.x`]
  ])('%j is not a compact JWS', async (token) => {
    expect(await verifySet(token, recorder(jwksOf(publicJwk)).deps)).toEqual({
      rejection: {
        code: 'invalid_request',
        description: 'the body is not a JWS in compact serialization (three base64url parts)'
      },
      findings: []
    })
  })

  it('surrounding whitespace is trimmed: a signed SET with a newline is accepted', async () => {
    const out = await verifySet(`\n${await sign()}\n`, recorder(jwksOf(publicJwk)).deps)
    expect(out.rejection).toBeUndefined()
    expect(out.summary?.jti).toBe('j-1')
  })

  it('a payload nested too deep is refused before anything walks it', async () => {
    let deep: unknown = 1
    for (let i = 0; i < 200; i++) deep = { d: deep }
    const out = await verifySet(await sign({ ...claims, deep }), recorder(jwksOf(publicJwk)).deps)
    expect(out.rejection?.code).toBe('invalid_request')
    expect(out.rejection?.description).toMatch(/^the JWS payload nests deeper than \d+ levels/)
    expect(out.findings).toEqual([])
    expect(out.payload).toBeUndefined()
  })

  it('a header nested too deep is refused too', async () => {
    let deep: unknown = 1
    for (let i = 0; i < 200; i++) deep = [deep]
    const token = `${b64({ alg: 'ES256', typ: 'secevent+jwt', deep })}.${b64(claims)}.c2ln`
    const out = await verifySet(token, recorder(jwksOf(publicJwk)).deps)
    expect(out.rejection?.description).toMatch(/^the JWS header nests deeper than/)
  })
})

describe('verifySet: the header', () => {
  it('alg none: refused, shown decoded, with the lint findings of the payload', async () => {
    const { sub_id: _s, ...noSubject } = claims
    const token = `${b64({ alg: 'none', typ: 'secevent+jwt' })}.${b64(noSubject)}.`
    const { deps, calls } = recorder(jwksOf(publicJwk))
    const out = await verifySet(token, deps)
    expect(out.rejection).toEqual({
      code: 'invalid_request',
      description: 'unsigned SETs ("alg": "none") are refused'
    })
    expect(out.header).toEqual({ alg: 'none', typ: 'secevent+jwt' })
    expect(out.payload).toEqual(noSubject)
    expect(out.jti).toBe('j-1')
    expect(out.findings.map((f) => f.path)).toEqual(
      expect.arrayContaining(['header.alg', 'sub_id'])
    )
    expect(calls.jwks).toEqual([])
  })

  it('a header rejection with a payload that is not an object has no lint findings', async () => {
    const token = `${b64({ alg: 'none', typ: 'secevent+jwt' })}.${b64([1, 2])}.`
    const out = await verifySet(token, recorder(jwksOf(publicJwk)).deps)
    expect(out.rejection?.description).toBe('unsigned SETs ("alg": "none") are refused')
    expect(out.payload).toBeUndefined()
    expect(out.findings).toEqual([])
    expect('jti' in out).toBe(false)
  })

  it('a good header over a payload that is not a JSON object', async () => {
    const token = await new CompactSign(new TextEncoder().encode('"just a string"'))
      .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'secevent+jwt' })
      .sign(key)
    const { deps, calls } = recorder(jwksOf(publicJwk))
    const out = await verifySet(token, deps)
    expect(out).toEqual({
      header: { alg: 'ES256', kid: 'k1', typ: 'secevent+jwt' },
      payload: undefined,
      rejection: { code: 'invalid_request', description: 'the JWS payload is not a JSON object' },
      findings: []
    })
    expect(calls.jwks).toEqual([])
  })

  it('a jti that is not a string is not shown as the jti', async () => {
    const out = await verifySet(await sign({ ...claims, jti: 7 }), recorder(jwksOf(publicJwk)).deps)
    expect('jti' in out).toBe(false)
    expect(out.rejection).toBeDefined()
  })
})

describe('verifySet: keys', () => {
  it('a known kid: one JWKS read from the cache, no refetch, no finding about keys', async () => {
    const { deps, calls } = recorder(jwksOf(publicJwk))
    const out = await verifySet(await sign(), deps)
    expect(out.rejection).toBeUndefined()
    expect(calls.jwks).toEqual([false])
    expect(calls.expectations).toEqual(['j-1'])
    expect(out.findings.filter((f) => f.path.startsWith('header'))).toEqual([])
    expect(out).toMatchObject({ header: { kid: 'k1' }, payload: claims, jti: 'j-1' })
    expect(out.summary).toBeDefined()
  })

  it('no kid: no refetch (the header warning says every key was tried)', async () => {
    const { deps, calls } = recorder(jwksOf(publicJwk))
    const out = await verifySet(await sign(claims, { kid: undefined }), deps)
    expect(out.rejection).toBeUndefined()
    expect(calls.jwks).toEqual([false])
    expect(out.findings.map((f) => [f.path, f.severity])).toContainEqual(['header.kid', 'warning'])
  })

  it('an unknown kid found after a refetch (key rotation): accepted, with an info finding', async () => {
    const { deps, calls } = recorder(jwksOf(otherJwk), jwksOf(otherJwk, publicJwk))
    const out = await verifySet(await sign(), deps)
    expect(out.rejection).toBeUndefined()
    expect(calls.jwks).toEqual([false, true])
    expect(out.findings).toContainEqual({
      severity: 'info',
      rule: 'RFC 7517 §4.5',
      path: 'header.kid',
      message: 'kid "k1" was not in the cached JWKS; the JWKS was fetched again'
    })
  })

  it('an unknown kid still unknown after the refetch: invalid_key, lint findings kept', async () => {
    const { deps, calls } = recorder(jwksOf(otherJwk))
    const out = await verifySet(await sign({ ...claims, exp: 1 }), deps)
    expect(out.rejection).toEqual({
      code: 'invalid_key',
      description: `kid "k1" is not in the issuer's JWKS (fetched again to be sure)`
    })
    expect(calls.jwks).toEqual([false, true])
    expect(out.findings.map((f) => f.path)).toEqual(['header.kid', 'exp'])
    expect(out.jti).toBe('j-1')
  })

  it.each([
    [new Error('connection refused'), 'connection refused'],
    ['plain text', 'plain text']
  ])('a JWKS that cannot be fetched (%j): invalid_key naming why', async (thrown, why) => {
    const fail = (): never => {
      throw thrown
    }
    const out = await verifySet(await sign({ ...claims, exp: 1 }), recorder(fail).deps)
    expect(out.rejection).toEqual({
      code: 'invalid_key',
      description: `the issuer's JWKS could not be fetched: ${why}`
    })
    expect(out.findings.map((f) => f.path)).toEqual(['exp'])
  })

  it('a failing refetch is reported the same way', async () => {
    const fail = (): never => {
      throw new Error('gone')
    }
    const out = await verifySet(await sign(), recorder(jwksOf(otherJwk), fail).deps)
    expect(out.rejection?.description).toBe("the issuer's JWKS could not be fetched: gone")
  })
})

describe('verifySet: signatures', () => {
  it('signed by another key with the same kid: the signature does not verify', async () => {
    const out = await verifySet(
      await sign({ ...claims, exp: 1 }, {}, otherKey),
      recorder(jwksOf(publicJwk)).deps
    )
    expect(out.rejection).toEqual({
      code: 'invalid_key',
      description: "the signature does not verify with the issuer's key"
    })
    expect(out.payload).toMatchObject({ jti: 'j-1' })
    expect(out.findings.map((f) => f.path)).toEqual(['exp'])
  })

  it('an RS256 SET against an EC key of that kid: no matching key', async () => {
    const out = await verifySet(
      await sign(claims, { alg: 'RS256' }, rsaKey),
      recorder(jwksOf(publicJwk)).deps
    )
    expect(out.rejection).toEqual({
      code: 'invalid_key',
      description: "no key in the issuer's JWKS matches the SET's header (kid/alg)"
    })
  })

  it('no kid and several candidate keys, none of which verifies', async () => {
    const third = await generateKeyPair('ES256')
    const out = await verifySet(
      await sign(claims, { kid: undefined }, third.privateKey),
      recorder(jwksOf(publicJwk, otherJwk)).deps
    )
    expect(out.rejection).toEqual({
      code: 'invalid_key',
      description: "several keys in the issuer's JWKS match and none verifies"
    })
  })

  it('a key whose coordinates do not import: verification failed, with the reason', async () => {
    const broken = { ...publicJwk, x: 'AAAA' }
    const out = await verifySet(await sign(), recorder(jwksOf(broken)).deps)
    expect(out.rejection?.code).toBe('invalid_key')
    expect(out.rejection?.description).toMatch(/^signature verification failed: \S/)
  })
  it('a critical header extension the verifier does not know: the key cannot be used', async () => {
    const token = await new SignJWT(claims)
      .setProtectedHeader({
        alg: 'ES256',
        kid: 'k1',
        typ: 'secevent+jwt',
        crit: ['urn:example:x'],
        'urn:example:x': true
      })
      .sign(key, { crit: { 'urn:example:x': true } })
    const out = await verifySet(token, recorder(jwksOf(publicJwk)).deps)
    expect(out.rejection).toEqual({
      code: 'invalid_key',
      description:
        'the issuer\'s key cannot be used: Extension Header Parameter "urn:example:x" is not recognized'
    })
  })
})

describe('verifySet: claims and lint', () => {
  it('an accepted SET has no rejection member; a refused one has no summary member', async () => {
    const deps = recorder(jwksOf(publicJwk)).deps
    const accepted = await verifySet(await sign(), deps)
    expect(Object.keys(accepted).sort()).toEqual([
      'findings',
      'header',
      'jti',
      'payload',
      'summary'
    ])
    const refused = await verifySet(await sign({ ...claims, iss: 'https://evil.example' }), deps)
    expect(Object.keys(refused).sort()).toEqual([
      'findings',
      'header',
      'jti',
      'payload',
      'rejection'
    ])
  })

  it('the claims are checked against the expectations: the rejection and the findings', async () => {
    const out = await verifySet(
      await sign({ ...claims, iss: 'https://evil.example' }),
      recorder(jwksOf(publicJwk)).deps
    )
    expect(out.rejection?.code).toBe('invalid_issuer')
    expect(out.payload).toMatchObject({ iss: 'https://evil.example' })
  })

  it('passes its lint options to the linter', async () => {
    const plain = await verifySet(await sign(), recorder(jwksOf(publicJwk)).deps)
    expect(plain.findings).toEqual([])
    const delivered = await verifySet(
      await sign(),
      recorder(jwksOf(publicJwk), jwksOf(publicJwk), { eventsDelivered: [] }).deps
    )
    expect(delivered.rejection).toBeUndefined()
    expect(delivered.findings.map((f) => [f.path, f.severity])).toEqual([
      [`events[${JSON.stringify(SR)}]`, 'warning']
    ])
  })
})
