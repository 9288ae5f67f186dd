/** The body parsers and subject functions never fail in any other way than a 400. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  InvalidRequestError,
  canonicalSubject,
  matchSubject,
  parseCreateStreamRequest,
  parseStatusUpdateRequest,
  parseStreamUpdateRequest,
  parseSubjectRequest,
  parseVerificationRequest,
  validateSubject,
  type SubjectIdentifier
} from '../../../src/shared/ssf'

const PARSERS: [string, (body: unknown) => unknown][] = [
  ['create (lenient)', (b) => parseCreateStreamRequest(b, 'lenient')],
  ['create (strict)', (b) => parseCreateStreamRequest(b, 'strict')],
  ['update', parseStreamUpdateRequest],
  ['status', parseStatusUpdateRequest],
  ['subject', parseSubjectRequest],
  ['verification', parseVerificationRequest]
]

const body = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      stream_id: fc.oneof(fc.string(), fc.jsonValue()),
      status: fc.oneof(fc.constantFrom('enabled', 'paused', 'disabled'), fc.jsonValue()),
      subject: fc.jsonValue(),
      delivery: fc.oneof(
        fc.record(
          {
            method: fc.oneof(
              fc.constantFrom('urn:ietf:rfc:8935', 'urn:ietf:rfc:8936'),
              fc.jsonValue()
            ),
            endpoint_url: fc.oneof(fc.webUrl(), fc.jsonValue())
          },
          { requiredKeys: [] }
        ),
        fc.jsonValue()
      ),
      events_requested: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
      description: fc.jsonValue(),
      state: fc.jsonValue(),
      verified: fc.jsonValue()
    },
    { requiredKeys: [] }
  )
)

describe('parsers', () => {
  it.each(PARSERS)('%s: returns or throws InvalidRequestError, nothing else', (_name, parse) => {
    fc.assert(
      fc.property(body, (b) => {
        try {
          parse(b)
        } catch (err) {
          expect(err).toBeInstanceOf(InvalidRequestError)
        }
      }),
      { numRuns: 500 }
    )
  })

  // `update` answers { stream_id, config, … }, not a request body: nothing to parse again.
  const sameShape = PARSERS.filter(([name]) => name !== 'update')
  it.each(sameShape)(
    '%s: idempotent, what it accepts it accepts again unchanged',
    (_name, parse) => {
      fc.assert(
        fc.property(body, (b) => {
          let parsed: unknown
          try {
            parsed = parse(b)
          } catch {
            return
          }
          expect(parse(structuredClone(parsed))).toEqual(parsed)
        }),
        { numRuns: 500 }
      )
    }
  )
})

describe('subjects', () => {
  const simple = fc.oneof(
    fc.record({ format: fc.constant('email'), email: fc.emailAddress() }),
    fc.record({ format: fc.constant('opaque'), id: fc.string({ minLength: 1 }) }),
    fc.record({
      format: fc.constant('iss_sub'),
      iss: fc.webUrl(),
      sub: fc.string({ minLength: 1 })
    })
  )
  const complex = fc
    .dictionary(fc.constantFrom('user', 'device', 'session', 'tenant', 'group'), simple, {
      minKeys: 1
    })
    .map((m): SubjectIdentifier => ({ format: 'complex', ...m }))
  const subject = fc.oneof(simple, complex)

  it('validateSubject never throws on any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(Array.isArray(validateSubject(v))).toBe(true)
      }),
      { numRuns: 1000 }
    )
  })

  it('generated well-formed subjects validate', () => {
    fc.assert(
      fc.property(subject, (s) => {
        expect(validateSubject(s)).toEqual([])
      })
    )
  })

  it('matchSubject is symmetric and reflexive; equal canonical forms match', () => {
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        expect(matchSubject(a, b)).toBe(matchSubject(b, a))
        expect(matchSubject(a, a)).toBe(true)
        if (canonicalSubject(a) === canonicalSubject(b)) expect(matchSubject(a, b)).toBe(true)
      }),
      { numRuns: 500 }
    )
  })
})
