import { describe, expect, it, test } from 'vitest'
import fc from 'fast-check'
import {
  SUBJECT_FORMATS,
  buildSubject,
  isIpAddress,
  isSubject,
  lintSubject,
  matchSubject,
  validateSubject
} from '../../../src/shared/ssf'

describe('subject formats', () => {
  it('describe every RFC 9493 and SSF format, and the complex subject', () => {
    expect(SUBJECT_FORMATS.map((f) => f.format)).toEqual([
      'account',
      'email',
      'iss_sub',
      'opaque',
      'phone_number',
      'did',
      'uri',
      'aliases',
      'jwt_id',
      'saml_assertion_id',
      'ip-addresses',
      'complex'
    ])
  })

  test.each(SUBJECT_FORMATS.map((f) => [f.format, f] as const))(
    'the %s example lints clean and its members have form metadata',
    (_f, spec) => {
      expect(lintSubject(spec.example)).toEqual([])
      for (const m of spec.members) expect(m.label.length).toBeGreaterThan(0)
    }
  )

  it('builders build valid subjects', () => {
    const built = [
      buildSubject.account('acct:dana@corp.example'),
      buildSubject.email('a@b.c'),
      buildSubject.issSub('https://idp/', 'u1'),
      buildSubject.opaque('x'),
      buildSubject.phoneNumber('+14155550123'),
      buildSubject.did('did:example:alice'),
      buildSubject.uri('urn:corp:user:1'),
      buildSubject.aliases([buildSubject.email('a@b.c'), buildSubject.opaque('x')]),
      buildSubject.jwtId('https://idp/', 'j1'),
      buildSubject.samlAssertionId('https://idp/', '_a1'),
      buildSubject.ipAddresses(['192.0.2.1', '::1']),
      buildSubject.complex({ user: buildSubject.email('a@b.c'), device: buildSubject.opaque('d') })
    ]
    for (const s of built) expect(lintSubject(s)).toEqual([])
  })
})

const bad: [string, unknown, string, string][] = [
  ['not an object', 'dana@corp.example', 'subject', 'RFC 9493 §3 subject identifier'],
  ['no format', { email: 'a@b.c' }, 'subject.format', 'RFC 9493 §3 format REQUIRED'],
  [
    'Google subject_type',
    { subject_type: 'email', email: 'a@b.c' },
    'subject.format',
    'RISC 1.0 §3 subject_type deprecated'
  ],
  [
    'account without acct:',
    { format: 'account', uri: 'mailto:a@b.c' },
    'subject.uri',
    'RFC 9493 §3.2.1 uri syntax'
  ],
  ['email missing', { format: 'email' }, 'subject.email', 'RFC 9493 §3.2.2 email REQUIRED'],
  [
    'email with two @',
    { format: 'email', email: 'a@b@c' },
    'subject.email',
    'RFC 9493 §3.2.2 email syntax'
  ],
  [
    'email empty',
    { format: 'email', email: '' },
    'subject.email',
    'RFC 9493 §3 member values non-empty'
  ],
  [
    'iss_sub without sub',
    { format: 'iss_sub', iss: 'https://idp/' },
    'subject.sub',
    'RFC 9493 §3.2.3 sub REQUIRED'
  ],
  ['opaque id null', { format: 'opaque', id: null }, 'subject.id', 'RFC 9493 §3.2.4 id REQUIRED'],
  [
    'phone with spaces',
    { format: 'phone_number', phone_number: '+1 415 555 0123' },
    'subject.phone_number',
    'RFC 9493 §3.2.5 phone_number syntax'
  ],
  [
    'did not a DID',
    { format: 'did', url: 'https://x' },
    'subject.url',
    'RFC 9493 §3.2.6 url syntax'
  ],
  ['relative uri', { format: 'uri', uri: '/users/1' }, 'subject.uri', 'RFC 9493 §3.2.7 uri syntax'],
  [
    'empty aliases',
    { format: 'aliases', identifiers: [] },
    'subject.identifiers',
    'RFC 9493 §3.2.8 identifiers REQUIRED'
  ],
  [
    'nested aliases',
    { format: 'aliases', identifiers: [{ format: 'aliases', identifiers: [] }] },
    'subject.identifiers[0].format',
    'RFC 9493 §3.2.8 no nested aliases'
  ],
  [
    'jwt_id without jti',
    { format: 'jwt_id', iss: 'https://idp/' },
    'subject.jti',
    'SSF 1.0 §3.5 jti REQUIRED'
  ],
  [
    'saml without issuer',
    { format: 'saml_assertion_id', assertion_id: '_a' },
    'subject.issuer',
    'SSF 1.0 §3.5 issuer REQUIRED'
  ],
  [
    'ip-addresses empty',
    { format: 'ip-addresses', 'ip-addresses': [] },
    'subject.ip-addresses',
    'SSF 1.0 §3.5 ip-addresses REQUIRED'
  ],
  [
    'ip-addresses bad',
    { format: 'ip-addresses', 'ip-addresses': ['10.0.0.256'] },
    'subject.ip-addresses[0]',
    'SSF 1.0 §3.5 ip-addresses syntax'
  ],
  ['empty complex', { format: 'complex' }, 'subject', 'SSF 1.0 §3.3 at least one member'],
  [
    'nested complex',
    { format: 'complex', user: { format: 'complex', x: {} } },
    'subject.user.format',
    'SSF 1.0 §3.3 no nested complex'
  ],
  [
    'bad complex member',
    { format: 'complex', device: { format: 'opaque' } },
    'subject.device.id',
    'RFC 9493 §3.2.4 id REQUIRED'
  ]
]

test.each(bad)('%s → an error at its path citing the rule', (_name, value, path, rule) => {
  const issues = validateSubject(value)
  expect(issues).toContainEqual({ path, rule, message: expect.any(String), severity: 'error' })
  expect(isSubject(value)).toBe(false)
})

const warnings: [string, unknown, string][] = [
  ['legacy phone (A2)', { format: 'phone', phone: '+14155550123' }, 'subject.format'],
  [
    'legacy phone with phone_number',
    { format: 'phone', phone_number: '+14155550123' },
    'subject.format'
  ],
  ['legacy iss-sub', { format: 'iss-sub', iss: 'https://idp/', sub: '1' }, 'subject.format'],
  ['proprietary format', { format: 'catalog_item', catalog_id: 'c0384' }, 'subject.format'],
  ['undefined member', { format: 'email', email: 'a@b.c', name: 'Dana' }, 'subject.name'],
  [
    'unknown complex member',
    { format: 'complex', usr: { format: 'opaque', id: 'x' } },
    'subject.usr'
  ],
  [
    'duplicate alias',
    {
      format: 'aliases',
      identifiers: [
        { format: 'opaque', id: 'x' },
        { format: 'opaque', id: 'x' }
      ]
    },
    'subject.identifiers[1]'
  ]
]

test.each(warnings)('%s → accepted, with a warning', (_name, value, path) => {
  expect(validateSubject(value)).toEqual([])
  expect(lintSubject(value)).toEqual([expect.objectContaining({ path, severity: 'warning' })])
})

it('legacy phone still needs an E.164 number', () => {
  expect(validateSubject({ format: 'phone', phone: '555-0123' })).toEqual([
    expect.objectContaining({ path: 'subject.phone', severity: 'error' })
  ])
})

test.each([
  ['192.0.2.1', true],
  ['255.255.255.255', true],
  ['2001:db8::42', true],
  ['::1', true],
  ['::', true],
  ['::ffff:192.0.2.1', true],
  ['1:2:3:4:5:6:7:8', true],
  ['1:2:3:4:5:6:7:8:9', false],
  ['1::2::3', false],
  ['256.1.1.1', false],
  ['01.1.1.1', false],
  ['host.example', false],
  [':', false]
])('isIpAddress(%s) = %s', (ip, ok) => {
  expect(isIpAddress(ip)).toBe(ok)
})

it('custom paths prefix every issue', () => {
  expect(validateSubject({ format: 'email' }, 'sub_id')[0]?.path).toBe('sub_id.email')
})

it('never throws on any JSON input', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      expect(Array.isArray(lintSubject(v))).toBe(true)
      expect(Array.isArray(lintSubject({ format: 'complex', user: v }))).toBe(true)
    })
  )
})

describe('matchSubject (unchanged)', () => {
  it('matches identical simple subjects and complex subjects on shared members', () => {
    const email = buildSubject.email('a@b.c')
    expect(matchSubject(email, { format: 'email', email: 'a@b.c' })).toBe(true)
    expect(matchSubject(buildSubject.complex({ user: email }), email)).toBe(true)
    expect(
      matchSubject(
        buildSubject.complex({ user: email, device: buildSubject.opaque('1') }),
        buildSubject.complex({ user: email, device: buildSubject.opaque('2') })
      )
    ).toBe(false)
  })
})
