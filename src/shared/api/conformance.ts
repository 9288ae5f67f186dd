/**
 * Bodies of the two conformance reports: `POST /api/streams/{id}/check` ("Check my Receiver")
 * and `POST /api/receivers/{id}/check` ("Check my Transmitter"). Declared once here; the engine,
 * the renderer and the CLI infer their types from these schemas.
 * @see docs/conformance.md for every check id
 * @module
 */
import { z } from 'zod'

/** Status of one check line. */
export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'skip'] as const

/** One line of a report. `exchange_id` links the traffic-log entry behind it. */
export const reportCheckSchema = z.object({
  id: z.string(),
  title: z.string(),
  rule: z.string(),
  status: z.enum(CHECK_STATUSES),
  detail: z.string(),
  exchange_id: z.number().int().optional()
})
/** One line of a report. */
export type ReportCheck = z.infer<typeof reportCheckSchema>

/** A report: the checks in the order they ran. */
export const conformanceReportSchema = z.object({
  stream_id: z.string().optional(),
  receiver_id: z.string().optional(),
  checks: z.array(reportCheckSchema)
})
/** A report. */
export type ConformanceReport = z.infer<typeof conformanceReportSchema>

/** `POST /api/streams/{id}/check` request: bounds of the run (all optional). */
export const receiverCheckRequestSchema = z.strictObject({
  /** Every answer of the app must come within this bound (the timing check), ms. */
  answer_bound_ms: z.number().int().min(1).max(60_000).default(2000),
  /** How long a check that needs the app to act (poll, request verification) waits, s. */
  wait_seconds: z.number().min(0).max(600).default(30)
})
/** Options of "Check my Receiver". */
export type ReceiverCheckRequest = z.input<typeof receiverCheckRequestSchema>

/** `POST /api/receivers/{id}/check` request: bounds of the run (all optional). */
export const transmitterCheckRequestSchema = z.strictObject({
  /** How long to wait for the verification SET, s. */
  verification_wait_seconds: z.number().min(0).max(120).default(5),
  /** How long to wait for the user to trigger event SETs on their Transmitter, s (0 skips). */
  event_wait_seconds: z.number().min(0).max(600).default(0)
})
/** Options of "Check my Transmitter". */
export type TransmitterCheckRequest = z.input<typeof transmitterCheckRequestSchema>
