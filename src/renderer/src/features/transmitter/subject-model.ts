/**
 * Form model of subject identifiers: which fields each RFC 9493 / SSF format has, building the
 * wire object from field values, and a one-line summary for tables.
 * @see RFC 9493 §3, SSF 1.0 §3
 * @module
 */
import type { SubjectIdentifier } from '../../../../shared/ssf'

/** One text field of a simple format. */
export interface FormatField {
  member: string
  label: string
  placeholder: string
}

/** Simple formats the forms offer, with their members. */
export const SIMPLE_FORMAT_FIELDS: Record<string, { label: string; fields: FormatField[] }> = {
  email: {
    label: 'Email',
    fields: [{ member: 'email', label: 'Email address', placeholder: 'alice@example.com' }]
  },
  phone_number: {
    label: 'Phone number',
    fields: [{ member: 'phone_number', label: 'Phone number (E.164)', placeholder: '+14155550123' }]
  },
  iss_sub: {
    label: 'Issuer and subject',
    fields: [
      { member: 'iss', label: 'Issuer (iss)', placeholder: 'https://idp.example.com' },
      { member: 'sub', label: 'Subject (sub)', placeholder: '248289761001' }
    ]
  },
  opaque: {
    label: 'Opaque',
    fields: [{ member: 'id', label: 'Identifier', placeholder: '11112222333344445555' }]
  },
  account: {
    label: 'Account',
    fields: [{ member: 'uri', label: 'Account URI', placeholder: 'acct:alice@example.com' }]
  },
  did: {
    label: 'DID',
    fields: [{ member: 'url', label: 'DID URL', placeholder: 'did:example:123456' }]
  },
  uri: {
    label: 'URI',
    fields: [{ member: 'uri', label: 'URI', placeholder: 'https://example.com/users/alice' }]
  }
}

/** Formats offered at the top level: the simple ones plus aliases and complex. */
export const TOP_LEVEL_FORMATS = [...Object.keys(SIMPLE_FORMAT_FIELDS), 'aliases', 'complex']

/** Labels of complex-subject members. @see SSF 1.0 §3.3 */
export const COMPLEX_MEMBER_LABELS: Record<string, string> = {
  user: 'User',
  device: 'Device',
  session: 'Session',
  application: 'Application',
  tenant: 'Tenant',
  org_unit: 'Organizational unit',
  group: 'Group'
}

/** The values of a simple-identifier form. */
export interface SimpleValues {
  format: string
  values: Record<string, string>
}

/** An empty simple identifier of `format`. */
export function emptySimple(format = 'email'): SimpleValues {
  return { format, values: {} }
}

/** Build the wire object of a simple identifier (trimmed values). */
export function buildSimple(v: SimpleValues): SubjectIdentifier {
  const out: SubjectIdentifier = { format: v.format }
  for (const field of SIMPLE_FORMAT_FIELDS[v.format]?.fields ?? [])
    out[field.member] = (v.values[field.member] ?? '').trim()
  return out
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** A readable one-liner for a subject: `email alice@example.com`. */
export function summarizeSubject(subject: SubjectIdentifier): string {
  if (subject.format === 'complex')
    return Object.entries(subject)
      .filter(([k]) => k !== 'format')
      .map(([k, v]) =>
        typeof v === 'object' && v !== null && 'format' in v
          ? `${k}: ${summarizeSubject({ ...v, format: text(v.format) })}`
          : `${k}: ${text(v)}`
      )
      .join(' · ')
  if (subject.format === 'aliases' && Array.isArray(subject.identifiers))
    return subject.identifiers
      .map((id: unknown) =>
        typeof id === 'object' && id !== null && 'format' in id
          ? summarizeSubject({ ...id, format: text(id.format) })
          : text(id)
      )
      .join(' = ')
  return Object.entries(subject)
    .filter(([k]) => k !== 'format')
    .map(([, v]) => text(v))
    .join(' / ')
}

/** The whole subject form: the chosen format and the values of every variant. */
export interface SubjectFormState {
  format: string
  simple: SimpleValues
  aliases: SimpleValues[]
  complex: Record<string, { enabled: boolean; id: SimpleValues }>
}

/** A fresh form (email, one alias row, a user member in complex). */
export function emptySubjectForm(format = 'email'): SubjectFormState {
  return {
    format,
    simple: emptySimple(format === 'aliases' || format === 'complex' ? 'email' : format),
    aliases: [emptySimple('email'), emptySimple('opaque')],
    complex: Object.fromEntries(
      Object.keys(COMPLEX_MEMBER_LABELS).map((m) => [
        m,
        { enabled: m === 'user', id: emptySimple(m === 'user' ? 'email' : 'opaque') }
      ])
    )
  }
}

/** Build the subject identifier the form describes. */
export function buildSubject(state: SubjectFormState): SubjectIdentifier {
  if (state.format === 'aliases')
    return { format: 'aliases', identifiers: state.aliases.map(buildSimple) }
  if (state.format === 'complex') {
    const out: SubjectIdentifier = { format: 'complex' }
    for (const [member, m] of Object.entries(state.complex))
      if (m.enabled) out[member] = buildSimple(m.id)
    return out
  }
  return buildSimple({ ...state.simple, format: state.format })
}

/** Fill a form from an existing subject (e.g. a catalog example); unknown shapes give email. */
export function subjectFormFrom(subject: SubjectIdentifier | undefined): SubjectFormState {
  const form = emptySubjectForm()
  if (!subject) return form
  const simple = (id: unknown): SimpleValues | undefined => {
    if (typeof id !== 'object' || id === null) return undefined
    const format: unknown = Reflect.get(id, 'format')
    if (typeof format !== 'string' || !SIMPLE_FORMAT_FIELDS[format]) return undefined
    const values: Record<string, string> = {}
    for (const f of SIMPLE_FORMAT_FIELDS[format].fields) {
      const v: unknown = Reflect.get(id, f.member)
      if (typeof v === 'string') values[f.member] = v
    }
    return { format, values }
  }
  if (subject.format === 'aliases' && Array.isArray(subject.identifiers)) {
    const ids = subject.identifiers.map(simple).filter((x): x is SimpleValues => x !== undefined)
    if (ids.length > 0) return { ...form, format: 'aliases', aliases: ids }
  }
  if (subject.format === 'complex') {
    const complex = { ...form.complex }
    for (const member of Object.keys(complex)) {
      const id = simple(subject[member])
      complex[member] = id ? { enabled: true, id } : { enabled: false, id: emptySimple('opaque') }
    }
    return { ...form, format: 'complex', complex }
  }
  const s = simple(subject)
  return s ? { ...form, format: s.format, simple: s } : form
}
