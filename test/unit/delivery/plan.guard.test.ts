/**
 * Guards for mutation testing (docs/testing.md) of the fire plan: the claims given are the
 * claims checked, and an edited replay keeps the `iat` its new claims carry.
 */
import { describe, expect, it } from 'vitest'
import { checkEvent, planEditedClaims } from '../../../src/main/transmitter/delivery/plan'

const NOW = 1_767_225_600
const options = { customTypes: [], nowSeconds: NOW }
const subject = { format: 'email', email: 'ada@example.com' }

describe('checkEvent', () => {
  it('checks the claims it is given: a complete event has no errors, an empty one has', () => {
    const type = 'caep.credential-change'
    const claims = { credential_type: 'password', change_type: 'update', event_timestamp: NOW }
    expect(checkEvent({ type, subject, claims }, options).errors).toEqual([])
    expect(checkEvent({ type, subject }, options).errors.map((f) => f.path)).toContain(
      'claims.change_type'
    )
  })
})

describe('planEditedClaims', () => {
  const stored = { claims: { iat: 1, events: { a: {} } }, eventType: 'a' }
  it('keeps the iat of whole new claims', () => {
    const out = planEditedClaims(stored, { claims: { iat: 5, events: { b: {} } } }, 'j2', NOW)
    expect(out).toEqual({ claims: { iat: 5, jti: 'j2', events: { b: {} } }, eventType: 'b' })
  })
  it('keeps the iat of edits, and sets it to now otherwise', () => {
    expect(planEditedClaims(stored, { edits: { iat: 7 } }, 'j3', NOW).claims.iat).toBe(7)
    expect(planEditedClaims(stored, { claims: { events: {} } }, 'j4', NOW)).toEqual({
      claims: { iat: NOW, jti: 'j4', events: {} },
      eventType: 'a'
    })
  })
})
