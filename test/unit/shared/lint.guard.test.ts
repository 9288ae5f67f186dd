/**
 * Guards for the SET linter that mutation testing showed missing: each case compares every
 * finding exactly (path, severity, rule), so a check that fires too often, at the wrong place or
 * with the wrong severity fails here, and not only one that stays silent.
 * @see RFC 8417 §2, SSF 1.0 §3–§4, CAEP Interoperability Profile 1.0, docs/testing.md
 */
import { describe, expect, test } from 'vitest'
import { lintSet, lintVerdict, type LintOptions } from '../../../src/shared/ssf'

const NOW = 1767240000
const ISS = 'https://i.example/'
const AUD = 'https://a.example/'
const SR = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const CC = 'https://schemas.openid.net/secevent/caep/event-type/credential-change'
const VERIFY = 'https://schemas.openid.net/secevent/ssf/event-type/verification'
const LEGACY_VERIFY = 'https://schemas.openid.net/secevent/sse/event-type/verification'
const SESSIONS = 'https://schemas.openid.net/secevent/risc/event-type/sessions-revoked'
const H = { alg: 'RS256', typ: 'secevent+jwt', kid: 'k1' }
const P = (): Record<string, unknown> => ({
  iss: ISS,
  aud: AUD,
  jti: 'j1',
  iat: NOW - 10,
  txn: 't',
  sub_id: { format: 'email', email: 'a@b.example' },
  events: { [SR]: {} }
})
const OPAQUE = { format: 'opaque', id: 'stream-1' }
const DEFAULT: LintOptions = { now: NOW, issuer: ISS, audience: AUD }
const at = (uri: string, member?: string) =>
  `events[${JSON.stringify(uri)}]${member ? `.${member}` : ''}`

type Row = [path: string, severity: 'error' | 'warning', rule: string]
const cases: [
  name: string,
  header: unknown,
  payload: unknown,
  options: LintOptions,
  expected: Row[]
][] = [
  ['a good SET', H, P(), DEFAULT, []],
  ['a header array', [], P(), DEFAULT, [['header', 'error', 'RFC 7515 §4 JOSE header']]],
  ['a null header', null, P(), DEFAULT, [['header', 'error', 'RFC 7515 §4 JOSE header']]],
  [
    'a numeric typ',
    { ...H, typ: 5 },
    P(),
    DEFAULT,
    [['header.typ', 'error', 'SSF 1.0 §4 typ secevent+jwt (RFC 8417 §2.3)']]
  ],
  [
    'typ with application/ in capitals',
    { ...H, typ: 'APPLICATION/SECEVENT+JWT' },
    P(),
    DEFAULT,
    [['header.typ', 'warning', 'RFC 8417 §2.3 typ omits application/']]
  ],
  [
    'typ in capitals (compared exactly)',
    { ...H, typ: 'SECEVENT+JWT' },
    P(),
    DEFAULT,
    [['header.typ', 'error', 'SSF 1.0 §4 typ secevent+jwt (RFC 8417 §2.3)']]
  ],
  [
    'an empty alg',
    { ...H, alg: '' },
    P(),
    DEFAULT,
    [['header.alg', 'error', 'RFC 7515 §4.1.1 alg REQUIRED']]
  ],
  [
    'no alg',
    { typ: H.typ, kid: 'k' },
    P(),
    DEFAULT,
    [['header.alg', 'error', 'RFC 7515 §4.1.1 alg REQUIRED']]
  ],
  [
    'alg NONE',
    { ...H, alg: 'NONE' },
    P(),
    DEFAULT,
    [['header.alg', 'error', 'SSF 1.0 §4 signed SETs']]
  ],
  [
    'alg hs512',
    { ...H, alg: 'hs512' },
    P(),
    DEFAULT,
    [['header.alg', 'warning', 'SSF 1.0 §4 keys from jwks_uri']]
  ],
  ['an alg that only contains HS', { ...H, alg: 'xHS256' }, P(), DEFAULT, []],
  [
    'an empty kid',
    { ...H, kid: '' },
    P(),
    DEFAULT,
    [['header.kid', 'error', 'RFC 7515 §4.1.4 kid']]
  ],
  [
    'a numeric kid',
    { ...H, kid: 4 },
    P(),
    DEFAULT,
    [['header.kid', 'error', 'RFC 7515 §4.1.4 kid']]
  ],
  ['a payload array', H, [], DEFAULT, [['payload', 'error', 'RFC 7519 §7.2 claims set']]],
  [
    'a null payload: the header is still linted',
    { alg: 'none' },
    null,
    DEFAULT,
    [
      ['header.typ', 'error', 'SSF 1.0 §4 typ REQUIRED (RFC 8417 §2.3)'],
      ['header.alg', 'error', 'SSF 1.0 §4 signed SETs'],
      ['header.kid', 'warning', 'RFC 7515 §4.1.4 kid'],
      ['payload', 'error', 'RFC 7519 §7.2 claims set']
    ]
  ],
  [
    'an empty iss',
    H,
    { ...P(), iss: '' },
    DEFAULT,
    [
      ['iss', 'error', 'RFC 8417 §2.2 iss type'],
      ['iss', 'error', 'SSF 1.0 §4 iss equals the stream issuer']
    ]
  ],
  ['a numeric iss', H, { ...P(), iss: 4 }, DEFAULT, [['iss', 'error', 'RFC 8417 §2.2 iss type']]],
  ['another iss without an expected one', H, { ...P(), iss: 'https://other/' }, { now: NOW }, []],
  ['a numeric jti', H, { ...P(), jti: 4 }, DEFAULT, [['jti', 'error', 'RFC 8417 §2.2 jti type']]],
  [
    'an undefined iat',
    H,
    { ...P(), iat: undefined },
    DEFAULT,
    [['iat', 'error', 'RFC 8417 §2.2 iat REQUIRED']]
  ],
  [
    'an empty aud array',
    H,
    { ...P(), aud: [] },
    DEFAULT,
    [['aud', 'error', 'RFC 7519 §4.1.3 aud type']]
  ],
  [
    'an aud array with an empty string',
    H,
    { ...P(), aud: [AUD, ''] },
    DEFAULT,
    [['aud', 'error', 'RFC 7519 §4.1.3 aud type']]
  ],
  [
    'an aud array with a number',
    H,
    { ...P(), aud: [AUD, 4] },
    DEFAULT,
    [['aud', 'error', 'RFC 7519 §4.1.3 aud type']]
  ],
  [
    'an aud array with a nested array (it has a length too)',
    H,
    { ...P(), aud: [AUD, ['x']] },
    DEFAULT,
    [['aud', 'error', 'RFC 7519 §4.1.3 aud type']]
  ],
  ['another aud without an expected one', H, { ...P(), aud: 'x' }, { now: NOW }, []],
  ['an aud list that contains the expected one', H, { ...P(), aud: ['x', AUD] }, DEFAULT, []],
  [
    'another aud string',
    H,
    { ...P(), aud: 'x' },
    DEFAULT,
    [['aud', 'error', 'SSF 1.0 §4 aud identifies the Receiver']]
  ],
  [
    'toe in the future',
    H,
    { ...P(), toe: NOW + 1000 },
    DEFAULT,
    [['toe', 'error', 'RFC 8417 §2.2 toe not in the future']]
  ],
  ['toe in the past', H, { ...P(), toe: NOW - 1000 }, DEFAULT, []],
  [
    'events null',
    H,
    { ...P(), events: null },
    DEFAULT,
    [['events', 'error', 'RFC 8417 §2.2 events object']]
  ],
  [
    'events a string',
    H,
    { ...P(), events: 'x' },
    DEFAULT,
    [['events', 'error', 'RFC 8417 §2.2 events object']]
  ],
  [
    'two events, strict',
    H,
    { ...P(), events: { [SR]: {}, [VERIFY]: {} } },
    { ...DEFAULT, strict: true },
    [['events', 'error', 'CAEP Interop 1.0 events exactly one']]
  ],
  [
    'two events',
    H,
    { ...P(), events: { [SR]: {}, [VERIFY]: {} } },
    DEFAULT,
    [['events', 'warning', 'SSF 1.0 §4 events SHOULD contain one']]
  ],
  [
    'an SSF event without txn (exempt) and with an email subject',
    H,
    { ...P(), txn: undefined, events: { [VERIFY]: {} } },
    DEFAULT,
    [['sub_id.format', 'error', 'SSF 1.0 §8.1.4 sub_id opaque stream_id']]
  ],
  [
    'an SSF event on its stream',
    H,
    { ...P(), txn: undefined, sub_id: OPAQUE, events: { [VERIFY]: {} } },
    DEFAULT,
    []
  ],
  [
    'no event and no txn',
    H,
    { ...P(), txn: undefined, events: {} },
    DEFAULT,
    [['events', 'error', 'SSF 1.0 §4 exactly one event']]
  ],
  [
    'an SSF and a CAEP event without txn',
    H,
    { ...P(), txn: undefined, events: { [SR]: {}, [VERIFY]: {} } },
    DEFAULT,
    [
      ['events', 'warning', 'SSF 1.0 §4 events SHOULD contain one'],
      ['txn', 'warning', 'SSF 1.0 §4 txn SHOULD']
    ]
  ],
  [
    'no sub_id, a legacy subject in the event',
    H,
    {
      ...P(),
      sub_id: undefined,
      events: { [SR]: { subject: { format: 'email', email: 'a@b.c' } } }
    },
    DEFAULT,
    [['sub_id', 'error', 'SSF 1.0 §3 sub_id REQUIRED']]
  ],
  [
    'no sub_id, an event payload that is not an object',
    H,
    { ...P(), sub_id: undefined, events: { [SR]: 'x' } },
    DEFAULT,
    [
      ['sub_id', 'error', 'SSF 1.0 §3 sub_id REQUIRED'],
      [at(SR), 'error', 'RFC 8417 §2.2 event payload is a JSON object']
    ]
  ],
  [
    'a legacy verification URI',
    H,
    { ...P(), events: { [LEGACY_VERIFY]: {} } },
    DEFAULT,
    [[at(LEGACY_VERIFY), 'warning', 'SSF 1.0 §4 unknown event types']]
  ],
  [
    'an unknown type with a number',
    H,
    { ...P(), events: { 'https://x/': 5 } },
    DEFAULT,
    [
      [at('https://x/'), 'warning', 'SSF 1.0 §4 unknown event types'],
      [at('https://x/'), 'error', 'RFC 8417 §2.2 event payload is a JSON object']
    ]
  ],
  [
    'a deprecated type',
    H,
    { ...P(), events: { [SESSIONS]: {} } },
    DEFAULT,
    [[at(SESSIONS), 'warning', 'RISC 1.0 (Sessions Revoked) deprecated']]
  ],
  [
    'a type outside events_delivered',
    H,
    P(),
    { ...DEFAULT, eventsDelivered: [VERIFY] },
    [[at(SR), 'warning', 'SSF 1.0 §8.1.1 events_delivered']]
  ],
  ['a type inside events_delivered', H, P(), { ...DEFAULT, eventsDelivered: [SR] }, []],
  [
    'an SSF type is exempt from events_delivered',
    H,
    { ...P(), txn: undefined, events: { [VERIFY]: {} }, sub_id: OPAQUE },
    { ...DEFAULT, eventsDelivered: [] },
    []
  ]
]

const INTEROP: LintOptions = { ...DEFAULT, interop: true }
const REASON = { reason_admin: { en: 'x' } }
const interop: [name: string, header: unknown, payload: unknown, expected: Row[]][] = [
  ['a SET that follows it', H, { ...P(), events: { [SR]: REASON } }, []],
  [
    'ES256, an opaque subject and no reason_admin',
    { ...H, alg: 'ES256' },
    { ...P(), sub_id: OPAQUE },
    [
      ['header.alg', 'error', 'CAEP Interop 1.0 RS256'],
      ['sub_id.format', 'warning', 'CAEP Interop 1.0 subject formats'],
      [at(SR, 'reason_admin'), 'error', 'CAEP Interop 1.0 reason_admin MUST']
    ]
  ],
  [
    'an empty reason_admin',
    H,
    { ...P(), events: { [SR]: { reason_admin: {} } } },
    [
      [at(SR, 'reason_admin'), 'error', 'CAEP 1.0 §2 reason_admin language-tagged object'],
      [at(SR, 'reason_admin'), 'error', 'CAEP Interop 1.0 reason_admin MUST']
    ]
  ],
  [
    'a string reason_admin',
    H,
    { ...P(), events: { [SR]: { reason_admin: 'x' } } },
    [
      [at(SR, 'reason_admin'), 'error', 'CAEP 1.0 §2 reason_admin language-tagged object'],
      [at(SR, 'reason_admin'), 'error', 'CAEP Interop 1.0 reason_admin MUST']
    ]
  ],
  [
    'an event payload that is not an object (reported once)',
    H,
    { ...P(), events: { [SR]: 'x' } },
    [[at(SR), 'error', 'RFC 8417 §2.2 event payload is a JSON object']]
  ],
  [
    'an SSF event about an email',
    H,
    { ...P(), txn: undefined, events: { [VERIFY]: {} } },
    [
      ['sub_id.format', 'error', 'SSF 1.0 §8.1.4 sub_id opaque stream_id'],
      ['sub_id.format', 'warning', 'CAEP Interop 1.0 subject formats']
    ]
  ],
  [
    'an SSF event on its stream',
    H,
    { ...P(), txn: undefined, sub_id: OPAQUE, events: { [VERIFY]: {} } },
    []
  ],
  [
    'a header that is not an object',
    'x',
    { ...P(), events: { [SR]: REASON } },
    [['header', 'error', 'RFC 7515 §4 JOSE header']]
  ],
  [
    'a numeric alg',
    { ...H, alg: 5 },
    { ...P(), events: { [SR]: REASON } },
    [['header.alg', 'error', 'RFC 7515 §4.1.1 alg REQUIRED']]
  ],
  [
    'a numeric subject format',
    H,
    { ...P(), sub_id: { format: 5 }, events: { [SR]: REASON } },
    [['sub_id.format', 'error', 'RFC 9493 §3 format REQUIRED']]
  ],
  [
    'credential-change without reason_admin',
    H,
    { ...P(), events: { [CC]: { credential_type: 'password', change_type: 'update' } } },
    [[at(CC, 'reason_admin'), 'error', 'CAEP Interop 1.0 reason_admin MUST']]
  ]
]

const brief = (header: unknown, payload: unknown, options: LintOptions) =>
  lintSet({ header, payload }, options).map((f) => [f.path, f.severity, f.rule])

describe('lintSet reports exactly the findings of each SET', () => {
  test.each(cases)('%s', (_name, header, payload, options, expected) => {
    const findings = lintSet({ header, payload }, options)
    expect(findings.map((f) => [f.path, f.severity, f.rule])).toEqual(expected)
    const verdict = expected.some(([, s]) => s === 'error')
      ? 'invalid'
      : expected.length > 0
        ? 'warnings'
        : 'valid'
    expect(lintVerdict(findings)).toBe(verdict)
  })
})

describe('lintSet with the CAEP interop profile', () => {
  test.each(interop)('%s', (_name, header, payload, expected) => {
    expect(brief(header, payload, INTEROP)).toEqual(expected)
  })

  test('without the profile none of its findings appear', () => {
    expect(brief({ ...H, alg: 'ES256' }, { ...P(), sub_id: OPAQUE }, DEFAULT)).toEqual([])
  })
})
