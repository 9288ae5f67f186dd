import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkPushContentType,
  checkSetClaims,
  checkSetHeader,
  type SetExpectations
} from '../../../src/shared/ssf/receiver'

const VERIFICATION = 'https://schemas.openid.net/secevent/ssf/event-type/verification'
const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'

const expectations: SetExpectations = {
  issuer: 'https://tx.example',
  audience: 'https://rx.example',
  strict: false,
  rejectForeignVerificationSubject: true,
  duplicateJti: false
}

const valid = {
  iss: 'https://tx.example',
  aud: 'https://rx.example',
  jti: 'j-1',
  iat: 1_700_000_000,
  sub_id: { format: 'email', email: 'a@example.com' },
  events: { [SESSION_REVOKED]: {} }
}

describe('checkSetHeader', () => {
  it.each([
    [{ alg: 'RS256', typ: 'secevent+jwt', kid: 'k' }, undefined],
    [{ alg: 'ES256', typ: 'secevent+jwt', kid: 'k' }, undefined],
    [{ alg: 'EdDSA', typ: 'secevent+jwt', kid: 'k' }, undefined],
    [{ alg: 'none', typ: 'secevent+jwt' }, 'invalid_request'],
    [{ alg: 'NONE', typ: 'secevent+jwt' }, 'invalid_request'],
    [{ alg: 'HS256', typ: 'secevent+jwt' }, 'invalid_request'],
    [{ typ: 'secevent+jwt' }, 'invalid_request'],
    [{ alg: 'RS256' }, 'invalid_request'],
    [{ alg: 'RS256', typ: 'JWT' }, 'invalid_request'],
    ['not an object', 'invalid_request']
  ])('%j → %s', (header, code) => {
    expect(checkSetHeader(header).rejection?.code).toBe(code)
  })

  it('accepts application/secevent+jwt with a warning, and warns on a missing kid', () => {
    const long = checkSetHeader({ alg: 'RS256', typ: 'application/secevent+jwt', kid: 'k' })
    expect(long.rejection).toBeUndefined()
    expect(long.findings.map((f) => f.path)).toEqual(['header.typ'])
    expect(checkSetHeader({ alg: 'RS256', typ: 'secevent+jwt' }).findings[0]?.path).toBe(
      'header.kid'
    )
  })
})

describe('checkPushContentType', () => {
  it.each([
    ['application/secevent+jwt', 0],
    ['application/secevent+jwt; charset=utf-8', 0],
    ['Application/SecEvent+JWT', 0],
    ['application/json', 1],
    [undefined, 1],
    ['', 1]
  ])('%s → %i finding(s)', (type, n) => {
    expect(checkPushContentType(type)).toHaveLength(n)
  })
})

describe('checkSetClaims', () => {
  it('accepts a valid SET and summarises it', () => {
    const out = checkSetClaims(valid, expectations)
    expect(out.rejection).toBeUndefined()
    expect(out.summary).toEqual({
      jti: 'j-1',
      event_types: [SESSION_REVOKED],
      is_verification: false
    })
  })

  it.each<[string, Record<string, unknown>, string]>([
    ['iss with a trailing slash (byte-exact)', { iss: 'https://tx.example/' }, 'invalid_issuer'],
    ['missing iss', { iss: undefined }, 'invalid_issuer'],
    ['wrong aud', { aud: 'https://other' }, 'invalid_audience'],
    ['aud array without us', { aud: ['a', 'b'] }, 'invalid_audience'],
    ['aud array with a number', { aud: ['https://rx.example', 1] }, 'invalid_audience'],
    ['missing jti', { jti: undefined }, 'invalid_request'],
    ['string iat', { iat: '1' }, 'invalid_request'],
    ['events not an object', { events: [] }, 'invalid_request'],
    ['empty events', { events: {} }, 'invalid_request'],
    ['event payload not an object', { events: { [SESSION_REVOKED]: 'x' } }, 'invalid_request']
  ])('%s → %s', (_name, patch, code) => {
    const payload: Record<string, unknown> = { ...valid, ...patch }
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete payload[k]
    expect(checkSetClaims(payload, expectations).rejection?.code).toBe(code)
  })

  it('accepts aud arrays containing us', () => {
    expect(
      checkSetClaims({ ...valid, aud: ['x', 'https://rx.example'] }, expectations).rejection
    ).toBeUndefined()
  })

  it('two events: warning by default, invalid_request in strict mode (A23)', () => {
    const two = { ...valid, events: { [SESSION_REVOKED]: {}, [VERIFICATION]: {} } }
    expect(checkSetClaims(two, expectations).rejection).toBeUndefined()
    expect(checkSetClaims(two, { ...expectations, strict: true }).rejection?.code).toBe(
      'invalid_request'
    )
  })

  it('verification state: mismatch → invalid_state; unsolicited state → flagged (A21); none requested → accepted', () => {
    const v = (state?: string) => ({
      ...valid,
      sub_id: { format: 'opaque', id: 'st-1' },
      events: { [VERIFICATION]: state === undefined ? {} : { state } }
    })
    const e = { ...expectations, streamIds: ['st-1'] }
    expect(checkSetClaims(v('a'), { ...e, expectedState: 'a' }).rejection).toBeUndefined()
    expect(checkSetClaims(v('b'), { ...e, expectedState: 'a' }).rejection?.code).toBe(
      'invalid_state'
    )
    expect(checkSetClaims(v(), { ...e, expectedState: 'a' }).rejection?.code).toBe('invalid_state')
    const unsolicited = checkSetClaims(v('x'), e)
    expect(unsolicited.rejection).toBeUndefined()
    expect(unsolicited.findings.some((f) => f.rule.includes('A21'))).toBe(true)
    expect(checkSetClaims(v(), e).rejection).toBeUndefined()
  })

  it('verification sub_id must name our stream (A22), configurable', () => {
    const foreign = {
      ...valid,
      sub_id: { format: 'opaque', id: 'other' },
      events: { [VERIFICATION]: {} }
    }
    const e = { ...expectations, streamIds: ['st-1'] }
    expect(checkSetClaims(foreign, e).rejection?.code).toBe('invalid_request')
    const lenient = checkSetClaims(foreign, { ...e, rejectForeignVerificationSubject: false })
    expect(lenient.rejection).toBeUndefined()
    expect(lenient.findings.some((f) => f.rule.includes('A22'))).toBe(true)
  })

  it('flags event types outside events_delivered (A24) and duplicate jti, without rejecting', () => {
    const out = checkSetClaims(valid, { ...expectations, eventsDelivered: [], duplicateJti: true })
    expect(out.rejection).toBeUndefined()
    expect(out.findings.map((f) => f.path)).toEqual([
      'payload.jti',
      `payload.events["${SESSION_REVOKED}"]`
    ])
  })

  it('bad input never crashes', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (header, payload) => {
        checkSetHeader(header)
        const out = checkSetClaims(payload, expectations)
        expect(out.rejection === undefined || typeof out.rejection.code === 'string').toBe(true)
      })
    )
  })
})
