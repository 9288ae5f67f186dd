/**
 * "Check my Transmitter", the pure judgements added to the metadata and stream-field rules of
 * `src/shared/ssf/receiver/conformance.ts`: private key members in a JWKS, PUT replace semantics,
 * the verification rate limit, and the event SETs a user triggers.
 * @see SSF 1.0 §8.1.1.4, §8.1.4.2, §10.1; RFC 7517 §4, RFC 7518 §6
 * @module
 */
import type { Verdict } from './receiver-plan'
import type { Finding } from '../ssf/finding'

/** JWK members that belong to a private or symmetric key. @see RFC 7518 §6.2.2, §6.3.2, §6.4.1 */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const

/** The private members a published key carries (none for a proper public key). */
export function privateMembers(key: Record<string, unknown>): string[] {
  return PRIVATE_JWK_MEMBERS.filter((m) => key[m] !== undefined)
}

/** A copy of a key without its private members (what a Receiver may still verify with). */
export function publicPart<K extends Record<string, unknown>>(key: K): K {
  const copy: Record<string, unknown> = { ...key }
  for (const m of PRIVATE_JWK_MEMBERS) delete copy[m]
  return copy as K
}

/** The JWKS publishes public keys only. */
export function judgeJwksPrivate(keys: readonly Record<string, unknown>[]): Verdict {
  const leaks = keys.flatMap((k, i) => {
    const found = privateMembers(k)
    return found.length === 0
      ? []
      : [`key ${typeof k.kid === 'string' ? `"${k.kid}"` : `#${i}`} publishes ${found.join(', ')}`]
  })
  return leaks.length === 0
    ? { status: 'pass', detail: `${keys.length} key(s), public members only` }
    : {
        status: 'fail',
        detail: `the JWKS leaks private key material: ${leaks.join('; ')}. Anyone can sign SETs as this Transmitter; rotate the key`
      }
}

/** PUT replaces the configuration: a Receiver-supplied member left out is gone afterwards. */
export function judgeReplace(body: unknown, omitted: string): Verdict {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { status: 'fail', detail: 'the PUT response is not a Stream Configuration' }
  const kept = (body as Record<string, unknown>)[omitted]
  return kept === undefined
    ? { status: 'pass', detail: `"${omitted}", left out of the PUT, is gone` }
    : {
        status: 'fail',
        detail: `"${omitted}" was left out of the PUT but is still ${JSON.stringify(kept)}: PUT must replace, not merge`
      }
}

/** A second verification request within `min_verification_interval` is answered 429. */
export function judgeRateLimit(
  interval: number,
  status: number | undefined,
  retryAfter: string | null
): Verdict {
  if (status === 429)
    return retryAfter === null
      ? { status: 'warn', detail: '429 without a Retry-After header' }
      : { status: 'pass', detail: `429, Retry-After: ${retryAfter}` }
  return {
    status: 'fail',
    detail: `a second request within min_verification_interval (${interval} s) got HTTP ${status ?? 'no answer'}, not 429`
  }
}

/** A received SET as the events step sees it. */
export interface ReceivedSetSeen {
  eventTypes: string[]
  accepted: boolean
  problem?: string
  findings: Pick<Finding, 'severity' | 'message' | 'path'>[]
}

/** Per event type: rejected or lint errors fail, lint warnings warn. */
export function judgeEventSets(
  sets: readonly ReceivedSetSeen[]
): { eventType: string; verdict: Verdict }[] {
  const byType = new Map<string, ReceivedSetSeen[]>()
  for (const s of sets)
    for (const t of s.eventTypes.length > 0 ? s.eventTypes : ['(no event type)'])
      byType.set(t, [...(byType.get(t) ?? []), s])
  return [...byType].map(([eventType, list]) => {
    const rejected = list.filter((s) => !s.accepted)
    const errors = list.flatMap((s) => s.findings.filter((f) => f.severity === 'error'))
    const warnings = list.flatMap((s) => s.findings.filter((f) => f.severity === 'warning'))
    const lines = (fs: typeof errors) =>
      [...new Set(fs.map((f) => `${f.path}: ${f.message}`))].slice(0, 5).join('; ')
    const verdict: Verdict =
      rejected.length > 0
        ? {
            status: 'fail',
            detail: `${rejected.length} of ${list.length} refused: ${rejected[0]?.problem ?? ''}`
          }
        : errors.length > 0
          ? { status: 'fail', detail: `${list.length} SET(s); lint errors: ${lines(errors)}` }
          : warnings.length > 0
            ? { status: 'warn', detail: `${list.length} SET(s); lint warnings: ${lines(warnings)}` }
            : { status: 'pass', detail: `${list.length} SET(s), verified and lint-clean` }
    return { eventType, verdict }
  })
}
