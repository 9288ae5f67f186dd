/**
 * The Receiver's narrow door to the SET linter.
 *
 * TODO(lead): replace the body of {@link lintSet} with the catalog linter's
 * `lintSet({ header, payload })` from `src/shared/ssf/lint.ts` (same input, same
 * `{ severity, rule, path, message }[]` output). The built-in check below is a minimal
 * structural stand-in so the Receiver works before the catalog branch is merged.
 * @module
 */
import { SET_TYP } from '../../shared/ssf'
import type { Finding } from '../../shared/ssf/receiver'

/** What the linter looks at: the decoded JOSE header and payload (possibly not objects). */
export interface LintInput {
  header: unknown
  payload: unknown
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Lint a decoded SET. Findings never change the verdict; they tell the developer what a strict
 * Receiver would complain about. @see RFC 8417 §2.2, SSF 1.0 §4
 */
export function lintSet({ header, payload }: LintInput): Finding[] {
  const findings: Finding[] = []
  const add = (severity: Finding['severity'], rule: string, path: string, message: string) =>
    findings.push({ severity, rule, path, message })
  if (isRecord(header) && header.typ !== SET_TYP)
    add('warning', 'RFC 8417 §2.3', 'header.typ', `"typ" should be "${SET_TYP}"`)
  if (!isRecord(payload)) {
    add('error', 'RFC 8417 §2', 'payload', 'the payload is not a JSON object')
    return findings
  }
  if (typeof payload.iss !== 'string')
    add('error', 'RFC 8417 §2.2', 'payload.iss', '"iss" is required')
  if (typeof payload.iat !== 'number')
    add('error', 'RFC 8417 §2.2', 'payload.iat', '"iat" is required (NumericDate)')
  if (typeof payload.jti !== 'string')
    add('error', 'RFC 8417 §2.2', 'payload.jti', '"jti" is required')
  if (payload.aud === undefined) add('error', 'SSF 1.0 §4.1', 'payload.aud', '"aud" is required')
  if (!isRecord(payload.events))
    add('error', 'RFC 8417 §2.2', 'payload.events', '"events" is required (a JSON object)')
  else if (Object.keys(payload.events).length !== 1)
    add('warning', 'SSF 1.0 §4.1', 'payload.events', '"events" should contain exactly one event')
  if (!isRecord(payload.sub_id))
    add(
      'error',
      'SSF 1.0 §4.1',
      'payload.sub_id',
      '"sub_id" is required (an RFC 9493 subject identifier)'
    )
  if (payload.sub !== undefined)
    add('error', 'SSF 1.0 §4.1', 'payload.sub', '"sub" must not be used; use "sub_id"')
  if (payload.exp !== undefined)
    add('error', 'RFC 8417 §2.2 / SSF 1.0 §4.1', 'payload.exp', '"exp" must not be used in a SET')
  return findings
}
