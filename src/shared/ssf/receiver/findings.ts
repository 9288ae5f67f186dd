/**
 * Findings and conformance checks: the shapes the Receiver reports problems in.
 * @module
 */

/** The one finding type (also what the catalog linter's `lintSet()` returns). */
export type { Finding, FindingSeverity } from '../finding'

/** Status of one conformance check. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip'

/** One line of the "Check my Transmitter" report. */
export interface ConformanceCheck {
  id: string
  title: string
  /** Spec section or interop note the check enforces. */
  rule: string
  status: CheckStatus
  detail: string
}

/** A SET refusal: an RFC 8935 / RFC 8936 error code and a human description. */
export interface SetRejection {
  code:
    | 'invalid_request'
    | 'invalid_key'
    | 'invalid_issuer'
    | 'invalid_audience'
    | 'authentication_failed'
    | 'access_denied'
    | 'invalid_state'
  description: string
}
