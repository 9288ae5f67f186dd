/**
 * Receiver-side SET checks that need no I/O: header (typ, alg allow-list), claims (iss, aud,
 * events, jti, iat) and SSF rules (verification state, sub_id of verification, events_delivered).
 * Signature verification happens in main (jose); these run before and after it.
 * @see RFC 8417 §2.3, RFC 8935 §2.2, SSF 1.0 §8.1.4, interop notes A20–A25
 * @module
 */
import {
  EVENT_TYPE_STREAM_UPDATED,
  EVENT_TYPE_VERIFICATION,
  SET_MEDIA_TYPE,
  SET_TYP
} from '../constants'
import type { Finding, SetRejection } from './findings'

/** Signature algorithms the Receiver accepts; `none` and HMAC are refused. @see RFC 8725 §3.1 */
export const ALLOWED_SET_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA'
] as const

/** Outcome of a pure check: findings, and a rejection when the SET must be refused. */
export interface CheckOutcome {
  rejection?: SetRejection
  findings: Finding[]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Finding path of the push media-type check. */
export const PUSH_CONTENT_TYPE_PATH = 'request.headers.content-type'

/**
 * Check the media type of a push request. A missing or odd type is accepted with a warning
 * (some Transmitters do not set it; Keycloak note in interop-notes §3). @see RFC 8935 §2
 */
export function checkPushContentType(contentType: string | undefined): Finding[] {
  const base = contentType?.split(';')[0]?.trim().toLowerCase()
  if (base === SET_MEDIA_TYPE) return []
  return [
    {
      severity: 'warning',
      rule: 'RFC 8935 §2',
      path: PUSH_CONTENT_TYPE_PATH,
      message:
        base === undefined || base === ''
          ? `the push request has no Content-Type; it MUST be ${SET_MEDIA_TYPE}`
          : `the push request's Content-Type is "${base}"; it MUST be ${SET_MEDIA_TYPE}`
    }
  ]
}

/** Check the JOSE header: `alg` allow-list (never `none`), `typ`, presence of `kid`. */
export function checkSetHeader(header: unknown): CheckOutcome {
  const findings: Finding[] = []
  if (!isRecord(header))
    return {
      rejection: { code: 'invalid_request', description: 'the JWS header is not a JSON object' },
      findings
    }
  const alg = header.alg
  if (typeof alg !== 'string')
    return {
      rejection: { code: 'invalid_request', description: 'the JWS header has no "alg"' },
      findings
    }
  if (alg.toLowerCase() === 'none')
    return {
      rejection: {
        code: 'invalid_request',
        description: 'unsigned SETs ("alg": "none") are refused'
      },
      findings
    }
  if (!(ALLOWED_SET_ALGS as readonly string[]).includes(alg))
    return {
      rejection: {
        code: 'invalid_request',
        description: `"alg" ${alg} is not accepted (allowed: ${ALLOWED_SET_ALGS.join(', ')})`
      },
      findings
    }
  const typ = header.typ
  if (typeof typ !== 'string')
    return {
      rejection: {
        code: 'invalid_request',
        description: `the JWS header has no "typ"; a SET must be explicitly typed "${SET_TYP}"`
      },
      findings
    }
  const normalized = typ.toLowerCase()
  if (normalized === `application/${SET_TYP}`)
    findings.push({
      severity: 'warning',
      rule: 'RFC 8417 §2.3',
      path: 'header.typ',
      message: `"typ" is "${typ}"; the short form "${SET_TYP}" is recommended`
    })
  else if (normalized !== SET_TYP)
    return {
      rejection: {
        code: 'invalid_request',
        description: `"typ" is "${typ}", not "${SET_TYP}" (this is not a SET)`
      },
      findings
    }
  if (typeof header.kid !== 'string')
    findings.push({
      severity: 'warning',
      rule: 'SSF 1.0 §10.1',
      path: 'header.kid',
      message: 'the JWS header has no "kid"; every key in the JWKS had to be tried'
    })
  return { findings }
}

/** What the Receiver expects of a SET from one Transmitter. */
export interface SetExpectations {
  /** The Transmitter's issuer, compared byte for byte (interop note A20). */
  issuer: string
  /** Our audience value; `aud` must be it or contain it. */
  audience: string
  /** Other `aud` values accepted (learned from scratch stream configurations). */
  extraAudiences?: readonly string[]
  /** Reject SETs carrying more than one event (interop note A23, strict mode). */
  strict: boolean
  /** Stream ids we hold on the Transmitter, when known (verification `sub_id`, A22). */
  streamIds?: readonly string[]
  /** Reject a verification SET whose `sub_id` is not our stream (interop note A22). */
  rejectForeignVerificationSubject: boolean
  /** `events_delivered` of the stream, when known (interop note A24). */
  eventsDelivered?: readonly string[]
  /**
   * State of the last verification we requested: `undefined` = none outstanding, `null` =
   * requested without a state.
   */
  expectedState?: string | null
  /** True when this `jti` was already received from this Transmitter. */
  duplicateJti: boolean
}

/** The claims of an accepted SET that the rest of the Receiver relies on. */
export interface SetSummary {
  jti: string
  event_types: string[]
  /** The verification `state`, when the SET is a verification event. */
  verification_state?: string
  is_verification: boolean
}

/**
 * Check the (verified) claims of a SET. Returns a rejection for what RFC 8935 makes the
 * Receiver refuse; everything softer becomes a finding. @see RFC 8935 §2.2, SSF 1.0 §4
 */
export function checkSetClaims(
  payload: unknown,
  expect: SetExpectations
): CheckOutcome & { summary?: SetSummary } {
  const findings: Finding[] = []
  const reject = (code: SetRejection['code'], description: string) => ({
    rejection: { code, description },
    findings
  })
  if (!isRecord(payload)) return reject('invalid_request', 'the SET payload is not a JSON object')
  const { iss, aud, jti, iat, events } = payload
  if (typeof iss !== 'string') return reject('invalid_issuer', 'the SET has no "iss" string')
  if (iss !== expect.issuer)
    return reject(
      'invalid_issuer',
      `"iss" is "${iss}" but this Receiver accepts SETs from "${expect.issuer}" (compared byte for byte)`
    )
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : undefined
  if (audiences === undefined || !audiences.every((a) => typeof a === 'string'))
    return reject('invalid_audience', 'the SET has no "aud" string or array of strings')
  if (
    !audiences.includes(expect.audience) &&
    !audiences.some((a) => expect.extraAudiences?.includes(a))
  )
    return reject(
      'invalid_audience',
      `"aud" ${JSON.stringify(aud)} does not contain this Receiver's audience "${expect.audience}"`
    )
  if (typeof jti !== 'string' || jti.length === 0)
    return reject('invalid_request', 'the SET has no "jti" string')
  if (typeof iat !== 'number') return reject('invalid_request', 'the SET has no numeric "iat"')
  if (!isRecord(events)) return reject('invalid_request', 'the SET has no "events" object')
  const types = Object.keys(events)
  if (types.length === 0) return reject('invalid_request', '"events" is empty')
  for (const type of types)
    if (!isRecord(events[type]))
      return reject('invalid_request', `"events" member "${type}" is not a JSON object`)
  if (types.length > 1) {
    if (expect.strict)
      return reject(
        'invalid_request',
        `the SET carries ${types.length} events; SSF and the CAEP interop profile expect exactly one`
      )
    findings.push({
      severity: 'warning',
      rule: 'SSF 1.0 §4 / interop A23',
      path: 'payload.events',
      message: `the SET carries ${types.length} events; each was processed (strict mode would refuse it)`
    })
  }
  if (expect.duplicateJti)
    findings.push({
      severity: 'info',
      rule: 'RFC 8935 §2.6',
      path: 'payload.jti',
      message: `"jti" ${jti} was received before; the repeat was accepted as RFC 8935 requires`
    })

  const summary: SetSummary = { jti, event_types: types, is_verification: false }
  const verification = events[EVENT_TYPE_VERIFICATION]
  if (isRecord(verification)) {
    summary.is_verification = true
    const state = verification.state
    if (state !== undefined && typeof state !== 'string')
      return reject('invalid_request', 'the verification event\'s "state" is not a string')
    if (typeof state === 'string') summary.verification_state = state
    if (typeof expect.expectedState === 'string' && state !== expect.expectedState)
      return reject(
        'invalid_state',
        state === undefined
          ? `the verification SET has no "state"; "${expect.expectedState}" was requested`
          : `the verification "state" "${state}" does not match the last one requested ("${expect.expectedState}")`
      )
    if (typeof state === 'string' && typeof expect.expectedState !== 'string')
      findings.push({
        severity: 'warning',
        rule: 'SSF 1.0 §8.1.4.1 / interop A21',
        path: `payload.events["${EVENT_TYPE_VERIFICATION}"].state`,
        message:
          'the verification SET carries a "state" although none was requested (a Transmitter-initiated verification MUST NOT carry one)'
      })
    if (expect.streamIds !== undefined && expect.streamIds.length > 0) {
      const ids = expect.streamIds
      const sub = payload.sub_id
      const ok =
        isRecord(sub) &&
        sub.format === 'opaque' &&
        typeof sub.id === 'string' &&
        ids.includes(sub.id)
      if (!ok) {
        const message = `a verification SET's "sub_id" must be {"format":"opaque","id":<stream id>} naming our stream (${ids.join(', ')})`
        if (expect.rejectForeignVerificationSubject) return reject('invalid_request', message)
        findings.push({
          severity: 'warning',
          rule: 'SSF 1.0 §8.1.4.1 / interop A22',
          path: 'payload.sub_id',
          message
        })
      }
    }
  }
  if (expect.eventsDelivered !== undefined)
    for (const type of types)
      if (
        type !== EVENT_TYPE_VERIFICATION &&
        type !== EVENT_TYPE_STREAM_UPDATED &&
        !expect.eventsDelivered.includes(type)
      )
        findings.push({
          severity: 'warning',
          rule: 'SSF 1.0 §8.1.1 / interop A24',
          path: `payload.events["${type}"]`,
          message: `event type ${type} is not in the stream's events_delivered; accepted but flagged`
        })
  return { findings, summary }
}
