/**
 * Subject identifiers: RFC 9493 formats, the SSF-defined formats and the SSF complex subject,
 * with validation that names the member at fault, and SSF subject matching.
 * @see RFC 9493 §3, SSF 1.0 §3
 * @module
 */

/** A subject identifier: an object with a `format` member. @see RFC 9493 §3 */
export interface SubjectIdentifier {
  format: string
  [member: string]: unknown
}

/** One validation finding: where (`path`) and what rule was broken. */
export interface SubjectIssue {
  path: string
  message: string
}

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

type SimpleFormatRule = (id: Record<string, unknown>, path: string) => SubjectIssue[]

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

// E.164: a plus sign and 2-15 digits, no spaces. @see RFC 9493 §3.2.5
const E164 = /^\+[1-9]\d{1,14}$/
// Pragmatic addr-spec check: local@domain, no spaces. @see RFC 9493 §3.2.2
const EMAIL = /^[^\s@]+@[^\s@]+$/
const URI_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const HEXTET = /^[0-9A-Fa-f]{1,4}$/

/** RFC 4001 textual IPv4 (dotted quad) or IPv6 (RFC 4291 §2.2, incl. `::` and a trailing IPv4). */
function isIpAddress(text: string): boolean {
  if (IPV4.test(text)) return true
  const halves = text.split('::')
  if (halves.length > 2) return false
  const groups = (part: string) => (part === '' ? [] : part.split(':'))
  const all = [...groups(halves[0] ?? ''), ...groups(halves[1] ?? '')]
  const last = all[all.length - 1]
  const v4Tail = last !== undefined && IPV4.test(last)
  const hextets = v4Tail ? all.slice(0, -1) : all
  if (!hextets.every((g) => HEXTET.test(g))) return false
  const width = hextets.length + (v4Tail ? 2 : 0)
  return halves.length === 2 ? width < 8 : width === 8
}

function requireString(id: Record<string, unknown>, member: string, path: string): SubjectIssue[] {
  const value = id[member]
  if (value === undefined)
    return [{ path: `${path}.${member}`, message: `"${member}" is required` }]
  if (typeof value !== 'string' || value.length === 0)
    return [{ path: `${path}.${member}`, message: `"${member}" must be a non-empty string` }]
  return []
}

function requireMatch(
  id: Record<string, unknown>,
  member: string,
  path: string,
  pattern: RegExp,
  rule: string
): SubjectIssue[] {
  const issues = requireString(id, member, path)
  if (issues.length > 0) return issues
  return pattern.test(id[member] as string) ? [] : [{ path: `${path}.${member}`, message: rule }]
}

const SIMPLE_FORMATS: Record<string, SimpleFormatRule> = {
  account: (id, p) =>
    requireMatch(
      id,
      'uri',
      p,
      /^acct:[^\s@]+@[^\s@]+$/,
      '"uri" must be an acct: URI (acct:user@host)'
    ),
  email: (id, p) => requireMatch(id, 'email', p, EMAIL, '"email" must be an email address'),
  iss_sub: (id, p) => [...requireString(id, 'iss', p), ...requireString(id, 'sub', p)],
  opaque: (id, p) => requireString(id, 'id', p),
  phone_number: (id, p) =>
    requireMatch(
      id,
      'phone_number',
      p,
      E164,
      '"phone_number" must be in E.164 form (e.g. +14155550123, no spaces)'
    ),
  did: (id, p) =>
    requireMatch(id, 'url', p, /^did:[a-z0-9]+:\S+$/, '"url" must be a DID URL (did:method:id)'),
  uri: (id, p) => requireMatch(id, 'uri', p, URI_SCHEME, '"uri" must be an absolute URI'),
  jwt_id: (id, p) => [...requireString(id, 'iss', p), ...requireString(id, 'jti', p)],
  saml_assertion_id: (id, p) => [
    ...requireString(id, 'issuer', p),
    ...requireString(id, 'assertion_id', p)
  ],
  'ip-addresses': (id, p) => {
    const list = id['ip-addresses']
    if (!Array.isArray(list) || list.length === 0)
      return [
        {
          path: `${p}.ip-addresses`,
          message: '"ip-addresses" must be a non-empty array of IP address strings'
        }
      ]
    return list.flatMap((ip, i) =>
      typeof ip === 'string' && isIpAddress(ip)
        ? []
        : [{ path: `${p}.ip-addresses[${i}]`, message: 'must be an IPv4 or IPv6 address string' }]
    )
  }
}

/** Every simple `format` this module knows, RFC 9493 and SSF-defined (aliases excluded). */
export const SIMPLE_SUBJECT_FORMATS = Object.keys(SIMPLE_FORMATS)

function validateSimple(value: unknown, path: string, allowAliases: boolean): SubjectIssue[] {
  if (!isObject(value)) return [{ path, message: 'must be a subject identifier object' }]
  const format = value.format
  if (typeof format !== 'string' || format.length === 0)
    return [{ path: `${path}.format`, message: '"format" is required and must be a string' }]
  if (format === 'aliases') {
    if (!allowAliases) return [{ path: `${path}.format`, message: 'aliases must not be nested' }]
    const ids = value.identifiers
    if (!Array.isArray(ids) || ids.length === 0)
      return [{ path: `${path}.identifiers`, message: '"identifiers" must be a non-empty array' }]
    return ids.flatMap((id, i) => validateSimple(id, `${path}.identifiers[${i}]`, false))
  }
  if (format === 'complex')
    return [{ path: `${path}.format`, message: 'complex subjects must not be nested' }]
  const rule = SIMPLE_FORMATS[format]
  // Proprietary formats agreed between the parties are allowed (SSF 1.0 §3.2); only shape-check them.
  return rule ? rule(value, path) : []
}

/**
 * Validate a subject member (simple, aliases or complex). Returns every issue found; an empty
 * list means valid.
 * @see RFC 9493 §3, SSF 1.0 §3.2–§3.5
 */
export function validateSubject(value: unknown, path = 'subject'): SubjectIssue[] {
  if (!isObject(value)) return [{ path, message: 'must be a subject identifier object' }]
  if (value.format !== 'complex') return validateSimple(value, path, true)
  const members = Object.entries(value).filter(([k]) => k !== 'format')
  if (members.length === 0)
    return [{ path, message: 'a complex subject needs at least one member (user, device, ...)' }]
  return members.flatMap(([name, member]) => validateSimple(member, `${path}.${name}`, true))
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
    return Object.entries(complex).some(([k, v]) => k !== 'format' && canonicalSubject(v) === key)
  }
  return canonicalSubject(a) === canonicalSubject(b)
}
