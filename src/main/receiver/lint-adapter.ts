/**
 * The Receiver's door to the catalog's SET linter (`src/shared/ssf/lint.ts`). Findings never change
 * the verdict; they tell the developer what a strict Receiver would complain about.
 * @module
 */
import { lintSet as lintWithCatalog, type LintOptions } from '../../shared/ssf'
import type { Finding } from '../../shared/ssf/receiver'

/** What the linter looks at: the decoded JOSE header and payload (possibly not objects). */
export interface LintInput {
  header: unknown
  payload: unknown
}

/** Lint a decoded SET against the catalog. @see RFC 8417 §2.2, SSF 1.0 §4 */
export function lintSet(input: LintInput, options: LintOptions = {}): Finding[] {
  return lintWithCatalog(input, options)
}
