/**
 * Guards for event validation against the catalog (src/shared/ssf/catalog/validate.ts) that
 * mutation testing showed missing: each finding is compared exactly (path, severity, rule), on
 * claim specs built here so every branch of a claim check is reached through `checkPayload`.
 * @see CAEP 1.0 §2–§3, RFC 7519 §2 (NumericDate), docs/testing.md
 */
import { describe, expect, it, test } from 'vitest'
import {
  CAEP_EVENT_TYPES,
  InvalidRequestError,
  assertFireable,
  checkPayload,
  customEventEntry,
  findEventType,
  formatFindings,
  validateEvent,
  validateEventForFire,
  type ClaimSpec,
  type EventTypeEntry,
  type Finding
} from '../../../src/shared/ssf'

const NOW = 1767240000
const PLAUSIBLE_SINCE = 1704067200

const claim = (name: string, spec: Partial<ClaimSpec> = {}): ClaimSpec => ({
  name,
  type: 'string',
  requirement: 'optional',
  description: name,
  section: 'T §1',
  form: { kind: 'text', label: name },
  ...spec
})

const entry = (claims: ClaimSpec[], extra: Partial<EventTypeEntry> = {}): EventTypeEntry => ({
  uri: 'https://t.example/event',
  name: 'test-event',
  profile: 'caep',
  title: 'Test Event',
  description: 'test',
  section: 'T §1',
  claims,
  example: { claims: {}, sub_id: { format: 'opaque', id: 'x' } },
  deprecated: false,
  ...extra
})

const brief = (findings: Finding[]) => findings.map((f) => [f.path, f.severity, f.rule])

/** Findings of one claim `c` with the given spec and value. */
const one = (spec: Partial<ClaimSpec>, value: unknown, now?: number, skewSeconds?: number) =>
  checkPayload(entry([claim('c', spec)]), { c: value }, 'claims', {
    ...(now === undefined ? {} : { now }),
    ...(skewSeconds === undefined ? {} : { skewSeconds })
  })

describe('seconds timestamps (NumericDate)', () => {
  const ts = { type: 'number', format: 'seconds-timestamp' } as const
  test.each<[string, unknown, number | undefined, [string, string] | undefined]>([
    ['a string', '1767230190', NOW, ['error', 'T §1 c type']],
    ['infinity', Infinity, NOW, ['error', 'T §1 c type']],
    ['NaN', NaN, NOW, ['error', 'T §1 c type']],
    ['milliseconds', 1767230190123, NOW, ['error', 'T §1 c seconds']],
    ['exactly 1e11 without a clock', 1e11, undefined, undefined],
    ['negative', -1, NOW, ['error', 'T §1 c seconds']],
    ['zero (implausible, not negative)', 0, NOW, ['warning', 'T §1 c plausible']],
    ['just before 2024', PLAUSIBLE_SINCE - 1, NOW, ['warning', 'T §1 c plausible']],
    ['2024-01-01', PLAUSIBLE_SINCE, NOW, undefined],
    ['now', NOW, NOW, undefined],
    ['at the edge of the skew', NOW + 300, NOW, undefined],
    ['beyond the skew', NOW + 301, NOW, ['error', 'T §1 c not in the future']],
    ['in the future without a clock', NOW + 9999, undefined, undefined]
  ])('%s', (_name, value, now, expected) => {
    expect(brief(one(ts, value, now))).toEqual(expected ? [['claims.c', ...expected]] : [])
  })

  it('names the seconds of a millisecond value and the distance into the future', () => {
    expect(one(ts, 1767230190123)[0]!.message).toBe(
      'looks like milliseconds (1767230190123); NumericDate is seconds, e.g. 1767230190'
    )
    expect(one(ts, NOW + 301, NOW)[0]!.message).toBe('is 301 s in the future (skew allowed: 300 s)')
  })

  it('uses the skew it is given', () => {
    expect(brief(one(ts, NOW + 1, NOW, 0))).toEqual([
      ['claims.c', 'error', 'T §1 c not in the future']
    ])
    expect(one(ts, NOW, NOW, 0)).toEqual([])
  })
})

describe('language-tagged claims', () => {
  const tagged = { type: 'object', format: 'language-tagged' } as const
  const rule = 'T §1 c language-tagged object'
  test.each<[string, Partial<ClaimSpec>, unknown, [string, string][]]>([
    ['a string', tagged, 'text', [['claims.c', 'error']]],
    [
      'a string where lenient',
      { ...tagged, lenientString: true },
      'text',
      [['claims.c', 'warning']]
    ],
    ['a number', tagged, 5, [['claims.c', 'error']]],
    ['an array', tagged, ['en'], [['claims.c', 'error']]],
    ['an empty object', tagged, {}, [['claims.c', 'error']]],
    ['two good messages', tagged, { en: 'x', 'de-CH': 'y' }, []],
    [
      'a bad tag with an empty text, then an empty text',
      tagged,
      { 'not a tag!': '', de: '', fr: 'ok' },
      [
        ['claims.c["not a tag!"]', 'error'],
        ['claims.c["not a tag!"]', 'error'],
        ['claims.c.de', 'error']
      ]
    ],
    ['a text that is not a string', tagged, { en: 5 }, [['claims.c.en', 'error']]]
  ])('%s', (_name, spec, value, expected) => {
    expect(brief(one(spec, value))).toEqual(expected.map(([p, s]) => [p, s, rule]))
  })
})

describe('claim types', () => {
  test.each<[ClaimSpec['type'], unknown, boolean, string?]>([
    ['string', 'x', true],
    ['string', 5, false, '"c" must be a string'],
    ['string', true, false, '"c" must be a string'],
    ['array', [true], true],
    ['array', [1, ''], true],
    ['number', 1.5, true],
    ['number', Infinity, false, '"c" must be a number'],
    ['number', '1', false, '"c" must be a number'],
    ['integer', 2, true],
    ['integer', 1.5, false, '"c" must be an integer'],
    ['boolean', false, true],
    ['boolean', 'false', false, '"c" must be a boolean'],
    ['object', { a: 1 }, true],
    ['object', [1], false, '"c" must be an object'],
    ['object', null, false, '"c" must be an object'],
    ['array', [], true],
    ['array', {}, false, '"c" must be an array'],
    ['any', null, true]
  ])('%s: %j → %s', (type, value, ok, message) => {
    const findings = one({ type }, value)
    if (ok) expect(findings).toEqual([])
    else
      expect(findings).toEqual([
        { path: 'claims.c', severity: 'error', rule: `T §1 c type`, message }
      ])
  })
})

describe('claim values', () => {
  const closed = { enum: ['create', 'revoke'] } as const
  const open = { ...closed, openEnum: true }
  test.each<[string, Partial<ClaimSpec>, unknown, [string, string, string][]]>([
    ['an empty string', {}, '', [['claims.c', 'error', 'T §1 c non-empty']]],
    ['an empty string of type any', { type: 'any' }, '', []],
    ['a listed value', closed, 'create', []],
    ['an unlisted value', closed, 'rotate', [['claims.c', 'error', 'T §1 c enum']]],
    ['a listed value in another case', closed, 'Create', [['claims.c', 'error', 'T §1 c enum']]],
    [
      'an unlisted value of an open enum',
      open,
      'rotate',
      [['claims.c', 'warning', 'T §1 c values']]
    ],
    ['another case of an open enum', open, 'CREATE', [['claims.c', 'error', 'T §1 c enum']]],
    ['a number for an enum of type any', { ...closed, type: 'any' }, 5, []],
    [
      'a number for a string enum: the type only',
      closed,
      5,
      [['claims.c', 'error', 'T §1 c type']]
    ],
    [
      'a string array with bad items',
      { type: 'array', format: 'string-array' },
      ['a', '', 3],
      [
        ['claims.c[1]', 'error', 'T §1 c array of strings'],
        ['claims.c[2]', 'error', 'T §1 c array of strings']
      ]
    ],
    ['a string array', { type: 'array', format: 'string-array' }, ['a', 'b'], []],
    [
      'an empty JSON object',
      { type: 'object', format: 'json-object' },
      {},
      [['claims.c', 'error', 'T §1 c one or more']]
    ],
    ['a JSON object', { type: 'object', format: 'json-object' }, { a: 1 }, []],
    ['an empty object of no format', { type: 'object' }, {}, []],
    ['a relative URI', { format: 'uri' }, 'not a uri', [['claims.c', 'error', 'T §1 c URI']]],
    ['an absolute URI', { format: 'uri' }, 'https://x.example/', []],
    ['any string without a URI format', {}, 'not a uri', []]
  ])('%s', (_name, spec, value, expected) => {
    expect(brief(one(spec, value))).toEqual(expected)
  })

  it('explains an enum miss: the right case, or the list', () => {
    expect(one(closed, 'Create')[0]!.message).toBe(
      '"Create" must be written "create" (values are case-sensitive)'
    )
    expect(one(closed, 'rotate')[0]!.message).toBe('"rotate" is not one of create, revoke')
    expect(one(open, 'rotate')[0]!.message).toContain('agreement between Transmitter and Receiver')
  })
})

describe('checkPayload', () => {
  const e = entry([
    claim('req', { requirement: 'required' }),
    claim('rec', { requirement: 'recommended' }),
    claim('opt')
  ])

  it('reports required and recommended claims that are missing, nothing for optional ones', () => {
    expect(brief(checkPayload(e, {}, 'claims'))).toEqual([
      ['claims.req', 'error', 'T §1 req REQUIRED'],
      ['claims.rec', 'warning', 'T §1 rec RECOMMENDED']
    ])
    expect(checkPayload(e, { req: 'a', rec: 'b' }, 'claims')).toEqual([])
  })

  test.each([['a string'], [null], [[]]])('a payload that is %j is one error', (payload) => {
    expect(brief(checkPayload(e, payload, 'events.x'))).toEqual([
      ['events.x', 'error', 'RFC 8417 §2.2 event payload is a JSON object']
    ])
  })

  it('wants change_direction beside previous_level, for assurance-level-change only', () => {
    const alc = findEventType(CAEP_EVENT_TYPES['assurance-level-change'])!
    const { change_direction: _dir, ...claims } = alc.example.claims
    expect(checkPayload(alc, alc.example.claims, 'claims')).toEqual([])
    expect(brief(checkPayload(alc, claims, 'claims'))).toEqual([
      [
        'claims.change_direction',
        'warning',
        'CAEP 1.0 §3.4 change_direction SHOULD with previous_level'
      ]
    ])
    const { previous_level: _prev, ...withoutPrevious } = claims
    expect(checkPayload(alc, withoutPrevious, 'claims')).toEqual([])
    expect(checkPayload(e, { req: 'a', rec: 'b', previous_level: 'x' }, 'claims')).toEqual([])
  })

  it('checks a custom type against its schema, and its event_timestamp in seconds', () => {
    const custom = customEventEntry({
      id: 'c1',
      uri: 'https://corp.example/ev',
      title: 'Corp',
      schema: { type: 'object', required: ['n'], properties: { n: { type: 'string' } } },
      created_at: 0
    })
    expect(checkPayload(custom, { n: 'x' }, 'claims')).toEqual([])
    expect(checkPayload(custom, { n: 'x', event_timestamp: NOW }, 'claims', { now: NOW })).toEqual(
      []
    )
    const late = checkPayload(custom, { n: 'x', event_timestamp: NOW + 3600 }, 'claims', {
      now: NOW
    })
    expect(brief(late)).toEqual([
      [
        'claims.event_timestamp',
        'error',
        'custom https://corp.example/ev event_timestamp not in the future'
      ]
    ])
    const missing = checkPayload(custom, {}, 'claims')
    expect(missing.map((f) => [f.path, f.severity])).toEqual([['claims.n', 'error']])
  })
})

describe('validateEvent and the subject constraint', () => {
  const CC = CAEP_EVENT_TYPES['credential-change']
  const claims = findEventType(CC)!.example.claims
  const email = { format: 'email', email: 'a@b.example' }

  it('is clean for a good event, by URI or by catalog name', () => {
    expect(validateEvent({ type: CC, subject: email, claims })).toEqual([])
    expect(validateEvent({ type: 'credential-change', subject: email, claims })).toEqual([])
  })

  test.each([[5], [''], [undefined]])('a type that is %j is one error and nothing else', (type) => {
    expect(brief(validateEvent({ type, subject: undefined }))).toEqual([
      ['type', 'error', 'SSF 1.0 §4 events']
    ])
  })

  it('an unknown type: an error at type, the subject still checked, no claims checked', () => {
    expect(
      brief(validateEvent({ type: 'https://corp.example/x', subject: { format: 'email' } }))
    ).toEqual([
      ['type', 'error', 'SSF 1.0 §8.1.1 events_supported'],
      ['subject.email', 'error', 'RFC 9493 §3.2.2 email REQUIRED']
    ])
  })

  it('a missing subject; missing claims are checked as {}', () => {
    const findings = brief(validateEvent({ type: CC, subject: undefined }))
    expect(findings[0]).toEqual(['subject', 'error', 'SSF 1.0 §3 sub_id REQUIRED'])
    expect(findings).toContainEqual([
      'claims.change_type',
      'error',
      'CAEP 1.0 §3.3 change_type REQUIRED'
    ])
  })

  it('a deprecated type is a warning that names its replacement', () => {
    const sessions = 'https://schemas.openid.net/secevent/risc/event-type/sessions-revoked'
    const findings = validateEvent({ type: sessions, subject: email, claims: {} })
    expect(brief(findings)).toEqual([
      ['type', 'warning', `${findEventType(sessions)!.section} deprecated`]
    ])
    expect(findings[0]!.message).toContain(`; use ${CAEP_EVENT_TYPES['session-revoked']}`)
  })

  it('a subject format the event does not allow is an error at its format', () => {
    const changed = findEventType('risc.identifier-changed')!
    const rule = changed.subject!.rule
    const check = (subject: unknown) =>
      brief(validateEvent({ type: changed.uri, subject, claims: changed.example.claims }))
    expect(check({ format: 'opaque', id: 'x' })).toEqual([['subject.format', 'error', rule]])
    expect(check(email)).toEqual([])
    expect(check({ format: 'phone', phone: '+14155550123' })).toEqual([
      ['subject.format', 'warning', 'RFC 9493 §3 legacy format "phone"']
    ])
    expect(check('x')).toEqual([['subject', 'error', 'RFC 9493 §3 subject identifier']])
    expect(check({ format: 5 })).toEqual([
      ['subject.format', 'error', 'RFC 9493 §3 format REQUIRED']
    ])
    // Without a constraint any valid format passes.
    expect(validateEvent({ type: CC, subject: { format: 'opaque', id: 'x' }, claims })).toEqual([])
  })
})

describe('validateEventForFire, assertFireable, formatFindings', () => {
  const CC = CAEP_EVENT_TYPES['credential-change']
  const claims = findEventType(CC)!.example.claims
  const email = { format: 'email', email: 'a@b.example' }

  it('fires a valid event with its entry and URI', () => {
    const v = validateEventForFire({ type: 'credential-change', subject: email, claims })
    expect(v).toEqual({ entry: findEventType(CC), uri: CC, errors: [], warnings: [], fire: true })
    expect(() => assertFireable(v)).not.toThrow()
  })

  it('an unknown absolute URI is its own URI; it fires only when invalid on purpose', () => {
    const input = { type: 'https://corp.example/x', subject: email }
    const v = validateEventForFire(input)
    expect(v).toEqual({
      uri: 'https://corp.example/x',
      errors: [expect.objectContaining({ path: 'type' })],
      warnings: [],
      fire: false
    })
    expect(validateEventForFire(input, { allowInvalid: true }).fire).toBe(true)
    expect(() => assertFireable(v)).toThrow(InvalidRequestError)
  })

  it('an unknown name has no URI and never fires', () => {
    const v = validateEventForFire({ type: 'nope', subject: email }, { allowInvalid: true })
    expect(v).toEqual({
      errors: [expect.objectContaining({ path: 'type' })],
      warnings: [],
      fire: false
    })
    expect(validateEventForFire({ type: 7, subject: email }, { allowInvalid: true })).toEqual({
      errors: [expect.objectContaining({ path: 'type' })],
      warnings: [],
      fire: false
    })
  })

  it('splits errors from warnings', () => {
    const v = validateEventForFire({
      type: CC,
      subject: { format: 'phone', phone: '+14155550123' },
      claims: { ...claims, change_type: 'rotate' }
    })
    expect(v.warnings.map((f) => f.path)).toEqual(['subject.format'])
    expect(v.errors.map((f) => f.path)).toEqual(expect.arrayContaining(['claims.change_type']))
    expect(v.errors.every((f) => f.severity === 'error')).toBe(true)
    expect(v.fire).toBe(false)
    expect(validateEventForFire({ type: CC, subject: email, claims }, {}).fire).toBe(true)
  })

  it('formats at most ten findings (or the number given), each as path: message (rule)', () => {
    const f = (i: number): Finding => ({
      path: `p${i}`,
      rule: `r${i}`,
      message: `m${i}`,
      severity: 'error'
    })
    const many = Array.from({ length: 12 }, (_, i) => f(i))
    expect(formatFindings([f(1), f(2)])).toBe('p1: m1 (r1); p2: m2 (r2)')
    expect(formatFindings(many).split('; ')).toHaveLength(10)
    expect(formatFindings(many, 3)).toBe('p0: m0 (r0); p1: m1 (r1); p2: m2 (r2)')
    expect(formatFindings([])).toBe('')
  })

  it('assertFireable names the errors, or says the type is unknown', () => {
    const v = validateEventForFire({
      type: CC,
      subject: email,
      claims: { ...claims, change_type: 1 }
    })
    expect(() => assertFireable(v)).toThrow(`invalid event: ${formatFindings(v.errors)}`)
    expect(() => assertFireable({ errors: [], warnings: [], fire: false })).toThrow(
      'invalid event: unknown event type'
    )
  })
})
