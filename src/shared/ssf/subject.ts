/**
 * Subject identifiers: RFC 9493 formats, the SSF-defined formats and the SSF complex subject,
 * with validation that names the member at fault and the rule it broke, builders, examples and
 * form metadata, and SSF subject matching.
 * @see RFC 9493 §3, SSF 1.0 §3
 * @module
 */
import type { Finding } from './finding'

/** A subject identifier: an object with a `format` member. @see RFC 9493 §3 */
export interface SubjectIdentifier {
  format: string
  [member: string]: unknown
}

/**
 * One subject finding: where (`path`), which spec rule (`rule`), what is wrong (`message`), and
 * whether it makes the subject invalid (`error`) or is only flagged (`warning`).
 */
export type SubjectIssue = Finding

/** Member names SSF defines for a complex subject. @see SSF 1.0 §3.3 */
export const COMPLEX_SUBJECT_MEMBERS = [
  'user',
  'device',
  'session',
  'application',
  'tenant',
  'org_unit',
  'group'
] as const

/** One member of a simple subject format, as a form renders it. */
export interface SubjectMemberSpec {
  name: string
  label: string
  placeholder: string
  /** `string-list` for `ip-addresses`, `subject-list` for `aliases`. */
  kind: 'text' | 'string-list' | 'subject' | 'subject-list'
}

/** A subject identifier format: what it is, its members, an example, where it is defined. */
export interface SubjectFormatSpec {
  format: string
  title: string
  description: string
  section: string
  members: readonly SubjectMemberSpec[]
  example: SubjectIdentifier
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

// E.164: a plus sign and 2-15 digits, no spaces. @see RFC 9493 §3.2.5
const E164 = /^\+[1-9]\d{1,14}$/
// Pragmatic addr-spec check: exactly one @, no whitespace. @see RFC 9493 §3.2.2
const EMAIL = /^[^\s@]+@[^\s@]+$/
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/
const ACCT_URI = /^acct:[^\s@]+@[^\s@]+$/
const DID_URL = /^did:[a-z0-9]+:\S+$/
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** RFC 4001 textual IPv4 or IPv6 (with optional embedded IPv4 and zone-less). */
export function isIpAddress(value: string): boolean {
  if (IPV4.test(value)) return true
  // Any other character lands in a group, which must be 1-4 hex digits or, last, an IPv4.
  const doubles = value.split('::').length - 1
  if (doubles > 1) return false
  let groups = value.split(':').filter((g) => g !== '')
  let slots = 8
  const last = groups[groups.length - 1]
  if (last !== undefined && last.includes('.')) {
    if (!IPV4.test(last)) return false
    groups = groups.slice(0, -1)
    slots = 6
  }
  if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false
  if (doubles === 1) return groups.length < slots
  return groups.length === slots && !value.startsWith(':') && !value.endsWith(':')
}

type MemberCheck = { name: string; pattern?: RegExp; test?: (v: string) => boolean; hint?: string }

interface FormatRule {
  section: string
  members: readonly MemberCheck[]
}

const RULES: Record<string, FormatRule> = {
  account: {
    section: 'RFC 9493 §3.2.1',
    members: [{ name: 'uri', pattern: ACCT_URI, hint: 'an acct: URI (acct:user@host)' }]
  },
  email: {
    section: 'RFC 9493 §3.2.2',
    members: [{ name: 'email', pattern: EMAIL, hint: 'an email address (local@domain)' }]
  },
  iss_sub: { section: 'RFC 9493 §3.2.3', members: [{ name: 'iss' }, { name: 'sub' }] },
  opaque: { section: 'RFC 9493 §3.2.4', members: [{ name: 'id' }] },
  phone_number: {
    section: 'RFC 9493 §3.2.5',
    members: [
      { name: 'phone_number', pattern: E164, hint: 'in E.164 form (e.g. +14155550123, no spaces)' }
    ]
  },
  did: {
    section: 'RFC 9493 §3.2.6',
    members: [{ name: 'url', pattern: DID_URL, hint: 'a DID URL (did:method:id)' }]
  },
  uri: {
    section: 'RFC 9493 §3.2.7',
    members: [{ name: 'uri', pattern: ABSOLUTE_URI, hint: 'an absolute URI (scheme:...)' }]
  },
  jwt_id: { section: 'SSF 1.0 §3.5', members: [{ name: 'iss' }, { name: 'jti' }] },
  saml_assertion_id: {
    section: 'SSF 1.0 §3.5',
    members: [{ name: 'issuer' }, { name: 'assertion_id' }]
  }
}

/** Legacy format names seen on input, with their RFC 9493 / SSF names. */
const LEGACY_FORMATS: Record<string, string> = {
  phone: 'phone_number',
  'iss-sub': 'iss_sub',
  'jwt-id': 'jwt_id',
  'saml-assertion-id': 'saml_assertion_id'
}

/** Every format this module describes, with members, examples and form metadata. */
export const SUBJECT_FORMATS: readonly SubjectFormatSpec[] = [
  {
    format: 'account',
    title: 'Account',
    description: 'A user account at a service provider, as an acct: URI (RFC 7565).',
    section: 'RFC 9493 §3.2.1',
    members: [
      { name: 'uri', label: 'acct: URI', placeholder: 'acct:dana@corp.example', kind: 'text' }
    ],
    example: { format: 'account', uri: 'acct:dana@corp.example' }
  },
  {
    format: 'email',
    title: 'Email',
    description: 'An email address (RFC 5322 addr-spec).',
    section: 'RFC 9493 §3.2.2',
    members: [{ name: 'email', label: 'Email', placeholder: 'dana@corp.example', kind: 'text' }],
    example: { format: 'email', email: 'dana@corp.example' }
  },
  {
    format: 'iss_sub',
    title: 'Issuer and subject',
    description: 'A subject as identified by an issuer, like an ID token’s iss and sub.',
    section: 'RFC 9493 §3.2.3',
    members: [
      { name: 'iss', label: 'Issuer', placeholder: 'https://idp.corp.example/', kind: 'text' },
      { name: 'sub', label: 'Subject', placeholder: 'u-5521', kind: 'text' }
    ],
    example: { format: 'iss_sub', iss: 'https://idp.corp.example/', sub: 'u-5521' }
  },
  {
    format: 'opaque',
    title: 'Opaque',
    description: 'A string with no semantics asserted (UUID, hash, database key).',
    section: 'RFC 9493 §3.2.4',
    members: [{ name: 'id', label: 'Identifier', placeholder: 'sess-7f3c9a', kind: 'text' }],
    example: { format: 'opaque', id: '5bd0b5f2-3c56-4c6e-9a44-0d5d3b0f8e3a' }
  },
  {
    format: 'phone_number',
    title: 'Phone number',
    description: 'A telephone number in E.164 form.',
    section: 'RFC 9493 §3.2.5',
    members: [
      { name: 'phone_number', label: 'Phone number', placeholder: '+14155550123', kind: 'text' }
    ],
    example: { format: 'phone_number', phone_number: '+14155550123' }
  },
  {
    format: 'did',
    title: 'Decentralized identifier',
    description: 'A DID URL (may be a bare DID).',
    section: 'RFC 9493 §3.2.6',
    members: [{ name: 'url', label: 'DID URL', placeholder: 'did:example:alice', kind: 'text' }],
    example: { format: 'did', url: 'did:example:alice#key-1' }
  },
  {
    format: 'uri',
    title: 'URI',
    description: 'Any absolute URI (RFC 3986).',
    section: 'RFC 9493 §3.2.7',
    members: [
      { name: 'uri', label: 'URI', placeholder: 'https://corp.example/users/5521', kind: 'text' }
    ],
    example: { format: 'uri', uri: 'https://corp.example/users/5521' }
  },
  {
    format: 'aliases',
    title: 'Aliases',
    description: 'Several identifiers of the same subject (no nested aliases).',
    section: 'RFC 9493 §3.2.8',
    members: [{ name: 'identifiers', label: 'Identifiers', placeholder: '', kind: 'subject-list' }],
    example: {
      format: 'aliases',
      identifiers: [
        { format: 'email', email: 'dana@corp.example' },
        { format: 'phone_number', phone_number: '+14155550123' }
      ]
    }
  },
  {
    format: 'jwt_id',
    title: 'JWT ID',
    description: 'A JWT identified by its issuer and jti (e.g. an ID token).',
    section: 'SSF 1.0 §3.5',
    members: [
      { name: 'iss', label: 'Issuer', placeholder: 'https://idp.corp.example/', kind: 'text' },
      { name: 'jti', label: 'JWT ID (jti)', placeholder: 'idt-9b8a7c6d', kind: 'text' }
    ],
    example: { format: 'jwt_id', iss: 'https://idp.corp.example/', jti: 'idt-9b8a7c6d' }
  },
  {
    format: 'saml_assertion_id',
    title: 'SAML assertion ID',
    description: 'A SAML 2.0 assertion identified by its Issuer and ID.',
    section: 'SSF 1.0 §3.5',
    members: [
      { name: 'issuer', label: 'Issuer', placeholder: 'https://idp.corp.example/', kind: 'text' },
      { name: 'assertion_id', label: 'Assertion ID', placeholder: '_c0ffee12', kind: 'text' }
    ],
    example: {
      format: 'saml_assertion_id',
      issuer: 'https://idp.corp.example/',
      assertion_id: '_c0ffee12'
    }
  },
  {
    format: 'ip-addresses',
    title: 'IP addresses',
    description: 'IP addresses the Transmitter observed (IPv4 or IPv6 text, RFC 4001).',
    section: 'SSF 1.0 §3.5',
    members: [
      {
        name: 'ip-addresses',
        label: 'IP addresses',
        placeholder: '198.51.100.7',
        kind: 'string-list'
      }
    ],
    example: { format: 'ip-addresses', 'ip-addresses': ['198.51.100.7', '2001:db8::42'] }
  },
  {
    format: 'complex',
    title: 'Complex subject',
    description: `One principal described by several simple identifiers: ${COMPLEX_SUBJECT_MEMBERS.join(', ')}.`,
    section: 'SSF 1.0 §3.3',
    members: COMPLEX_SUBJECT_MEMBERS.map((name) => ({
      name,
      label: name.replace('_', ' '),
      placeholder: '',
      kind: 'subject' as const
    })),
    example: {
      format: 'complex',
      user: { format: 'iss_sub', iss: 'https://idp.corp.example/', sub: 'u-5521' },
      device: { format: 'opaque', id: 'dev-88f1' },
      tenant: { format: 'opaque', id: 'corp-tenant-1' }
    }
  }
]

/** Every simple `format` this module knows, RFC 9493 and SSF-defined (aliases excluded). */
export const SIMPLE_SUBJECT_FORMATS: readonly string[] = [...Object.keys(RULES), 'ip-addresses']

/** Every `format` the Transmitter knows without a declaration (legacy names included, A2). */
export const KNOWN_SUBJECT_FORMATS: readonly string[] = [
  ...SIMPLE_SUBJECT_FORMATS,
  'aliases',
  'complex',
  ...Object.keys(LEGACY_FORMATS)
]

/**
 * Formats in a subject (top level, aliases' identifiers, complex members) that are neither
 * known nor in `declared` (private formats the user declared). A typo such as `"emial"` would
 * otherwise be stored and never match anything.
 */
export function unknownSubjectFormats(value: unknown, declared: readonly string[]): string[] {
  const out = new Set<string>()
  const visit = (v: unknown, depth: number): void => {
    if (!isObject(v) || depth > 2) return
    const format = v.format
    if (typeof format !== 'string') return
    if (format === 'aliases' && Array.isArray(v.identifiers)) {
      for (const id of v.identifiers) visit(id, depth + 1)
    } else if (format === 'complex') {
      // The format member itself is a string, which visit skips.
      for (const member of Object.values(v)) visit(member, depth + 1)
    } else if (!KNOWN_SUBJECT_FORMATS.includes(format) && !declared.includes(format)) {
      out.add(format)
    }
  }
  visit(value, 0)
  return [...out]
}

/** Builders for every format: `buildSubject.email('a@b.c')`. Values are not validated. */
export const buildSubject = {
  account: (uri: string): SubjectIdentifier => ({ format: 'account', uri }),
  email: (email: string): SubjectIdentifier => ({ format: 'email', email }),
  issSub: (iss: string, sub: string): SubjectIdentifier => ({ format: 'iss_sub', iss, sub }),
  opaque: (id: string): SubjectIdentifier => ({ format: 'opaque', id }),
  phoneNumber: (phone_number: string): SubjectIdentifier => ({
    format: 'phone_number',
    phone_number
  }),
  did: (url: string): SubjectIdentifier => ({ format: 'did', url }),
  uri: (uri: string): SubjectIdentifier => ({ format: 'uri', uri }),
  aliases: (identifiers: SubjectIdentifier[]): SubjectIdentifier => ({
    format: 'aliases',
    identifiers
  }),
  jwtId: (iss: string, jti: string): SubjectIdentifier => ({ format: 'jwt_id', iss, jti }),
  samlAssertionId: (issuer: string, assertion_id: string): SubjectIdentifier => ({
    format: 'saml_assertion_id',
    issuer,
    assertion_id
  }),
  ipAddresses: (addresses: string[]): SubjectIdentifier => ({
    format: 'ip-addresses',
    'ip-addresses': addresses
  }),
  complex: (
    members: Partial<Record<(typeof COMPLEX_SUBJECT_MEMBERS)[number], SubjectIdentifier>> &
      Record<string, SubjectIdentifier>
  ): SubjectIdentifier => ({ format: 'complex', ...members })
}

const err = (path: string, rule: string, message: string): SubjectIssue => ({
  path,
  rule,
  message,
  severity: 'error'
})
const warn = (path: string, rule: string, message: string): SubjectIssue => ({
  path,
  rule,
  message,
  severity: 'warning'
})

function checkMember(
  id: Record<string, unknown>,
  m: MemberCheck,
  path: string,
  format: string,
  section: string
): SubjectIssue[] {
  const value = id[m.name]
  const at = `${path}.${m.name}`
  if (value === undefined || value === null)
    return [
      err(at, `${section} ${m.name} REQUIRED`, `"${m.name}" is required for format "${format}"`)
    ]
  if (typeof value !== 'string' || value.length === 0)
    return [
      err(at, `RFC 9493 §3 member values non-empty`, `"${m.name}" must be a non-empty string`)
    ]
  const ok = m.pattern ? m.pattern.test(value) : m.test ? m.test(value) : true
  return ok ? [] : [err(at, `${section} ${m.name} syntax`, `"${m.name}" must be ${m.hint}`)]
}

function extraMembers(
  id: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  format: string
): SubjectIssue[] {
  return Object.keys(id)
    .filter((k) => k !== 'format' && !allowed.includes(k))
    .map((k) =>
      warn(
        `${path}.${k}`,
        'RFC 9493 §3 no undefined members',
        `"${k}" is not a member of format "${format}"`
      )
    )
}

function lintSimple(
  value: unknown,
  path: string,
  nested: 'top' | 'aliases' | 'complex'
): SubjectIssue[] {
  if (!isObject(value))
    return [err(path, 'RFC 9493 §3 subject identifier', 'must be a subject identifier object')]
  const format = value.format
  if (format === undefined && typeof value.subject_type === 'string')
    return [
      err(
        `${path}.format`,
        'RISC 1.0 §3 subject_type deprecated',
        '"format" is required; "subject_type" is the deprecated Google RISC name for it'
      )
    ]
  if (typeof format !== 'string' || format.length === 0)
    return [
      err(
        `${path}.format`,
        'RFC 9493 §3 format REQUIRED',
        '"format" is required and must be a non-empty string'
      )
    ]
  if (format === 'aliases') {
    if (nested !== 'top' && nested !== 'complex')
      return [
        err(
          `${path}.format`,
          'RFC 9493 §3.2.8 no nested aliases',
          'aliases must not be nested in aliases'
        )
      ]
    const out: SubjectIssue[] =
      nested === 'complex'
        ? [
            warn(
              `${path}.format`,
              'SSF 1.0 §3.3 simple members',
              'complex members should be simple identifiers, not aliases'
            )
          ]
        : []
    const ids = value.identifiers
    if (!Array.isArray(ids) || ids.length === 0)
      return [
        ...out,
        err(
          `${path}.identifiers`,
          'RFC 9493 §3.2.8 identifiers REQUIRED',
          '"identifiers" must be a non-empty array of subject identifiers'
        )
      ]
    const seen = new Set<string>()
    ids.forEach((id, i) => {
      const key = canonicalSubject(id)
      if (seen.has(key))
        out.push(
          warn(
            `${path}.identifiers[${i}]`,
            'RFC 9493 §3.2.8 no duplicates',
            'duplicate identifier in aliases'
          )
        )
      seen.add(key)
    })
    return [
      ...out,
      ...ids.flatMap((id, i) => lintSimple(id, `${path}.identifiers[${i}]`, 'aliases')),
      ...extraMembers(value, ['identifiers'], path, format)
    ]
  }
  if (format === 'complex')
    return [
      err(`${path}.format`, 'SSF 1.0 §3.3 no nested complex', 'complex subjects must not be nested')
    ]
  if (format === 'ip-addresses') {
    const list = value['ip-addresses']
    if (!Array.isArray(list) || list.length === 0)
      return [
        err(
          `${path}.ip-addresses`,
          'SSF 1.0 §3.5 ip-addresses REQUIRED',
          '"ip-addresses" must be a non-empty array of IP address strings'
        )
      ]
    return [
      ...list.flatMap((ip, i) =>
        typeof ip === 'string' && isIpAddress(ip)
          ? []
          : [
              err(
                `${path}.ip-addresses[${i}]`,
                'SSF 1.0 §3.5 ip-addresses syntax',
                'must be an IPv4 or IPv6 address string (RFC 4001)'
              )
            ]
      ),
      ...extraMembers(value, ['ip-addresses'], path, format)
    ]
  }
  const legacy = LEGACY_FORMATS[format]
  if (legacy !== undefined) {
    // A2: accept legacy names leniently, flagged. `phone` carried `phone` or `phone_number`.
    const note = warn(
      `${path}.format`,
      `RFC 9493 §3 legacy format "${format}"`,
      `"${format}" is a legacy format name; use "${legacy}"`
    )
    if (format === 'phone') {
      const member = value.phone_number !== undefined ? 'phone_number' : 'phone'
      return [
        note,
        ...checkMember(
          value,
          { name: member, pattern: E164, hint: 'in E.164 form (e.g. +14155550123, no spaces)' },
          path,
          format,
          'RFC 9493 §3.2.5'
        )
      ]
    }
    const rule = RULES[legacy]
    return rule
      ? [note, ...rule.members.flatMap((m) => checkMember(value, m, path, format, rule.section))]
      : [note]
  }
  const rule = RULES[format]
  if (!rule)
    // Proprietary formats agreed between the parties are allowed (SSF 1.0 §3.2); only flag them.
    return [
      warn(
        `${path}.format`,
        'SSF 1.0 §3.2 proprietary format',
        `"${format}" is not a registered or SSF-defined format`
      )
    ]
  return [
    ...rule.members.flatMap((m) => checkMember(value, m, path, format, rule.section)),
    ...extraMembers(
      value,
      rule.members.map((m) => m.name),
      path,
      format
    )
  ]
}

/**
 * Every finding about a subject member (simple, aliases or complex): errors and warnings.
 * Warnings: legacy format names (A2), proprietary formats, undefined members, unknown complex
 * member names.
 * @see RFC 9493 §3, SSF 1.0 §3.2–§3.5
 */
export function lintSubject(value: unknown, path = 'subject'): SubjectIssue[] {
  if (!isObject(value) || value.format !== 'complex') return lintSimple(value, path, 'top')
  const members = Object.entries(value).filter(([k]) => k !== 'format')
  if (members.length === 0)
    return [
      err(
        path,
        'SSF 1.0 §3.3 at least one member',
        'a complex subject needs at least one member (user, device, ...)'
      )
    ]
  const known: readonly string[] = COMPLEX_SUBJECT_MEMBERS
  return members.flatMap(([name, member]) => [
    ...(known.includes(name)
      ? []
      : [
          warn(
            `${path}.${name}`,
            'SSF 1.0 §3.3 member names',
            `"${name}" is not an SSF-defined complex member (${COMPLEX_SUBJECT_MEMBERS.join(', ')})`
          )
        ]),
    ...lintSimple(member, `${path}.${name}`, 'complex')
  ])
}

/**
 * Validate a subject member (simple, aliases or complex). Returns the errors found; an empty
 * list means valid. Legacy names such as `phone` are accepted (see {@link lintSubject} for the
 * warnings).
 * @see RFC 9493 §3, SSF 1.0 §3.2–§3.5
 */
export function validateSubject(value: unknown, path = 'subject'): SubjectIssue[] {
  return lintSubject(value, path).filter((i) => i.severity === 'error')
}

/** Type guard over {@link validateSubject}. */
export function isSubject(value: unknown): value is SubjectIdentifier {
  return validateSubject(value).length === 0
}

/** Canonical JSON (sorted keys): equal subjects give equal strings. Used as a storage key. */
export function canonicalSubject(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (isObject(value))
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])])
    )
  return value
}

/**
 * SSF subject matching: simple subjects match when identical; complex subjects match when every
 * member is absent on one side or identical on both. @see SSF 1.0 §8.1.3.1
 */
export function matchSubject(a: SubjectIdentifier, b: SubjectIdentifier): boolean {
  if (a.format === 'complex' && b.format === 'complex') {
    const names = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => k !== 'format'))
    let shared = 0
    for (const name of names) {
      if (a[name] === undefined || b[name] === undefined) continue
      if (canonicalSubject(a[name]) !== canonicalSubject(b[name])) return false
      shared++
    }
    return shared > 0
  }
  if (a.format === 'complex' || b.format === 'complex') {
    // A simple subject matches a complex one that carries it as a member.
    const [complex, simple] = a.format === 'complex' ? [a, b] : [b, a]
    const key = canonicalSubject(simple)
    // The format member is a string, never equal to a subject (an object).
    return Object.values(complex).some((v) => canonicalSubject(v) === key)
  }
  return canonicalSubject(a) === canonicalSubject(b)
}
