import fc from 'fast-check'
import { SignJWT, base64url, generateKeyPair } from 'jose'
import { describe, expect, it } from 'vitest'
import { buildSetClaims, decodeSet } from '../../../src/shared/ssf'

const SR = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'

describe('buildSetClaims', () => {
  const input = {
    iss: 'https://idp.sim.example/',
    aud: 'https://app.sim.example/',
    jti: '4b3a2918-0f7e-4d6c-95b4-a39281706f5e',
    iat: 1767232000.789,
    txn: 'txn-20260101-0100',
    sub_id: { format: 'email', email: 'dana@corp.example' },
    eventType: SR,
    payload: { initiating_entity: 'admin', event_timestamp: 1767231995 }
  }

  it('builds the spec example SET (one event, sub_id, iat in whole seconds)', () => {
    expect(buildSetClaims(input)).toEqual({
      iss: 'https://idp.sim.example/',
      aud: 'https://app.sim.example/',
      iat: 1767232000,
      jti: '4b3a2918-0f7e-4d6c-95b4-a39281706f5e',
      txn: 'txn-20260101-0100',
      sub_id: { format: 'email', email: 'dana@corp.example' },
      events: { [SR]: { initiating_entity: 'admin', event_timestamp: 1767231995 } }
    })
  })

  it('never has sub or exp, omits txn when absent, and copies its inputs', () => {
    const { txn: _txn, ...noTxn } = input
    const aud = ['a', 'b']
    const claims = buildSetClaims({ ...noTxn, aud })
    expect(claims.aud).toEqual(['a', 'b'])
    expect(claims.aud).not.toBe(aud)
    expect(claims).not.toHaveProperty('sub')
    expect(claims).not.toHaveProperty('exp')
    expect(claims).not.toHaveProperty('txn')
    expect(Object.keys(claims.events)).toHaveLength(1)
    claims.events[SR]!.extra = 1
    expect(input.payload).not.toHaveProperty('extra')
  })
})

describe('decodeSet', () => {
  it('decodes header, claims and the event type without verifying', async () => {
    const { privateKey } = await generateKeyPair('ES256')
    const claims = buildSetClaims({
      iss: 'i',
      aud: 'a',
      jti: 'j',
      iat: 1,
      sub_id: { format: 'opaque', id: 'x' },
      eventType: SR,
      payload: {}
    })
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'secevent+jwt' })
      .sign(privateKey)
    const decoded = decodeSet(token)
    expect(decoded.header).toEqual({ alg: 'ES256', kid: 'k1', typ: 'secevent+jwt' })
    expect(decoded.claims).toEqual(claims)
    expect(decoded.eventType).toBe(SR)
  })

  it('names the event type only when there is exactly one event', () => {
    const encode = (part: unknown) => base64url.encode(JSON.stringify(part))
    const header = encode({ alg: 'RS256' })
    for (const events of [{}, { [SR]: {}, 'urn:x': {} }, 'not-an-object', [{}]]) {
      const decoded = decodeSet(`${header}.${encode({ jti: 'j', events })}.c2ln`)
      expect(Object.keys(decoded), JSON.stringify(events)).toEqual(['header', 'claims'])
    }
  })

  it('throws on something that is not a JWT', () => {
    expect(() => decodeSet('not-a-jwt')).toThrow()
  })

  it('decode of an encode round-trips: header, claims and the event type', () => {
    const text = fc.string({ minLength: 1 })
    const json = fc.json().map((j) => JSON.parse(j) as unknown)
    const member = text.filter((k) => k !== '__proto__')
    const input = fc.record(
      {
        iss: fc.webUrl(),
        aud: fc.oneof(fc.webUrl(), fc.array(fc.webUrl(), { minLength: 1, maxLength: 3 })),
        jti: fc.uuid(),
        iat: fc.integer({ min: 0, max: 2 ** 32 }),
        txn: text,
        sub_id: fc.oneof(
          fc.record({ format: fc.constant('email'), email: fc.emailAddress() }),
          fc.record({ format: fc.constant('opaque'), id: text })
        ),
        eventType: fc.webUrl(),
        payload: fc.dictionary(member, json, { maxKeys: 5 })
      },
      { requiredKeys: ['iss', 'aud', 'jti', 'iat', 'sub_id', 'eventType', 'payload'] }
    )
    const header = fc.record({ alg: fc.constantFrom('RS256', 'ES256'), kid: text, typ: text })
    const encode = (part: unknown) => base64url.encode(JSON.stringify(part))
    fc.assert(
      fc.property(input, header, (i, h) => {
        const claims = buildSetClaims(i)
        const decoded = decodeSet(`${encode(h)}.${encode(claims)}.c2ln`)
        expect(decoded).toEqual({ header: h, claims, eventType: i.eventType })
      })
    )
  })
})
