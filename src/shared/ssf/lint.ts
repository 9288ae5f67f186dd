/**
 * The SET linter: given a decoded SET (JOSE header and payload), every finding — errors and
 * warnings — each citing the rule it comes from. Used by the Receiver's inbox and the UI's SET
 * inspector; pure (verification of the signature is the verifier's job).
 * @see RFC 8417 §2, SSF 1.0 §3–§4, CAEP 1.0, RISC 1.0, RFC 9493
 * @module
 */
import { listEventTypes } from './catalog/index'
import type { CustomEventType, Finding } from './catalog/types'
import { checkEventSubject, checkPayload, checkSecondsTimestamp } from './catalog/validate'
import { joinPath } from './catalog/path'
import { SET_TYP } from './constants'
import { CAEP_EVENT_TYPES, SSF_EVENT_TYPES } from './event-types'

/** Options of {@link lintSet}. */
export interface LintOptions {
  /** Expected `iss` (the stream's issuer); compared byte-for-byte (A20). */
  issuer?: string
  /** Expected audience: `aud` must be or contain it. */
  audience?: string
  /** Current time in **seconds**, for "not in the future" checks. */
  now?: number
  skewSeconds?: number
  customTypes?: readonly CustomEventType[]
  /** The stream's `events_delivered`: other types are flagged (A24; SSF events exempt). */
  eventsDelivered?: readonly string[]
  /** Strict mode: more than one event in `events` is an error rather than a warning (A23). */
  strict?: boolean
  /**
   * Also apply the CAEP Interoperability Profile 1.0 (draft): RS256, `email`/`iss_sub` subjects
   * (`opaque` for verification), non-empty `reason_admin` for session-revoked and credential-change.
   */
  interop?: boolean
}

const INTEROP = 'CAEP Interop 1.0'
const INTEROP_REASON_ADMIN: readonly string[] = [
  CAEP_EVENT_TYPES['session-revoked'],
  CAEP_EVENT_TYPES['credential-change']
]

function lintInterop(header: unknown, payload: Record<string, unknown>, uris: string[]): Finding[] {
  const out: Finding[] = []
  if (isObject(header) && typeof header.alg === 'string' && header.alg !== 'RS256')
    out.push(
      error(
        'header.alg',
        `${INTEROP} RS256`,
        `"alg" must be RS256 under the interop profile, got "${header.alg}"`
      )
    )
  const ssfOnly = uris.every((u) => Object.values<string>(SSF_EVENT_TYPES).includes(u))
  const format = isObject(payload.sub_id) ? payload.sub_id.format : undefined
  const allowed = ssfOnly ? ['opaque'] : ['email', 'iss_sub']
  if (typeof format === 'string' && !allowed.includes(format))
    out.push(
      warning(
        'sub_id.format',
        `${INTEROP} subject formats`,
        `interop Receivers are only required to understand ${allowed.join(' and ')} subjects here, got "${format}"`
      )
    )
  const events = isObject(payload.events) ? payload.events : {}
  for (const uri of uris.filter((u) => INTEROP_REASON_ADMIN.includes(u))) {
    const event = events[uri]
    // A payload that is not an object is already an error of its own (catalog validation).
    if (!isObject(event)) continue
    const reason = event.reason_admin
    if (!isObject(reason) || Object.keys(reason).length === 0)
      out.push(
        error(
          joinPath(joinPath('events', uri), 'reason_admin'),
          `${INTEROP} reason_admin MUST`,
          '"reason_admin" must be populated under the interop profile'
        )
      )
  }
  return out
}

/** A decoded SET. */
export interface SetParts {
  header: unknown
  payload: unknown
}

/** Legacy event-type URIs a simulator recognises (pre-1.0 drafts, Google RISC). */
export const LEGACY_EVENT_TYPES: Readonly<Record<string, string>> = {
  'https://schemas.openid.net/secevent/sse/event-type/verification': SSF_EVENT_TYPES.verification,
  'https://schemas.openid.net/secevent/risc/event-type/verification': SSF_EVENT_TYPES.verification,
  'https://schemas.openid.net/secevent/sse/event-type/stream-updated':
    SSF_EVENT_TYPES['stream-updated']
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const error = (path: string, rule: string, message: string): Finding => ({
  path,
  rule,
  message,
  severity: 'error'
})
const warning = (path: string, rule: string, message: string): Finding => ({
  path,
  rule,
  message,
  severity: 'warning'
})

function lintHeader(header: unknown): Finding[] {
  if (!isObject(header))
    return [error('header', 'RFC 7515 §4 JOSE header', 'the JOSE header must be a JSON object')]
  const out: Finding[] = []
  const typ = header.typ
  if (typ === undefined)
    out.push(
      error(
        'header.typ',
        'SSF 1.0 §4 typ REQUIRED (RFC 8417 §2.3)',
        `"typ" must be "${SET_TYP}" (explicit typing is required)`
      )
    )
  else if (typeof typ === 'string' && typ.toLowerCase() === `application/${SET_TYP}`)
    out.push(
      warning(
        'header.typ',
        'RFC 8417 §2.3 typ omits application/',
        `"typ" should be "${SET_TYP}" without the "application/" prefix`
      )
    )
  else if (typ !== SET_TYP)
    out.push(
      error(
        'header.typ',
        'SSF 1.0 §4 typ secevent+jwt (RFC 8417 §2.3)',
        `"typ" must be "${SET_TYP}", got ${JSON.stringify(typ)}`
      )
    )
  const alg = header.alg
  if (typeof alg !== 'string' || alg.length === 0)
    out.push(error('header.alg', 'RFC 7515 §4.1.1 alg REQUIRED', '"alg" is required'))
  else if (alg.toLowerCase() === 'none')
    out.push(
      error(
        'header.alg',
        'SSF 1.0 §4 signed SETs',
        '"alg": "none" — SETs must be signed with a key from jwks_uri'
      )
    )
  else if (/^HS/i.test(alg))
    out.push(
      warning(
        'header.alg',
        'SSF 1.0 §4 keys from jwks_uri',
        `"${alg}" is symmetric: a Receiver cannot verify it with keys from jwks_uri`
      )
    )
  if (header.kid === undefined)
    out.push(
      warning(
        'header.kid',
        'RFC 7515 §4.1.4 kid',
        '"kid" is missing: the Receiver must guess the key in jwks_uri'
      )
    )
  else if (typeof header.kid !== 'string' || header.kid.length === 0)
    out.push(error('header.kid', 'RFC 7515 §4.1.4 kid', '"kid" must be a non-empty string'))
  return out
}

function requireString(payload: Record<string, unknown>, claim: string, rule: string): Finding[] {
  const v = payload[claim]
  if (v === undefined) return [error(claim, `${rule} ${claim} REQUIRED`, `"${claim}" is required`)]
  if (typeof v !== 'string' || v.length === 0)
    return [error(claim, `${rule} ${claim} type`, `"${claim}" must be a non-empty string`)]
  return []
}

function lintAudience(aud: unknown, expected: string | undefined): Finding[] {
  if (aud === undefined)
    return [
      error('aud', 'SSF 1.0 §4 aud REQUIRED', '"aud" is required: it identifies the Receiver')
    ]
  const list = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : undefined
  if (!list || list.length === 0 || !list.every((a) => typeof a === 'string' && a.length > 0))
    return [
      error(
        'aud',
        'RFC 7519 §4.1.3 aud type',
        '"aud" must be a string or a non-empty array of strings'
      )
    ]
  if (expected !== undefined && !list.includes(expected))
    return [
      error(
        'aud',
        'SSF 1.0 §4 aud identifies the Receiver',
        `"aud" does not contain the expected audience "${expected}"`
      )
    ]
  return []
}

/**
 * Lint a decoded SET. Errors break a spec MUST; warnings flag SHOULDs, legacy forms and
 * unknown event types.
 * @see RFC 8417 §2, SSF 1.0 §4
 */
export function lintSet(set: SetParts, options: LintOptions = {}): Finding[] {
  const out = lintHeader(set.header)
  const payload = set.payload
  if (!isObject(payload))
    return [
      ...out,
      error('payload', 'RFC 7519 §7.2 claims set', 'the SET payload must be a JSON object')
    ]

  out.push(...requireString(payload, 'iss', 'RFC 8417 §2.2'))
  if (
    options.issuer !== undefined &&
    typeof payload.iss === 'string' &&
    payload.iss !== options.issuer
  )
    out.push(
      error(
        'iss',
        'SSF 1.0 §4 iss equals the stream issuer',
        `"iss" is "${payload.iss}", expected "${options.issuer}" (compared byte-for-byte)`
      )
    )
  if (payload.iat === undefined)
    out.push(error('iat', 'RFC 8417 §2.2 iat REQUIRED', '"iat" is required'))
  else out.push(...checkSecondsTimestamp(payload.iat, 'iat', 'RFC 8417 §2.2 iat', options))
  out.push(...requireString(payload, 'jti', 'RFC 8417 §2.2'))
  out.push(...lintAudience(payload.aud, options.audience))
  if (payload.sub !== undefined)
    out.push(
      error(
        'sub',
        'SSF 1.0 §4 sub MUST NOT',
        '"sub" must not be present in an SSF SET: use "sub_id"'
      )
    )
  if (payload.exp !== undefined)
    out.push(
      error(
        'exp',
        'SSF 1.0 §4 exp MUST NOT',
        '"exp" must not be present in an SSF SET (prevents confusion with ID tokens)'
      )
    )
  if (payload.toe !== undefined)
    out.push(...checkSecondsTimestamp(payload.toe, 'toe', 'RFC 8417 §2.2 toe', options))
  if (payload.txn !== undefined && typeof payload.txn !== 'string')
    out.push(error('txn', 'SSF 1.0 §4 txn string', '"txn" must be a string'))

  const events = payload.events
  if (events === undefined)
    return [...out, error('events', 'RFC 8417 §2.2 events REQUIRED', '"events" is required')]
  if (!isObject(events))
    return [
      ...out,
      error(
        'events',
        'RFC 8417 §2.2 events object',
        '"events" must be a JSON object keyed by event-type URI'
      )
    ]
  const uris = Object.keys(events)
  if (uris.length === 0)
    out.push(error('events', 'SSF 1.0 §4 exactly one event', '"events" contains no event'))
  else if (uris.length > 1) {
    const msg = `"events" contains ${uris.length} events; an SSF SET carries exactly one`
    out.push(
      options.strict
        ? error('events', 'CAEP Interop 1.0 events exactly one', msg)
        : warning('events', 'SSF 1.0 §4 events SHOULD contain one', msg)
    )
  }

  const ssfOnly =
    uris.length > 0 && uris.every((u) => Object.values<string>(SSF_EVENT_TYPES).includes(u))
  if (payload.txn === undefined && uris.length > 0 && !ssfOnly)
    out.push(
      warning(
        'txn',
        'SSF 1.0 §4 txn SHOULD',
        '"txn" should be set to correlate SETs that share a cause'
      )
    )

  const catalog = listEventTypes(options.customTypes)
  const first = catalog.find((e) => e.uri === uris[0])
  if (payload.sub_id === undefined) {
    const legacy = uris.some((u) => isObject(events[u]) && events[u].subject !== undefined)
    out.push(
      error(
        'sub_id',
        'SSF 1.0 §3 sub_id REQUIRED',
        legacy
          ? '"sub_id" is required; a "subject" inside the event payload is the pre-SSF legacy form'
          : '"sub_id" is required'
      )
    )
  } else out.push(...checkEventSubject(first, payload.sub_id, 'sub_id'))

  for (const uri of uris) {
    const base = joinPath('events', uri)
    const value = events[uri]
    const entry = catalog.find((e) => e.uri === uri)
    if (!entry) {
      const modern = LEGACY_EVENT_TYPES[uri]
      out.push(
        warning(
          base,
          'SSF 1.0 §4 unknown event types',
          modern
            ? `legacy event type; SSF 1.0 uses ${modern}`
            : `unknown event type "${uri}" (not in the catalog or the custom types)`
        )
      )
      if (!isObject(value))
        out.push(
          error(
            base,
            'RFC 8417 §2.2 event payload is a JSON object',
            'the event payload must be a JSON object'
          )
        )
      continue
    }
    if (entry.deprecated)
      out.push(
        warning(
          base,
          `${entry.section} deprecated`,
          `${entry.title} is deprecated${entry.replacedBy ? `; use ${entry.replacedBy}` : ''}`
        )
      )
    if (
      options.eventsDelivered &&
      entry.profile !== 'ssf' &&
      !options.eventsDelivered.includes(uri)
    )
      out.push(
        warning(
          base,
          'SSF 1.0 §8.1.1 events_delivered',
          "this event type is not in the stream's events_delivered"
        )
      )
    out.push(...checkPayload(entry, value, base, options))
  }
  if (options.interop) out.push(...lintInterop(set.header, payload, uris))
  return out
}

/** Summary of findings: `invalid` with any error, `warnings` with only warnings, else `valid`. */
export function lintVerdict(findings: readonly Finding[]): 'valid' | 'warnings' | 'invalid' {
  if (findings.some((f) => f.severity === 'error')) return 'invalid'
  return findings.length > 0 ? 'warnings' : 'valid'
}
