/**
 * Guards for what the SET linter says, not only where: the sub_id message names the pre-SSF
 * legacy form only when an event carries one, and the interop profile reads "SSF events only"
 * over all events of the SET. Found missing by mutation testing (docs/testing.md).
 */
import { describe, expect, it } from 'vitest'
import { lintSet } from '../../../src/shared/ssf'

const SR = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const VERIFY = 'https://schemas.openid.net/secevent/ssf/event-type/verification'
const header = { alg: 'RS256', typ: 'secevent+jwt', kid: 'k1' }
const base = { iss: 'https://i.example/', aud: 'https://a.example/', jti: 'j', iat: 1767239990 }
const email = { format: 'email', email: 'a@b.example' }

const subIdMessage = (events: Record<string, unknown>) =>
  lintSet({ header, payload: { ...base, txn: 't', events } }, { now: 1767240000 }).find(
    (f) => f.path === 'sub_id'
  )?.message

describe('the sub_id message', () => {
  it('is plain when no event carries a subject', () => {
    expect(subIdMessage({ [SR]: {} })).toBe('"sub_id" is required')
    expect(subIdMessage({ [SR]: 'not an object' })).toBe('"sub_id" is required')
  })

  it('names the legacy form when one of the events carries a subject', () => {
    const legacy =
      '"sub_id" is required; a "subject" inside the event payload is the pre-SSF legacy form'
    expect(subIdMessage({ [SR]: { subject: email } })).toBe(legacy)
    expect(subIdMessage({ [VERIFY]: {}, [SR]: { subject: email } })).toBe(legacy)
  })
})

describe('the interop profile over several events', () => {
  it('an SSF event beside a CAEP one: email stays an interop subject format', () => {
    const findings = lintSet(
      {
        header,
        payload: {
          ...base,
          txn: 't',
          sub_id: email,
          events: { [SR]: { reason_admin: { en: 'x' } }, [VERIFY]: {} }
        }
      },
      { now: 1767240000, interop: true }
    )
    expect(findings.map((f) => [f.path, f.severity, f.rule])).toEqual([
      ['events', 'warning', 'SSF 1.0 §4 events SHOULD contain one']
    ])
  })
})
