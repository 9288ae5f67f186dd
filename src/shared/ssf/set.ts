/**
 * Security Event Tokens: pure claim building for the Transmitter and decoding for inspection.
 * Signing lives in `src/main/transmitter/signer.ts`; verification in the Receiver.
 * @see RFC 8417 §2, SSF 1.0 §4
 * @module
 */
import {
  decodeJwt,
  decodeProtectedHeader,
  type JWTPayload,
  type ProtectedHeaderParameters
} from 'jose'
import type { SubjectIdentifier } from './subject'

/**
 * The claims of an SSF SET: exactly one event, `sub_id` instead of `sub`, no `exp`.
 * @see RFC 8417 §2.2, SSF 1.0 §4.1
 */
export interface SetClaims {
  iss: string
  aud: string | string[]
  /** NumericDate, seconds. */
  iat: number
  jti: string
  txn?: string
  sub_id: SubjectIdentifier
  events: Record<string, Record<string, unknown>>
}

/** Input of {@link buildSetClaims}. */
export interface BuildSetInput {
  iss: string
  aud: string | string[]
  jti: string
  /** Issue time in seconds (fractions are dropped). */
  iat: number
  txn?: string | undefined
  sub_id: SubjectIdentifier
  /** Event-type URI. */
  eventType: string
  /** The event's own claims (`{}` when it has none). */
  payload: Record<string, unknown>
}

/**
 * Build the claims of one SET. Pure: same input, same claims.
 * @see RFC 8417 §2.2, SSF 1.0 §4.1 (`sub_id` required, `sub`/`exp` forbidden, one event)
 */
export function buildSetClaims(input: BuildSetInput): SetClaims {
  const claims: SetClaims = {
    iss: input.iss,
    aud: Array.isArray(input.aud) ? [...input.aud] : input.aud,
    iat: Math.floor(input.iat),
    jti: input.jti,
    sub_id: input.sub_id,
    events: { [input.eventType]: { ...input.payload } }
  }
  if (input.txn !== undefined) claims.txn = String(input.txn)
  return claims
}

/** A SET decoded without verification (for display only; never trust it). */
export interface DecodedSet {
  header: ProtectedHeaderParameters
  claims: JWTPayload
  /** The single event type URI, when `events` holds exactly one object member. */
  eventType?: string
}

/**
 * Decode a compact SET for inspection. Throws a jose error when it is not a JWS compact JWT.
 * @see RFC 8417 §2.2
 */
export function decodeSet(token: string): DecodedSet {
  const header = decodeProtectedHeader(token)
  const claims = decodeJwt(token)
  const decoded: DecodedSet = { header, claims }
  const events = claims.events
  if (typeof events === 'object' && events !== null && !Array.isArray(events)) {
    const types = Object.keys(events)
    if (types.length === 1 && types[0] !== undefined) decoded.eventType = types[0]
  }
  return decoded
}
