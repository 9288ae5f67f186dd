import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expandPollBody, pollBodyForLog } from '../../../src/shared/traffic'

describe('poll responses in the traffic log', () => {
  it('round-trips to the exact body sent, whatever the jtis and which tokens a fault changed', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('__proto__', '1', 'constructor')),
          fc.string({ minLength: 1 })
        ),
        fc.boolean(),
        fc.func(fc.boolean()),
        (stored, moreAvailable, faulted) => {
          const sets = Object.fromEntries(
            Object.entries(stored).map(([jti, t]) => [jti, faulted(jti) ? `${t}.x` : t])
          )
          const response = { sets, moreAvailable }
          const logged = pollBodyForLog(response, stored)
          const tokens = new Map(Object.entries(stored))
          expect(expandPollBody(logged.body, logged.setRefs, tokens)).toBe(JSON.stringify(response))
        }
      )
    )
  })

  it('stores no token it can name', () => {
    const logged = pollBodyForLog(
      { sets: { a: 'tok-a', b: 'faulty' }, moreAvailable: false },
      {
        a: 'tok-a',
        b: 'tok-b'
      }
    )
    expect(logged).toEqual({
      body: '{"sets":{"a":"","b":"faulty"},"moreAvailable":false}',
      setRefs: ['a']
    })
  })

  it('returns a body it cannot read as stored (capped, or not a poll response)', () => {
    const tokens = new Map([['a', 'tok-a']])
    expect(expandPollBody('{"sets":{"a":""', ['a'], tokens)).toBe('{"sets":{"a":""')
    expect(expandPollBody('[1]', ['a'], tokens)).toBe('[1]')
    // A SET no longer stored stays as recorded.
    expect(expandPollBody('{"sets":{"b":""}}', ['b'], tokens)).toBe('{"sets":{"b":""}}')
  })
})
