import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkEvent,
  planEditedClaims,
  planEvent,
  planSetClaims,
  streamIssuer
} from '../../../src/main/transmitter/delivery/plan'

const ROOT = 'https://tx.example'
const NOW = 1_767_225_600
const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const options = { customTypes: [], nowSeconds: NOW }
const subject = { format: 'email', email: 'ada@example.com' }

describe('planEvent: the one catalog check of a fire', () => {
  it('resolves a catalog name to its URI and keeps the subject and claims', () => {
    const plan = planEvent(
      { type: 'caep.session-revoked', subject, claims: { event_timestamp: NOW } },
      options
    )
    expect(plan).toMatchObject({
      eventType: SESSION_REVOKED,
      subject,
      payload: { event_timestamp: NOW }
    })
    expect(plan.findings.filter((f) => f.severity === 'error')).toEqual([])
  })

  it('refuses an invalid event with 400 invalid_request naming the rule', () => {
    expect(() =>
      planEvent(
        { type: 'caep.credential-change', subject, claims: { change_type: 'melt' } },
        options
      )
    ).toThrow(/change_type/)
    expect(() => planEvent({ type: 'no-such-event', subject }, options)).toThrow(/invalid event/)
  })

  it('lets an invalid event through on purpose, with its errors as findings', () => {
    const plan = planEvent(
      {
        type: 'caep.credential-change',
        subject,
        claims: { change_type: 'melt' },
        allow_invalid: true
      },
      options
    )
    expect(
      plan.findings.some((f) => f.severity === 'error' && f.path.includes('change_type'))
    ).toBe(true)
  })

  it('never puts a subject without "format" in a SET, even on purpose', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.integer(),
          fc.constant(null),
          fc.array(fc.anything()),
          fc.dictionary(
            fc.string().filter((k) => k !== 'format'),
            fc.anything()
          )
        ),
        (bad) => {
          expect(() =>
            planEvent({ type: 'caep.session-revoked', subject: bad, allow_invalid: true }, options)
          ).toThrow(/subject|invalid event/)
        }
      )
    )
  })

  it('checkEvent reports without throwing (the preview shows errors)', () => {
    const check = checkEvent({ type: 'no-such-event', subject: 'x' }, options)
    expect(check.fire).toBe(false)
    expect(check.errors.length).toBeGreaterThan(0)
  })
})

describe('planSetClaims: the claims of one SET to one stream', () => {
  const content = {
    jti: 'j-1',
    iat: NOW + 0.9,
    txn: 't-1',
    sub_id: subject,
    eventType: SESSION_REVOKED,
    payload: { event_timestamp: NOW }
  }

  it("carries the stream's tenant issuer, its aud and one event", () => {
    expect(
      planSetClaims(ROOT, { tenant: 'default', config: { aud: 'https://rx' } }, content)
    ).toEqual({
      iss: ROOT,
      aud: 'https://rx',
      iat: NOW,
      jti: 'j-1',
      txn: 't-1',
      sub_id: subject,
      events: { [SESSION_REVOKED]: { event_timestamp: NOW } }
    })
    const other = planSetClaims(ROOT, { tenant: 'acme', config: { aud: ['a', 'b'] } }, content)
    expect(other).toMatchObject({ iss: `${ROOT}/t/acme`, aud: ['a', 'b'] })
  })

  it('a stream without a tenant is in the default one', () => {
    expect(streamIssuer(ROOT, { config: { aud: 'x' } })).toBe(ROOT)
  })
})

describe('planEditedClaims: an edited replay', () => {
  const stored = {
    claims: { iss: ROOT, jti: 'old', iat: 1, events: { [SESSION_REVOKED]: {} } },
    eventType: SESSION_REVOKED
  }

  it('merges edits into the stored claims, with a new jti and iat now', () => {
    const out = planEditedClaims(stored, { edits: { iss: 'https://other' } }, 'new', NOW)
    expect(out).toEqual({
      claims: { iss: 'https://other', jti: 'new', iat: NOW, events: { [SESSION_REVOKED]: {} } },
      eventType: SESSION_REVOKED
    })
  })

  it('takes whole claims as given, keeping an iat the edit sets', () => {
    const out = planEditedClaims(stored, { claims: { iat: 5, events: { 'urn:x': {} } } }, 'n', NOW)
    expect(out).toEqual({
      claims: { iat: 5, events: { 'urn:x': {} }, jti: 'n' },
      eventType: 'urn:x'
    })
  })

  it('always has the new jti; the event type is the first of events, else the stored one', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.uuid(), (edits, jti) => {
        const out = planEditedClaims(stored, { edits }, jti, NOW)
        expect(out.claims.jti).toBe(jti)
        const events = out.claims.events
        const first =
          typeof events === 'object' && events !== null ? Object.keys(events)[0] : undefined
        expect(out.eventType).toBe(first ?? SESSION_REVOKED)
      })
    )
  })
})
