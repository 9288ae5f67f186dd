import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sessionInfoSchema } from '../../../src/shared/api/session'
import { SESSION_FIELDS, readSessionInfo } from '../../../src/shared/api/session-fields'

/** Objects near a session: each field a string, another JSON value, or missing; extra keys. */
const nearSession = fc
  .record(
    Object.fromEntries(
      SESSION_FIELDS.map((key) => [key, fc.oneof(fc.string(), fc.jsonValue())])
    ) as Record<(typeof SESSION_FIELDS)[number], fc.Arbitrary<unknown>>,
    { requiredKeys: [] }
  )
  .chain((session) =>
    fc.dictionary(fc.string(), fc.jsonValue()).map((extra) => ({ ...extra, ...session }))
  )

describe('readSessionInfo (the first screen’s session check, without zod)', () => {
  it('agrees with sessionInfoSchema on sessions, near-sessions and any JSON value', () => {
    fc.assert(
      fc.property(fc.oneof(nearSession, fc.jsonValue()), (value) => {
        const zod = sessionInfoSchema.safeParse(value)
        expect(readSessionInfo(value)).toEqual(zod.success ? zod.data : undefined)
      }),
      { numRuns: 2000 }
    )
  })

  it('keeps only the session fields', () => {
    const session = { issuer: 'i', metadata_url: 'm', token: 't', version: 'v' }
    expect(readSessionInfo({ ...session, extra: 1 })).toEqual(session)
    expect(readSessionInfo({ ...session, token: 7 })).toBeUndefined()
    expect(readSessionInfo([session])).toBeUndefined()
    expect(readSessionInfo(null)).toBeUndefined()
  })
})
