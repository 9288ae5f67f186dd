import { describe, expect, it, test } from 'vitest'
import fc from 'fast-check'
import { lintSet, lintVerdict, type CustomEventType, type Finding } from '../../../src/shared/ssf'

const NOW = 1767240000
const HEADER = { alg: 'RS256', typ: 'secevent+jwt', kid: 'sim-rsa-1' }
const CC = 'https://schemas.openid.net/secevent/caep/event-type/credential-change'

type Payload = { [claim: string]: unknown; events: Record<string, unknown> }

const good = (): Payload => ({
  iss: 'https://idp.sim.example/',
  aud: 'https://app.sim.example/',
  jti: '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170',
  iat: 1767230200,
  txn: 'txn-20260101-0003',
  sub_id: { format: 'email', email: 'dana@corp.example' },
  events: {
    [CC]: {
      credential_type: 'fido2-platform',
      change_type: 'create',
      initiating_entity: 'user',
      reason_admin: { en: 'User enrolled a platform authenticator' },
      event_timestamp: 1767230190
    }
  }
})

const errors = (f: Finding[]) => f.filter((x) => x.severity === 'error')

describe('spec example SETs', () => {
  // Composed in the spec digests (caep.md §2.1, ssf.md §4.9/§4.10) and RISC 1.0's own example.
  const examples: [string, unknown, Partial<Finding>[]][] = [
    [
      'CAEP session-revoked',
      {
        iss: 'https://idp.sim.example/',
        aud: 'https://app.sim.example/',
        jti: 'f3a6c1d2-8b7e-4c5a-9d10-aa11bb22cc33',
        iat: 1767230000,
        txn: 'txn-20260101-0001',
        sub_id: {
          format: 'complex',
          user: { format: 'iss_sub', iss: 'https://idp.sim.example/', sub: 'u-5521' },
          session: { format: 'opaque', id: 'sess-7f3c9a' }
        },
        events: {
          'https://schemas.openid.net/secevent/caep/event-type/session-revoked': {
            initiating_entity: 'policy',
            reason_admin: { en: 'Session revoked by risk policy RP-4' },
            reason_user: { en: 'For your security you have been signed out.' },
            event_timestamp: 1767229990
          }
        }
      },
      []
    ],
    [
      'SSF verification',
      {
        iss: 'https://tx.sim.example/t1',
        aud: 'https://rx.sim.example/app1',
        jti: '0b5f0a8e-5c55-4e3b-9a0d-3b1f1c2d9e11',
        iat: 1767225600,
        sub_id: { format: 'opaque', id: 'st_9f2c4e1a7b' },
        events: {
          'https://schemas.openid.net/secevent/ssf/event-type/verification': {
            state: 'c2ltLXN0YXRlLTAwMQ'
          }
        }
      },
      []
    ],
    [
      'SSF stream-updated',
      {
        iss: 'https://tx.sim.example/t1',
        aud: 'https://rx.sim.example/app1',
        jti: 'a9d2b7c4-1f0e-4d1b-8a77-2c5e6f7a8b90',
        iat: 1767226000,
        sub_id: { format: 'opaque', id: 'st_9f2c4e1a7b' },
        events: {
          'https://schemas.openid.net/secevent/ssf/event-type/stream-updated': {
            status: 'paused',
            reason: 'Transmitter maintenance'
          }
        }
      },
      []
    ],
    [
      'RISC 1.0 credential-compromise (spec text)',
      {
        iss: 'https://idp.example.com/3456790/',
        jti: '756E69717565206964656E746966696572',
        iat: 1508184845,
        aud: 'https://sp.example2.net/caep',
        sub_id: {
          format: 'iss_sub',
          iss: 'https://idp.example.com/3456790/',
          sub: 'joe.smith@example.com'
        },
        events: {
          'https://schemas.openid.net/secevent/risc/event-type/credential-compromise': {
            credential_type: 'password'
          }
        }
      },
      // 2017 timestamps and no txn are only flagged.
      [
        { path: 'iat', severity: 'warning' },
        { path: 'txn', severity: 'warning' }
      ]
    ]
  ]

  test.each(examples)('%s lints as expected', (_name, payload, expected) => {
    const findings = lintSet({ header: HEADER, payload }, { now: NOW })
    expect(findings).toEqual(expected.map((e) => expect.objectContaining(e)))
  })
})

it('a good SET is valid', () => {
  const findings = lintSet(
    { header: HEADER, payload: good() },
    { now: NOW, issuer: 'https://idp.sim.example/', audience: 'https://app.sim.example/' }
  )
  expect(findings).toEqual([])
  expect(lintVerdict(findings)).toBe('valid')
})

type Mutation = (h: Record<string, unknown>, p: Payload) => void
const bad: [string, Mutation, string, string, 'error' | 'warning'][] = [
  [
    'typ missing',
    (h) => delete h.typ,
    'header.typ',
    'SSF 1.0 §4 typ REQUIRED (RFC 8417 §2.3)',
    'error'
  ],
  [
    'typ JWT',
    (h) => (h.typ = 'JWT'),
    'header.typ',
    'SSF 1.0 §4 typ secevent+jwt (RFC 8417 §2.3)',
    'error'
  ],
  [
    'typ with application/',
    (h) => (h.typ = 'application/secevent+jwt'),
    'header.typ',
    'RFC 8417 §2.3 typ omits application/',
    'warning'
  ],
  ['alg none', (h) => (h.alg = 'none'), 'header.alg', 'SSF 1.0 §4 signed SETs', 'error'],
  ['alg HS256', (h) => (h.alg = 'HS256'), 'header.alg', 'SSF 1.0 §4 keys from jwks_uri', 'warning'],
  ['kid missing', (h) => delete h.kid, 'header.kid', 'RFC 7515 §4.1.4 kid', 'warning'],
  ['iss missing', (_h, p) => delete p.iss, 'iss', 'RFC 8417 §2.2 iss REQUIRED', 'error'],
  [
    'iss other',
    (_h, p) => (p.iss = 'https://idp.sim.example'),
    'iss',
    'SSF 1.0 §4 iss equals the stream issuer',
    'error'
  ],
  ['iat missing', (_h, p) => delete p.iat, 'iat', 'RFC 8417 §2.2 iat REQUIRED', 'error'],
  ['iat in ms', (_h, p) => (p.iat = 1767230200000), 'iat', 'RFC 8417 §2.2 iat seconds', 'error'],
  [
    'iat in the future',
    (_h, p) => (p.iat = NOW + 3600),
    'iat',
    'RFC 8417 §2.2 iat not in the future',
    'error'
  ],
  ['iat a string', (_h, p) => (p.iat = '1767230200'), 'iat', 'RFC 8417 §2.2 iat type', 'error'],
  ['jti missing', (_h, p) => delete p.jti, 'jti', 'RFC 8417 §2.2 jti REQUIRED', 'error'],
  ['aud missing', (_h, p) => delete p.aud, 'aud', 'SSF 1.0 §4 aud REQUIRED', 'error'],
  ['aud a number', (_h, p) => (p.aud = 7), 'aud', 'RFC 7519 §4.1.3 aud type', 'error'],
  [
    'aud other',
    (_h, p) => (p.aud = ['https://other/']),
    'aud',
    'SSF 1.0 §4 aud identifies the Receiver',
    'error'
  ],
  ['sub present', (_h, p) => (p.sub = 'u-1'), 'sub', 'SSF 1.0 §4 sub MUST NOT', 'error'],
  ['exp present', (_h, p) => (p.exp = NOW + 60), 'exp', 'SSF 1.0 §4 exp MUST NOT', 'error'],
  ['txn a number', (_h, p) => (p.txn = 42), 'txn', 'SSF 1.0 §4 txn string', 'error'],
  ['txn missing', (_h, p) => delete p.txn, 'txn', 'SSF 1.0 §4 txn SHOULD', 'warning'],
  ['sub_id missing', (_h, p) => delete p.sub_id, 'sub_id', 'SSF 1.0 §3 sub_id REQUIRED', 'error'],
  [
    'sub_id bad email',
    (_h, p) => (p.sub_id = { format: 'email', email: 'nope' }),
    'sub_id.email',
    'RFC 9493 §3.2.2 email syntax',
    'error'
  ],
  [
    'events missing',
    (_h, p) => Reflect.deleteProperty(p, 'events'),
    'events',
    'RFC 8417 §2.2 events REQUIRED',
    'error'
  ],
  [
    'events an array',
    (_h, p) => Reflect.set(p, 'events', []),
    'events',
    'RFC 8417 §2.2 events object',
    'error'
  ],
  ['events empty', (_h, p) => (p.events = {}), 'events', 'SSF 1.0 §4 exactly one event', 'error'],
  [
    'two events',
    (_h, p) =>
      (p.events['https://schemas.openid.net/secevent/caep/event-type/session-revoked'] = {}),
    'events',
    'SSF 1.0 §4 events SHOULD contain one',
    'warning'
  ],
  [
    'payload not an object',
    (_h, p) => (p.events[CC] = 'x'),
    `events["${CC}"]`,
    'RFC 8417 §2.2 event payload is a JSON object',
    'error'
  ],
  [
    'required claim missing',
    (_h, p) => delete (p.events[CC] as Record<string, unknown>).change_type,
    `events["${CC}"].change_type`,
    'CAEP 1.0 §3.3 change_type REQUIRED',
    'error'
  ],
  [
    'enum broken',
    (_h, p) => ((p.events[CC] as Record<string, unknown>).change_type = 'rotate'),
    `events["${CC}"].change_type`,
    'CAEP 1.0 §3.3 change_type enum',
    'error'
  ],
  [
    'event_timestamp in ms',
    (_h, p) => ((p.events[CC] as Record<string, unknown>).event_timestamp = 1767230190000),
    `events["${CC}"].event_timestamp`,
    'CAEP 1.0 §2 event_timestamp seconds',
    'error'
  ],
  [
    'event_timestamp in the future',
    (_h, p) => ((p.events[CC] as Record<string, unknown>).event_timestamp = NOW + 900),
    `events["${CC}"].event_timestamp`,
    'CAEP 1.0 §2 event_timestamp not in the future',
    'error'
  ],
  [
    'reason_admin a string',
    (_h, p) => ((p.events[CC] as Record<string, unknown>).reason_admin = 'enrolled'),
    `events["${CC}"].reason_admin`,
    'CAEP 1.0 §2 reason_admin language-tagged object',
    'error'
  ],
  [
    'unknown event type',
    (_h, p) => (p.events = { 'https://corp.example/unknown': {} }),
    'events["https://corp.example/unknown"]',
    'SSF 1.0 §4 unknown event types',
    'warning'
  ]
]

test.each(bad)('%s → finding at %s', (_name, mutate, path, rule, severity) => {
  const header: Record<string, unknown> = { ...HEADER }
  const payload = good()
  mutate(header, payload)
  const findings = lintSet(
    { header, payload },
    { now: NOW, issuer: 'https://idp.sim.example/', audience: 'https://app.sim.example/' }
  )
  expect(findings).toContainEqual({ path, rule, message: expect.any(String), severity })
  expect(lintVerdict(findings)).toBe(severity === 'error' ? 'invalid' : 'warnings')
})

describe('options and extras', () => {
  it('makes several events an error in strict mode (A23)', () => {
    const payload = good()
    payload.events['https://schemas.openid.net/secevent/caep/event-type/session-revoked'] = {}
    expect(errors(lintSet({ header: HEADER, payload }, { now: NOW, strict: true }))).toEqual([
      expect.objectContaining({ path: 'events', rule: 'CAEP Interop 1.0 events exactly one' })
    ])
  })

  it('flags types outside events_delivered, except SSF events (A24)', () => {
    expect(lintSet({ header: HEADER, payload: good() }, { now: NOW, eventsDelivered: [] })).toEqual(
      [expect.objectContaining({ rule: 'SSF 1.0 §8.1.1 events_delivered', severity: 'warning' })]
    )
  })

  it('names legacy verification URIs and legacy in-payload subjects', () => {
    const findings = lintSet({
      header: HEADER,
      payload: {
        iss: 'https://accounts.google.com',
        aud: 'x',
        iat: 1767230000,
        jti: 'j',
        events: {
          'https://schemas.openid.net/secevent/risc/event-type/verification': {
            state: 's',
            subject: { subject_type: 'iss-sub' }
          }
        }
      }
    })
    expect(findings).toContainEqual(
      expect.objectContaining({ path: 'sub_id', message: expect.stringContaining('legacy') })
    )
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('/ssf/event-type/verification')
      })
    )
  })

  it('lints custom types against their schema', () => {
    const custom: CustomEventType = {
      id: 'cet_1',
      uri: 'https://corp.example/events/door-opened',
      title: 'Door opened',
      schema: {
        type: 'object',
        properties: { door: { type: 'string', minLength: 2 } },
        required: ['door'],
        additionalProperties: false
      },
      created_at: 0
    }
    const payload = { ...good(), events: { [custom.uri]: { door: 'A', extra: 1 } } }
    expect(lintSet({ header: HEADER, payload }, { now: NOW, customTypes: [custom] })).toEqual([
      expect.objectContaining({
        path: `events["${custom.uri}"].door`,
        rule: `custom ${custom.uri} schema minLength`
      }),
      expect.objectContaining({
        path: `events["${custom.uri}"].extra`,
        rule: `custom ${custom.uri} schema additionalProperties`
      })
    ])
  })

  it('reports a non-object header and payload', () => {
    expect(lintSet({ header: null, payload: 'x' }).map((f) => f.path)).toEqual([
      'header',
      'payload'
    ])
  })

  it('never throws on any JSON input, and every finding names a place in the SET', () => {
    const claim = fc.constantFrom('iss', 'aud', 'jti', 'iat', 'txn', 'sub_id', 'events', 'sub')
    const sets = fc.oneof(
      fc.record({ header: fc.jsonValue(), payload: fc.jsonValue() }),
      // A good SET with one claim, the event payload or a header member replaced by any JSON.
      fc.record({ name: claim, value: fc.jsonValue() }).map(({ name, value }) => ({
        header: HEADER,
        payload: { ...good(), [name]: value } as unknown
      })),
      fc
        .jsonValue()
        .map((value) => ({ header: HEADER, payload: { ...good(), events: { [CC]: value } } })),
      fc
        .record({ name: fc.constantFrom('alg', 'typ', 'kid'), value: fc.jsonValue() })
        .map(({ name, value }) => ({
          header: { ...HEADER, [name]: value } as unknown,
          payload: good()
        }))
    )
    fc.assert(
      fc.property(sets, (set) => {
        for (const finding of lintSet(set, { now: NOW, strict: true, interop: true }))
          expect(namesAPlaceIn(set, finding.path), finding.path).toBe(true)
      }),
      { numRuns: 300 }
    )
  })
})

/**
 * Whether a finding's path (`header.typ`, `payload`, `events["uri"].reason_admin`, `aud[1]`;
 * payload claims without prefix) resolves in the SET: to a value, or to a missing member of an
 * object that is there (a required claim that is absent).
 */
function namesAPlaceIn(set: { header: unknown; payload: unknown }, path: string): boolean {
  const segments: (string | number)[] = []
  const re = /^([A-Za-z_$][\w$]*)|\.([A-Za-z_$][\w$]*)|\[("(?:[^"\\]|\\.)*"|\d+)\]/y
  for (let m = re.exec(path); m !== null; m = re.exec(path)) {
    const name = m[1] ?? m[2]
    segments.push(name ?? (JSON.parse(m[3]!) as string | number))
    if (re.lastIndex === path.length) break
  }
  if (re.lastIndex !== path.length || segments.length === 0) return false
  const resolve = (root: unknown, rest: (string | number)[]): boolean => {
    let node = root
    for (const [i, key] of rest.entries()) {
      if (typeof node !== 'object' || node === null) return false
      const there = Object.prototype.hasOwnProperty.call(node, key)
      if (!there) return i === rest.length - 1
      node = (node as Record<string | number, unknown>)[key]
    }
    return true
  }
  return resolve(set, segments) || resolve(set.payload, segments)
}

describe('interop profile (opt-in)', () => {
  it('is silent for a SET that follows it', () => {
    expect(lintSet({ header: HEADER, payload: good() }, { now: NOW, interop: true })).toEqual([])
  })

  it('wants RS256, email/iss_sub subjects and reason_admin for credential-change', () => {
    const payload = good()
    payload.sub_id = { format: 'opaque', id: 'x' }
    delete (payload.events[CC] as Record<string, unknown>).reason_admin
    const findings = lintSet(
      { header: { ...HEADER, alg: 'ES256' }, payload },
      { now: NOW, interop: true }
    )
    expect(findings.map((f) => [f.path, f.rule, f.severity])).toEqual([
      ['header.alg', 'CAEP Interop 1.0 RS256', 'error'],
      ['sub_id.format', 'CAEP Interop 1.0 subject formats', 'warning'],
      [`events["${CC}"].reason_admin`, 'CAEP Interop 1.0 reason_admin MUST', 'error']
    ])
    expect(lintSet({ header: { ...HEADER, alg: 'ES256' }, payload }, { now: NOW })).toEqual([])
  })
})
