/**
 * Guards for the subject module that mutation testing showed missing: every finding of
 * `lintSubject` is compared exactly (path, severity, rule), so a branch that fires too often or
 * not at all fails here, not only a branch that fires too rarely.
 * @see RFC 9493 §3, SSF 1.0 §3.2–§3.5, docs/testing.md
 */
import { describe, expect, it, test } from 'vitest'
import {
  canonicalSubject,
  isIpAddress,
  isSubject,
  lintSubject,
  matchSubject,
  unknownSubjectFormats,
  validateSubject,
  type SubjectIdentifier
} from '../../../src/shared/ssf'

type Expected = [path: string, severity: 'error' | 'warning', rule: string][]

const opaque = (id: string): SubjectIdentifier => ({ format: 'opaque', id })
const email = (address: string): SubjectIdentifier => ({ format: 'email', email: address })

const cases: [name: string, subject: unknown, expected: Expected][] = [
  ['a string', 'x', [['subject', 'error', 'RFC 9493 §3 subject identifier']]],
  ['an array', [], [['subject', 'error', 'RFC 9493 §3 subject identifier']]],
  ['null', null, [['subject', 'error', 'RFC 9493 §3 subject identifier']]],
  [
    'the Google RISC subject_type',
    { subject_type: 'email', email: 'a@b.c' },
    [['subject.format', 'error', 'RISC 1.0 §3 subject_type deprecated']]
  ],
  [
    'a subject_type that is not a string',
    { subject_type: 7 },
    [['subject.format', 'error', 'RFC 9493 §3 format REQUIRED']]
  ],
  [
    'subject_type beside a format',
    { format: 'opaque', id: 'x', subject_type: 'opaque' },
    [['subject.subject_type', 'warning', 'RFC 9493 §3 no undefined members']]
  ],
  ['an empty format', { format: '' }, [['subject.format', 'error', 'RFC 9493 §3 format REQUIRED']]],
  ['a numeric format', { format: 3 }, [['subject.format', 'error', 'RFC 9493 §3 format REQUIRED']]],
  ['a good email', email('a@b.c'), []],
  [
    'a null member',
    { format: 'email', email: null },
    [['subject.email', 'error', 'RFC 9493 §3.2.2 email REQUIRED']]
  ],
  [
    'a missing member',
    { format: 'email' },
    [['subject.email', 'error', 'RFC 9493 §3.2.2 email REQUIRED']]
  ],
  [
    'an empty member',
    { format: 'email', email: '' },
    [['subject.email', 'error', 'RFC 9493 §3 member values non-empty']]
  ],
  [
    'a numeric member',
    { format: 'email', email: 5 },
    [['subject.email', 'error', 'RFC 9493 §3 member values non-empty']]
  ],
  [
    'a bad email and an undefined member',
    { format: 'email', email: 'nope', extra: 1 },
    [
      ['subject.email', 'error', 'RFC 9493 §3.2.2 email syntax'],
      ['subject.extra', 'warning', 'RFC 9493 §3 no undefined members']
    ]
  ],
  ['iss_sub', { format: 'iss_sub', iss: 'https://i', sub: 's' }, []],
  [
    'iss_sub without sub',
    { format: 'iss_sub', iss: 'https://i' },
    [['subject.sub', 'error', 'RFC 9493 §3.2.3 sub REQUIRED']]
  ],
  ['a phone number', { format: 'phone_number', phone_number: '+14155550123' }, []],
  [
    'a phone number with a space',
    { format: 'phone_number', phone_number: '+1 415' },
    [['subject.phone_number', 'error', 'RFC 9493 §3.2.5 phone_number syntax']]
  ],
  [
    'legacy phone carrying phone',
    { format: 'phone', phone: '+14155550123' },
    [['subject.format', 'warning', 'RFC 9493 §3 legacy format "phone"']]
  ],
  [
    'legacy phone carrying a bad phone',
    { format: 'phone', phone: '555' },
    [
      ['subject.format', 'warning', 'RFC 9493 §3 legacy format "phone"'],
      ['subject.phone', 'error', 'RFC 9493 §3.2.5 phone syntax']
    ]
  ],
  [
    'legacy phone carrying a bad phone_number',
    { format: 'phone', phone_number: 'x' },
    [
      ['subject.format', 'warning', 'RFC 9493 §3 legacy format "phone"'],
      ['subject.phone_number', 'error', 'RFC 9493 §3.2.5 phone_number syntax']
    ]
  ],
  [
    'legacy iss-sub without sub',
    { format: 'iss-sub', iss: 'i' },
    [
      ['subject.format', 'warning', 'RFC 9493 §3 legacy format "iss-sub"'],
      ['subject.sub', 'error', 'RFC 9493 §3.2.3 sub REQUIRED']
    ]
  ],
  [
    'legacy jwt-id',
    { format: 'jwt-id', iss: 'i', jti: 'j' },
    [['subject.format', 'warning', 'RFC 9493 §3 legacy format "jwt-id"']]
  ],
  [
    'a proprietary format with any members',
    { format: 'corp-id', thing: 1 },
    [['subject.format', 'warning', 'SSF 1.0 §3.2 proprietary format']]
  ],
  [
    'good ip-addresses and an undefined member',
    { format: 'ip-addresses', 'ip-addresses': ['10.0.0.1', '::1'], x: 1 },
    [['subject.x', 'warning', 'RFC 9493 §3 no undefined members']]
  ],
  [
    'bad ip-addresses',
    { format: 'ip-addresses', 'ip-addresses': ['10.0.0.256', 4, '::1'] },
    [
      ['subject.ip-addresses[0]', 'error', 'SSF 1.0 §3.5 ip-addresses syntax'],
      ['subject.ip-addresses[1]', 'error', 'SSF 1.0 §3.5 ip-addresses syntax']
    ]
  ],
  [
    'empty ip-addresses',
    { format: 'ip-addresses', 'ip-addresses': [] },
    [['subject.ip-addresses', 'error', 'SSF 1.0 §3.5 ip-addresses REQUIRED']]
  ],
  [
    'ip-addresses as a string',
    { format: 'ip-addresses', 'ip-addresses': '10.0.0.1' },
    [['subject.ip-addresses', 'error', 'SSF 1.0 §3.5 ip-addresses REQUIRED']]
  ],
  [
    'aliases with a duplicate, a bad member and an undefined member',
    {
      format: 'aliases',
      identifiers: [opaque('a'), { id: 'a', format: 'opaque' }, email('x')],
      extra: true
    },
    [
      ['subject.identifiers[1]', 'warning', 'RFC 9493 §3.2.8 no duplicates'],
      ['subject.identifiers[2].email', 'error', 'RFC 9493 §3.2.2 email syntax'],
      ['subject.extra', 'warning', 'RFC 9493 §3 no undefined members']
    ]
  ],
  [
    'aliases of distinct identifiers',
    { format: 'aliases', identifiers: [opaque('a'), email('a@b.c')] },
    []
  ],
  [
    'aliases without identifiers',
    { format: 'aliases', identifiers: [] },
    [['subject.identifiers', 'error', 'RFC 9493 §3.2.8 identifiers REQUIRED']]
  ],
  [
    'aliases with identifiers as an object',
    { format: 'aliases', identifiers: {} },
    [['subject.identifiers', 'error', 'RFC 9493 §3.2.8 identifiers REQUIRED']]
  ],
  [
    'aliases in aliases',
    { format: 'aliases', identifiers: [{ format: 'aliases', identifiers: [opaque('a')] }] },
    [['subject.identifiers[0].format', 'error', 'RFC 9493 §3.2.8 no nested aliases']]
  ],
  [
    'complex in aliases',
    { format: 'aliases', identifiers: [{ format: 'complex', user: opaque('a') }] },
    [['subject.identifiers[0].format', 'error', 'SSF 1.0 §3.3 no nested complex']]
  ],
  [
    'complex without members',
    { format: 'complex' },
    [['subject', 'error', 'SSF 1.0 §3.3 at least one member']]
  ],
  [
    'complex with user and device',
    { format: 'complex', user: email('a@b.c'), device: opaque('d') },
    []
  ],
  [
    'complex with an unknown member and an aliases member',
    {
      format: 'complex',
      gadget: opaque('g'),
      user: { format: 'aliases', identifiers: [opaque('u')] }
    },
    [
      ['subject.gadget', 'warning', 'SSF 1.0 §3.3 member names'],
      ['subject.user.format', 'warning', 'SSF 1.0 §3.3 simple members']
    ]
  ],
  [
    'complex with an empty aliases member',
    { format: 'complex', user: { format: 'aliases', identifiers: [] } },
    [
      ['subject.user.format', 'warning', 'SSF 1.0 §3.3 simple members'],
      ['subject.user.identifiers', 'error', 'RFC 9493 §3.2.8 identifiers REQUIRED']
    ]
  ],
  [
    'complex with a string member',
    { format: 'complex', user: 'x' },
    [['subject.user', 'error', 'RFC 9493 §3 subject identifier']]
  ],
  [
    'complex in complex',
    { format: 'complex', user: { format: 'complex', user: opaque('x') } },
    [['subject.user.format', 'error', 'SSF 1.0 §3.3 no nested complex']]
  ],
  ['a DID', { format: 'did', url: 'did:web:x' }, []],
  [
    'a DID without its scheme',
    { format: 'did', url: 'web:x' },
    [['subject.url', 'error', 'RFC 9493 §3.2.6 url syntax']]
  ]
]

describe('lintSubject reports exactly the findings of each subject', () => {
  test.each(cases)('%s', (_name, subject, expected) => {
    const findings = lintSubject(subject)
    expect(findings.map((f) => [f.path, f.severity, f.rule])).toEqual(expected)
    for (const f of findings) expect(f.message.length).toBeGreaterThan(0)
    // validateSubject keeps the errors, in order; isSubject is "no errors".
    const errors = expected.filter(([, severity]) => severity === 'error')
    expect(validateSubject(subject).map((f) => [f.path, f.severity, f.rule])).toEqual(errors)
    expect(isSubject(subject)).toBe(errors.length === 0)
  })

  it('prefixes every path with the path it is given', () => {
    const subject = { format: 'complex', user: { format: 'email', email: 'x' } }
    expect(lintSubject(subject, 'sub_id').map((f) => f.path)).toEqual(['sub_id.user.email'])
    expect(validateSubject(subject, 'events.x').map((f) => f.path)).toEqual(['events.x.user.email'])
  })
})

describe('isIpAddress (RFC 4001 textual forms)', () => {
  test.each([
    ['192.168.0.1', true],
    ['0.0.0.0', true],
    ['256.1.1.1', false],
    ['1.2.3', false],
    ['::1', true],
    ['::', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7', false],
    ['1:2:3:4:5:6:7:8:9', false],
    [':1:2:3:4:5:6:7:8', false],
    ['1:2:3:4:5:6:7:8:', false],
    ['1:2:3:4:5:6:7::', true],
    ['1:2:3:4:5:6:7:8::', false],
    ['1::2::3', false],
    ['fe80::1%eth0', false],
    ['12345::1', false],
    ['g::1', false],
    ['abcd', false],
    ['::ffff:192.0.2.1', true],
    ['::ffff:999.0.2.1', false],
    ['1:2:3:4:5:6:192.0.2.1', true],
    ['1:2:3:4:5:192.0.2.1', false],
    ['1:2:3:4:5:6:7:192.0.2.1', false],
    ['1:2:3:4:5::192.0.2.1', true],
    ['1:2:3:4:5:6::192.0.2.1', false],
    ['1::2:3:4:5:6:7::8', false],
    ['1:2:3:4:5:6:7:8 ', false],
    ['1:2:3:4:5:6:7:8\n', false],
    ['1:2:3:4:5:6:1.2.3.4x', false],
    ['x', false]
  ])('%s → %s', (value, expected) => {
    expect(isIpAddress(value)).toBe(expected)
  })
})

describe('unknownSubjectFormats', () => {
  test.each<[string, unknown, string[], string[]]>([
    ['a typo', { format: 'emial', emial: 'a@b.c' }, [], ['emial']],
    ['a declared private format', { format: 'corp' }, ['corp'], []],
    ['a known legacy name', { format: 'phone', phone: '+1415' }, [], []],
    [
      'inside aliases, once each',
      { format: 'aliases', identifiers: [{ format: 'x1' }, email('a@b.c'), { format: 'x1' }] },
      [],
      ['x1']
    ],
    [
      'inside complex',
      { format: 'complex', user: { format: 'u1' }, device: opaque('d') },
      [],
      ['u1']
    ],
    [
      'two levels down (complex, then aliases)',
      { format: 'complex', user: { format: 'aliases', identifiers: [{ format: 'deep2' }] } },
      [],
      ['deep2']
    ],
    [
      'not three levels down',
      {
        format: 'aliases',
        identifiers: [
          {
            format: 'aliases',
            identifiers: [{ format: 'aliases', identifiers: [{ format: 'deep3' }] }]
          }
        ]
      },
      [],
      []
    ],
    [
      'a simple subject with an identifiers member: its format is checked, the member is not',
      { format: 'emial', identifiers: [{ format: 'x2' }] },
      [],
      ['emial']
    ],
    [
      'not three levels down in complex either',
      {
        format: 'complex',
        a: { format: 'complex', b: { format: 'complex', c: { format: 'complex3' } } }
      },
      [],
      []
    ],
    ['a format that is not a string', { format: 7 }, [], []],
    ['not an object', 'emial', [], []],
    ['aliases without an identifiers array', { format: 'aliases', identifiers: 'x' }, [], []]
  ])('%s', (_name, subject, declared, expected) => {
    expect(unknownSubjectFormats(subject, declared)).toEqual(expected)
  })
})

describe('canonicalSubject and matchSubject', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalSubject({ b: 1, a: [{ d: 1, c: 2 }, 'x'] })).toBe(
      '{"a":[{"c":2,"d":1},"x"],"b":1}'
    )
    expect(canonicalSubject('x')).toBe('"x"')
  })

  const user = email('a@b.c')
  const device = opaque('d1')
  test.each<[string, SubjectIdentifier, SubjectIdentifier, boolean]>([
    [
      'equal simple subjects, keys in another order',
      user,
      { email: 'a@b.c', format: 'email' },
      true
    ],
    ['different simple subjects', user, email('z@b.c'), false],
    [
      'complex sharing one member',
      { format: 'complex', user },
      { format: 'complex', user, device },
      true
    ],
    [
      'complex with a different shared member',
      { format: 'complex', user, device },
      { format: 'complex', user, device: opaque('d2') },
      false
    ],
    [
      'complex sharing no member',
      { format: 'complex', user },
      { format: 'complex', device },
      false
    ],
    ['simple inside complex', user, { format: 'complex', device, user }, true],
    ['complex holding the simple one', { format: 'complex', device, user }, user, true],
    ['simple not inside complex', email('z@b.c'), { format: 'complex', user, device }, false]
  ])('%s → %s', (_name, a, b, expected) => {
    expect(matchSubject(a, b)).toBe(expected)
    expect(matchSubject(b, a)).toBe(expected)
  })
})
