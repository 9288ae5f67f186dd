/** Subject identifiers: per-format validation and SSF matching. @see RFC 9493 §3, SSF 1.0 §3, §8.1.3.1 */
import { describe, expect, it, test } from 'vitest'
import {
  canonicalSubject,
  isSubject,
  matchSubject,
  validateSubject,
  type SubjectIdentifier
} from '../../../src/shared/ssf'

const VALID: Record<string, SubjectIdentifier[]> = {
  account: [{ format: 'account', uri: 'acct:alex@corp.example' }],
  email: [
    { format: 'email', email: 'alex@corp.example' },
    { format: 'email', email: 'Alex.Smith+tag@sub.corp.example' }
  ],
  iss_sub: [{ format: 'iss_sub', iss: 'https://idp.example/', sub: 'u-1' }],
  opaque: [{ format: 'opaque', id: '11112222333344445555' }],
  phone_number: [
    { format: 'phone_number', phone_number: '+14155550123' },
    { format: 'phone_number', phone_number: '+12' }
  ],
  did: [{ format: 'did', url: 'did:example:123456789abcdefghi' }],
  uri: [
    { format: 'uri', uri: 'https://user.example.com/' },
    { format: 'uri', uri: 'urn:uuid:4e851e98-83c4-4743-a5da-150ecb53042f' }
  ],
  aliases: [
    {
      format: 'aliases',
      identifiers: [
        { format: 'email', email: 'a@example.com' },
        { format: 'phone_number', phone_number: '+14155550123' }
      ]
    }
  ],
  jwt_id: [{ format: 'jwt_id', iss: 'https://idp.example/', jti: '7c1e' }],
  saml_assertion_id: [
    { format: 'saml_assertion_id', issuer: 'https://idp.example/', assertion_id: '_a1b2' }
  ],
  'ip-addresses': [
    { format: 'ip-addresses', 'ip-addresses': ['192.0.2.10', '2001:db8::7'] },
    {
      format: 'ip-addresses',
      'ip-addresses': [
        '::',
        '::1',
        '0.0.0.0',
        '255.255.255.255',
        'fe80::1:2',
        '::ffff:192.0.2.1',
        '1:2:3:4:5:6:7:8',
        '2001:DB8:0:0:8:800:200C:417A',
        '1:2:3:4:5:6:1.2.3.4'
      ]
    }
  ],
  complex: [
    {
      format: 'complex',
      user: { format: 'iss_sub', iss: 'https://idp.example/', sub: 'u-1' },
      device: { format: 'opaque', id: 'dev-88f1' },
      tenant: { format: 'opaque', id: 'corp-tenant-1' }
    },
    { format: 'complex', session: { format: 'opaque', id: 's' } },
    { format: 'complex', custom_member: { format: 'email', email: 'a@b.example' } }
  ],
  proprietary: [{ format: 'catalog_item', catalog_id: 'c-1' }]
}

const INVALID: Record<string, { value: unknown; path: string }[]> = {
  account: [
    { value: { format: 'account' }, path: 'subject.uri' },
    { value: { format: 'account', uri: 'mailto:alex@corp.example' }, path: 'subject.uri' },
    { value: { format: 'account', uri: 'acct:alex' }, path: 'subject.uri' }
  ],
  email: [
    { value: { format: 'email' }, path: 'subject.email' },
    { value: { format: 'email', email: '' }, path: 'subject.email' },
    { value: { format: 'email', email: 'no-at-sign' }, path: 'subject.email' },
    { value: { format: 'email', email: 'a b@c.d' }, path: 'subject.email' },
    { value: { format: 'email', email: 42 }, path: 'subject.email' }
  ],
  iss_sub: [
    { value: { format: 'iss_sub', iss: 'https://i/' }, path: 'subject.sub' },
    { value: { format: 'iss_sub', sub: 'u' }, path: 'subject.iss' }
  ],
  opaque: [
    { value: { format: 'opaque' }, path: 'subject.id' },
    { value: { format: 'opaque', id: 1 }, path: 'subject.id' }
  ],
  phone_number: [
    { value: { format: 'phone_number', phone_number: '4155550123' }, path: 'subject.phone_number' },
    {
      value: { format: 'phone_number', phone_number: '+1 415 555 0123' },
      path: 'subject.phone_number'
    },
    { value: { format: 'phone_number', phone_number: '+0123' }, path: 'subject.phone_number' },
    {
      value: { format: 'phone_number', phone_number: '+1234567890123456' },
      path: 'subject.phone_number'
    }
  ],
  did: [
    { value: { format: 'did', url: 'https://example.com' }, path: 'subject.url' },
    { value: { format: 'did' }, path: 'subject.url' }
  ],
  uri: [
    { value: { format: 'uri', uri: 'relative/path' }, path: 'subject.uri' },
    { value: { format: 'uri', uri: 'has space: x y' }, path: 'subject.uri' }
  ],
  aliases: [
    { value: { format: 'aliases' }, path: 'subject.identifiers' },
    { value: { format: 'aliases', identifiers: [] }, path: 'subject.identifiers' },
    {
      value: { format: 'aliases', identifiers: [{ format: 'aliases', identifiers: [] }] },
      path: 'subject.identifiers[0].format'
    },
    {
      value: { format: 'aliases', identifiers: [{ format: 'email', email: 'x' }] },
      path: 'subject.identifiers[0].email'
    }
  ],
  jwt_id: [{ value: { format: 'jwt_id', iss: 'https://i/' }, path: 'subject.jti' }],
  saml_assertion_id: [
    { value: { format: 'saml_assertion_id', issuer: 'https://i/' }, path: 'subject.assertion_id' }
  ],
  'ip-addresses': [
    { value: { format: 'ip-addresses' }, path: 'subject.ip-addresses' },
    { value: { format: 'ip-addresses', 'ip-addresses': [] }, path: 'subject.ip-addresses' },
    {
      value: { format: 'ip-addresses', 'ip-addresses': ['not an ip'] },
      path: 'subject.ip-addresses[0]'
    },
    {
      value: { format: 'ip-addresses', 'ip-addresses': '192.0.2.1' },
      path: 'subject.ip-addresses'
    },
    ...[
      '256.1.1.1',
      '1.2.3',
      '01.2.3.4',
      'abc',
      '::::',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '12345::1',
      ':',
      '1.2.3.4:80',
      ' 1.2.3.4'
    ].map((ip) => ({
      value: { format: 'ip-addresses', 'ip-addresses': [ip] },
      path: 'subject.ip-addresses[0]'
    }))
  ],
  complex: [
    { value: { format: 'complex' }, path: 'subject' },
    { value: { format: 'complex', user: 'u-1' }, path: 'subject.user' },
    {
      value: { format: 'complex', user: { format: 'email', email: 'x' } },
      path: 'subject.user.email'
    },
    {
      value: { format: 'complex', user: { format: 'complex', x: { format: 'opaque', id: 'a' } } },
      path: 'subject.user.format'
    }
  ],
  shape: [
    { value: null, path: 'subject' },
    { value: 'alex@corp.example', path: 'subject' },
    { value: [], path: 'subject' },
    { value: {}, path: 'subject.format' },
    { value: { format: '' }, path: 'subject.format' },
    { value: { format: 1 }, path: 'subject.format' }
  ]
}

describe('validateSubject', () => {
  test.each(
    Object.entries(VALID).flatMap(([format, list]) => list.map((value) => ({ format, value })))
  )('$format: accepts $value', ({ value }) => {
    expect(validateSubject(value)).toEqual([])
    expect(isSubject(value)).toBe(true)
  })

  test.each(
    Object.entries(INVALID).flatMap(([format, list]) => list.map((c) => ({ format, ...c })))
  )('$format: refuses $value at $path', ({ value, path }) => {
    const issues = validateSubject(value)
    expect(issues.length).toBeGreaterThan(0)
    expect(issues.map((i) => i.path)).toContain(path)
    expect(isSubject(value)).toBe(false)
  })

  it('uses the given path prefix', () => {
    expect(validateSubject({ format: 'email' }, 'sub_id')).toEqual([
      expect.objectContaining({
        path: 'sub_id.email',
        message: expect.stringMatching(/^"email" is required/)
      })
    ])
  })
})

describe('matchSubject (SSF 1.0 §8.1.3.1)', () => {
  const T1 = { format: 'opaque', id: 'T1' }
  const U1 = { format: 'iss_sub', iss: 'https://idp.example/', sub: 'U1' }
  const D1 = { format: 'opaque', id: 'D1' }
  const G1 = { format: 'opaque', id: 'G1' }
  const G2 = { format: 'opaque', id: 'G2' }
  const complex = (m: Record<string, unknown>): SubjectIdentifier => ({ format: 'complex', ...m })

  test.each([
    // The spec's own table.
    {
      name: 'complex {tenant} vs {tenant,user}',
      a: complex({ tenant: T1 }),
      b: complex({ tenant: T1, user: U1 }),
      match: true
    },
    {
      name: 'complex {user,device} vs {user}',
      a: complex({ user: U1, device: D1 }),
      b: complex({ user: U1 }),
      match: true
    },
    {
      name: 'complex {user,group G1} vs {user,group G2}',
      a: complex({ user: U1, group: G1 }),
      b: complex({ user: U1, group: G2 }),
      match: false
    },
    // Simple subjects: identical only.
    {
      name: 'identical email',
      a: { format: 'email', email: 'a@x.example' },
      b: { format: 'email', email: 'a@x.example' },
      match: true
    },
    {
      name: 'different email',
      a: { format: 'email', email: 'a@x.example' },
      b: { format: 'email', email: 'b@x.example' },
      match: false
    },
    {
      name: 'member order does not matter',
      a: { format: 'iss_sub', iss: 'i', sub: 's' },
      b: { sub: 's', iss: 'i', format: 'iss_sub' },
      match: true
    },
    {
      name: 'same id, different format',
      a: { format: 'opaque', id: 'x' },
      b: { format: 'uri', id: 'x' },
      match: false
    },
    {
      name: 'extra member makes a different simple subject',
      a: { format: 'opaque', id: 'x' },
      b: { format: 'opaque', id: 'x', extra: 1 },
      match: false
    },
    // Our choices (docs/decisions.md): disjoint complex subjects do not match; a simple subject
    // matches a complex one that carries it as a member.
    {
      name: 'complex with no shared member',
      a: complex({ tenant: T1 }),
      b: complex({ user: U1 }),
      match: false
    },
    {
      name: 'simple vs complex carrying it',
      a: U1,
      b: complex({ user: U1, tenant: T1 }),
      match: true
    },
    { name: 'simple vs complex without it', a: D1, b: complex({ user: U1 }), match: false }
  ])('$name → $match (both directions)', ({ a, b, match }) => {
    expect(matchSubject(a, b)).toBe(match)
    expect(matchSubject(b, a)).toBe(match)
  })
})

describe('canonicalSubject', () => {
  it('is independent of member order at every depth', () => {
    expect(
      canonicalSubject({ format: 'complex', user: { sub: 's', iss: 'i', format: 'iss_sub' } })
    ).toBe(canonicalSubject({ user: { format: 'iss_sub', iss: 'i', sub: 's' }, format: 'complex' }))
  })
})
