import { describe, expect, it, test } from 'vitest'
import fc from 'fast-check'
import {
  BUILTIN_CATALOG,
  BUILTIN_EVENT_TYPE_URIS,
  CAEP_EVENT_TYPES,
  RISC_EVENT_TYPES,
  assertFireable,
  eventTypeUris,
  findEventType,
  lintSet,
  listEventTypes,
  validateEvent,
  validateEventForFire,
  type ClaimSpec,
  type CustomEventType,
  type EventTypeEntry
} from '../../../src/shared/ssf'

const NOW = 1767240000
const at = (claim: string) =>
  /^[A-Za-z_]\w*$/.test(claim) ? `claims.${claim}` : `claims[${JSON.stringify(claim)}]`

const inputOf = (e: EventTypeEntry, claims: Record<string, unknown> = e.example.claims) => ({
  type: e.uri,
  subject: e.example.sub_id,
  claims
})

const errorsOf = (e: EventTypeEntry, claims: Record<string, unknown>) =>
  validateEvent(inputOf(e, claims), { now: NOW }).filter((f) => f.path !== 'type')

describe('the built-in catalog', () => {
  it('has every CAEP 1.0, RISC 1.0 and SSF 1.0 event type, each once', () => {
    const by = (p: string) => BUILTIN_CATALOG.filter((e) => e.profile === p)
    expect(by('caep')).toHaveLength(8)
    expect(by('risc')).toHaveLength(14)
    expect(
      by('risc')
        .filter((e) => e.deprecated)
        .map((e) => e.name)
    ).toEqual(['risc.sessions-revoked'])
    expect(by('ssf').map((e) => e.name)).toEqual(['ssf.verification', 'ssf.stream-updated'])
    expect(new Set(BUILTIN_CATALOG.map((e) => e.uri)).size).toBe(BUILTIN_CATALOG.length)
    expect(new Set(BUILTIN_CATALOG.map((e) => e.name)).size).toBe(BUILTIN_CATALOG.length)
    expect(eventTypeUris()).toEqual([...BUILTIN_EVENT_TYPE_URIS])
  })

  it('names match URIs and every claim has form metadata', () => {
    for (const e of BUILTIN_CATALOG) {
      expect(e.uri.endsWith(`/${e.name.split('.')[1]}`)).toBe(true)
      for (const c of e.claims) {
        expect(c.form.label.length).toBeGreaterThan(0)
        if (c.enum && !c.openEnum) expect(c.form.options).toEqual(c.enum)
      }
    }
  })

  it('handles the CAEP common claims once, on every CAEP event', () => {
    for (const e of BUILTIN_CATALOG.filter((x) => x.profile === 'caep'))
      expect(e.claims.map((c) => c.name)).toEqual(
        expect.arrayContaining([
          'event_timestamp',
          'initiating_entity',
          'reason_admin',
          'reason_user'
        ])
      )
  })
})

describe.each(BUILTIN_CATALOG.map((e) => [e.name, e] as const))('%s', (_name, entry) => {
  it('its example validates clean', () => {
    const findings = validateEvent(inputOf(entry), { now: NOW })
    if (entry.deprecated)
      expect(findings).toEqual([expect.objectContaining({ path: 'type', severity: 'warning' })])
    else expect(findings).toEqual([])
  })

  it('its example as a full SET lints clean', () => {
    const findings = lintSet(
      {
        header: { alg: 'RS256', typ: 'secevent+jwt', kid: 'sim-rsa-1' },
        payload: {
          iss: 'https://idp.sim.example/',
          aud: 'https://app.sim.example/',
          jti: 'f3a6c1d2-8b7e-4c5a-9d10-aa11bb22cc33',
          iat: NOW,
          txn: 'txn-1',
          sub_id: entry.example.sub_id,
          events: { [entry.uri]: entry.example.claims }
        }
      },
      { now: NOW, issuer: 'https://idp.sim.example/', audience: 'https://app.sim.example/' }
    )
    expect(findings.filter((f) => !entry.deprecated || !f.rule.includes('deprecated'))).toEqual([])
  })
})

const requiredCases = BUILTIN_CATALOG.flatMap((e) =>
  e.claims.filter((c) => c.requirement === 'required').map((c) => [e.name, c.name, e, c] as const)
)
test.each(requiredCases)('%s without %s: one precise error', (_n, claim, entry, spec) => {
  const claims = { ...entry.example.claims }
  delete claims[claim]
  expect(errorsOf(entry, claims)).toEqual([
    {
      path: at(claim),
      rule: `${spec.section} ${claim} REQUIRED`,
      message: expect.stringContaining(`"${claim}" is required`),
      severity: 'error'
    }
  ])
})

const enumCases = BUILTIN_CATALOG.flatMap((e) =>
  e.claims.filter((c) => c.enum).map((c) => [e.name, c.name, e, c] as const)
)
test.each(enumCases)('%s with a broken %s enum: its own finding', (_n, claim, entry, spec) => {
  const findings = errorsOf(entry, { ...entry.example.claims, [claim]: 'not-a-listed-value' })
  expect(findings).toEqual([
    {
      path: at(claim),
      rule: `${spec.section} ${claim} ${spec.openEnum ? 'values' : 'enum'}`,
      message: expect.stringContaining('"not-a-listed-value" is not one of'),
      severity: spec.openEnum ? 'warning' : 'error'
    }
  ])
})

const wrongValue = (c: ClaimSpec): unknown =>
  c.type === 'string' ? 42 : c.type === 'number' ? 'soon' : c.type === 'array' ? 'pwd' : 'text'
const typeCases = BUILTIN_CATALOG.flatMap((e) =>
  e.claims.filter((c) => !c.lenientString).map((c) => [e.name, c.name, e, c] as const)
)
test.each(typeCases)(
  '%s with a wrongly typed %s: an error at its path',
  (_n, claim, entry, spec) => {
    const findings = errorsOf(entry, { ...entry.example.claims, [claim]: wrongValue(spec) })
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ path: at(claim), severity: 'error' })
    expect(findings[0]?.rule).toContain(`${spec.section} ${claim}`)
  }
)

describe('claim rules', () => {
  const cc = findEventType('caep.credential-change')!
  const risc = findEventType('risc.credential-compromise')!

  it('rejects millisecond timestamps', () => {
    expect(errorsOf(cc, { ...cc.example.claims, event_timestamp: 1767229990000 })).toEqual([
      expect.objectContaining({
        path: 'claims.event_timestamp',
        rule: 'CAEP 1.0 §2 event_timestamp seconds',
        message: expect.stringContaining('milliseconds'),
        severity: 'error'
      })
    ])
  })

  it('flags timestamps in the future only beyond the skew, and implausibly old ones', () => {
    const ts = (t: number) => errorsOf(cc, { ...cc.example.claims, event_timestamp: t })
    expect(ts(NOW + 200)).toEqual([])
    expect(ts(NOW + 4000)).toEqual([
      expect.objectContaining({ severity: 'error', rule: expect.stringContaining('future') })
    ])
    expect(ts(1508184845)).toEqual([expect.objectContaining({ severity: 'warning' })])
  })

  it('wants language-tagged reasons (strings are errors in CAEP, warnings in RISC — A28)', () => {
    expect(errorsOf(cc, { ...cc.example.claims, reason_admin: 'Policy' })).toEqual([
      expect.objectContaining({
        path: 'claims.reason_admin',
        severity: 'error',
        rule: 'CAEP 1.0 §2 reason_admin language-tagged object'
      })
    ])
    expect(errorsOf(risc, { ...risc.example.claims, reason_user: 'Changed' })).toEqual([
      expect.objectContaining({ path: 'claims.reason_user', severity: 'warning' })
    ])
    expect(
      errorsOf(cc, { ...cc.example.claims, reason_admin: { 'english language': 'x', de: '' } })
    ).toEqual([
      expect.objectContaining({
        path: 'claims.reason_admin["english language"]',
        severity: 'error'
      }),
      expect.objectContaining({ path: 'claims.reason_admin.de', severity: 'error' })
    ])
    expect(errorsOf(cc, { ...cc.example.claims, reason_admin: {} })).toHaveLength(1)
  })

  it('hints at case for enums (risk levels are uppercase)', () => {
    const rl = findEventType('risk-level-change')!
    expect(errorsOf(rl, { ...rl.example.claims, current_level: 'high' })).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('"HIGH"') })
    ])
  })

  it('checks amr items, empty token claims and the assurance change_direction SHOULD', () => {
    const se = findEventType('caep.session-established')!
    expect(errorsOf(se, { amr: ['pwd', 7] })).toEqual([
      expect.objectContaining({ path: 'claims.amr[1]' })
    ])
    const tc = findEventType('caep.token-claims-change')!
    expect(errorsOf(tc, { claims: {} })).toEqual([
      expect.objectContaining({ path: 'claims.claims', severity: 'error' })
    ])
    const al = findEventType('caep.assurance-level-change')!
    expect(
      errorsOf(al, {
        namespace: 'NIST-AAL',
        current_level: 'nist-aal2',
        previous_level: 'nist-aal1'
      })
    ).toEqual([expect.objectContaining({ path: 'claims.change_direction', severity: 'warning' })])
    expect(errorsOf(al, { namespace: 'corp-tiers', current_level: 'tier-3' })).toEqual([])
  })

  it('uses bracket paths for hyphenated claims', () => {
    const ic = findEventType('risc.identifier-changed')!
    expect(errorsOf(ic, { 'new-value': 5 })).toEqual([
      expect.objectContaining({ path: 'claims["new-value"]' })
    ])
  })

  it('enforces subject formats an event requires', () => {
    const ic = findEventType('risc.identifier-changed')!
    expect(
      validateEvent({ type: ic.uri, subject: { format: 'opaque', id: 'x' }, claims: {} })
    ).toEqual([
      expect.objectContaining({
        path: 'subject.format',
        severity: 'error',
        rule: expect.stringContaining('email or phone')
      })
    ])
    // Legacy `phone` is accepted with a warning (A2).
    expect(
      validateEvent({
        type: ic.uri,
        subject: { format: 'phone', phone: '+14155550123' },
        claims: {}
      })
    ).toEqual([expect.objectContaining({ path: 'subject.format', severity: 'warning' })])
    const v = findEventType('ssf.verification')!
    expect(
      validateEvent({ type: v.uri, subject: { format: 'email', email: 'a@b.c' } })
    ).toHaveLength(1)
  })

  it('rejects an unknown type, a missing subject and a non-object payload', () => {
    expect(
      validateEvent({ type: 'https://example.com/nope', subject: { format: 'opaque', id: 'x' } })
    ).toEqual([expect.objectContaining({ path: 'type', severity: 'error' })])
    expect(validateEvent({ type: 'caep.session-revoked', subject: undefined })).toEqual([
      expect.objectContaining({ path: 'subject', rule: 'SSF 1.0 §3 sub_id REQUIRED' })
    ])
    expect(
      validateEvent({
        type: 'caep.session-revoked',
        subject: { format: 'opaque', id: 'x' },
        claims: []
      })
    ).toEqual([expect.objectContaining({ path: 'claims', severity: 'error' })])
  })
})

describe('lookups', () => {
  const custom: CustomEventType = {
    id: 'cet_1',
    uri: 'https://corp.example/events/door-opened',
    title: 'Door opened',
    schema: { type: 'object', properties: { door: { type: 'string' } }, required: ['door'] },
    created_at: 0
  }

  it('finds by URI, short name and unambiguous bare name', () => {
    expect(findEventType(CAEP_EVENT_TYPES['session-revoked'])?.name).toBe('caep.session-revoked')
    expect(findEventType('risc.account-disabled')?.uri).toBe(RISC_EVENT_TYPES['account-disabled'])
    expect(findEventType('account-disabled')?.name).toBe('risc.account-disabled')
    expect(findEventType('nope')).toBeUndefined()
    expect(findEventType('custom.door-opened', [custom])?.id).toBe('cet_1')
    expect(findEventType('door-opened')).toBeUndefined()
  })

  it('lists custom types after the catalog, in events_supported too', () => {
    expect(listEventTypes([custom]).at(-1)?.uri).toBe(custom.uri)
    expect(eventTypeUris([custom])).toEqual([...BUILTIN_EVENT_TYPE_URIS, custom.uri])
  })

  it('derives form fields and an example from the schema that validates', () => {
    const entry = findEventType(custom.uri, [custom])!
    expect(entry.claims).toEqual([
      expect.objectContaining({
        name: 'door',
        requirement: 'required',
        form: expect.objectContaining({ kind: 'text' })
      })
    ])
    expect(validateEvent(inputOf(entry), { customTypes: [custom] })).toEqual([])
    expect(validateEvent({ ...inputOf(entry, {}) }, { customTypes: [custom] })).toEqual([
      expect.objectContaining({ path: 'claims.door', rule: `custom ${custom.uri} schema required` })
    ])
  })
})

describe('validateEventForFire', () => {
  const bad = {
    type: 'caep.credential-change',
    subject: { format: 'email', email: 'a@b.c' },
    claims: { change_type: 'oops' }
  }

  it('refuses invalid events with every error listed', () => {
    const r = validateEventForFire(bad)
    expect(r.fire).toBe(false)
    expect(r.errors.map((e) => e.path)).toEqual(['claims.credential_type', 'claims.change_type'])
    expect(() => assertFireable(r)).toThrow(/claims.credential_type: .*REQUIRED/)
  })

  it('lets an intentionally invalid SET through, and unknown absolute URIs too', () => {
    const r = validateEventForFire(bad, { allowInvalid: true })
    expect(r).toMatchObject({ fire: true, uri: CAEP_EVENT_TYPES['credential-change'] })
    expect(r.errors).toHaveLength(2)
    const unknown = validateEventForFire(
      { type: 'https://x.example/e', subject: { format: 'opaque', id: '1' } },
      { allowInvalid: true }
    )
    expect(unknown).toMatchObject({ fire: true, uri: 'https://x.example/e' })
    expect(validateEventForFire({ type: 'nope', subject: {} }, { allowInvalid: true }).fire).toBe(
      false
    )
  })

  it('fires valid events with warnings', () => {
    const r = validateEventForFire({
      type: 'risc.sessions-revoked',
      subject: { format: 'email', email: 'a@b.c' }
    })
    expect(r).toMatchObject({
      fire: true,
      errors: [],
      warnings: [expect.objectContaining({ path: 'type' })]
    })
  })
})

describe('bad input never crashes', () => {
  it('validateEvent and validateEventForFire return findings for any JSON', () => {
    const types = [...BUILTIN_CATALOG.map((e) => e.uri), 'caep.credential-change', 'nope']
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.jsonValue(),
        fc.jsonValue(),
        (type, subject, claims) => {
          expect(Array.isArray(validateEvent({ type, subject, claims }, { now: NOW }))).toBe(true)
          expect(typeof validateEventForFire({ type, subject, claims }).fire).toBe('boolean')
        }
      )
    )
    fc.assert(
      fc.property(fc.jsonValue(), (type) => {
        expect(Array.isArray(validateEvent({ type, subject: {} }))).toBe(true)
      })
    )
  })
})
