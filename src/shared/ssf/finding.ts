/**
 * The one finding type: what the catalog's validation, the SET linter, the subject checks, the
 * Receiver's verdicts and both conformance reports say about a problem. Declared once, as a zod
 * schema; `src/shared/api` re-exports it for the bodies of the control API.
 * @module
 */
import { z } from 'zod'

/**
 * Severities, most severe first: `error` breaks a MUST (the event or SET is invalid), `warning`
 * a SHOULD or an interop habit, `info` only notes something worth knowing.
 */
export const FINDING_SEVERITIES = ['error', 'warning', 'info'] as const

/** Severity of a finding. */
export const findingSeveritySchema = z.enum(FINDING_SEVERITIES)

/** Severity of a finding. */
export type FindingSeverity = z.infer<typeof findingSeveritySchema>

/**
 * One finding. `path` is a JSON path (`claims.change_type`, `events["…"].change_type`,
 * `sub_id.email`, `payload.aud`), `rule` cites the spec section or interop note that was broken.
 */
export const findingSchema = z.object({
  path: z.string(),
  rule: z.string(),
  message: z.string(),
  severity: findingSeveritySchema
})

/** One finding. */
export type Finding = z.infer<typeof findingSchema>
