/**
 * The embedded Receiver in the control API (`/api/receivers/*`): the bodies of its answers,
 * declared once. Requests are checked by the Receiver's registry and operations.
 * @module
 */
import { z } from 'zod'
import { findingSchema } from './findings'

/** The stream our Receiver manages on the external Transmitter. */
export const receiverStreamViewSchema = z.object({
  stream_id: z.string(),
  method: z.string(),
  poll_endpoint: z.string().optional(),
  events_delivered: z.array(z.string()).optional(),
  config: z.unknown()
})
/** The stream our Receiver manages on the external Transmitter. */
export type ReceiverStreamView = z.infer<typeof receiverStreamViewSchema>

/** A registered external Transmitter (`POST /api/receivers` 201, `GET /api/receivers[/{id}]`). */
export const receiverViewSchema = z.object({
  receiver_id: z.string(),
  issuer: z.string(),
  audience: z.string(),
  push_endpoint: z.string(),
  /** The `Authorization` value the Transmitter must send, when the receiver requires one. */
  authorization_header: z.string().optional(),
  metadata_url: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  spec_generation: z.enum(['final', 'draft', 'legacy', 'unknown']),
  settings: z.object({
    require_authorization: z.boolean(),
    auth_failure_status: z.union([z.literal(401), z.literal(400)]),
    poll_interval_seconds: z.number(),
    poll_max_events: z.number(),
    strict: z.boolean(),
    reject_foreign_verification_subject: z.boolean(),
    allow_http: z.boolean(),
    has_transmitter_token: z.boolean()
  }),
  stream: receiverStreamViewSchema.optional(),
  verification_pending: z.boolean(),
  findings: z.array(findingSchema),
  created_at: z.number(),
  updated_at: z.number()
})
/** A registered external Transmitter. */
export type ReceiverView = z.infer<typeof receiverViewSchema>

/** `GET /api/receivers`. */
export const receiverViewsSchema = z.array(receiverViewSchema)

/** An error answer of the external Transmitter (its failures are data, not errors of ours). */
const upstreamErrorSchema = z.object({
  status: z.number().optional(),
  err: z.string().optional(),
  description: z.string()
})

/** Result of a call to the external Transmitter. */
export const receiverOperationResultSchema = z.object({
  ok: z.boolean(),
  operation: z.string(),
  status: z.number().optional(),
  exchange_id: z.number().optional(),
  result: z.unknown().optional(),
  error: upstreamErrorSchema.optional(),
  /** `POST /api/receivers/{id}/verify`: the state that was requested. */
  state: z.string().optional()
})
/** Result of a call to the external Transmitter. */
export type ReceiverOperationResult = z.infer<typeof receiverOperationResultSchema>

/** `GET /api/receivers/{id}/inbox` item: one received SET and its verdict. */
export const inboxEntryViewSchema = z.object({
  id: z.number(),
  receiver_id: z.string(),
  via: z.enum(['push', 'poll']),
  received_at: z.number(),
  jti: z.string().optional(),
  raw: z.string(),
  header: z.unknown().optional(),
  payload: z.unknown().optional(),
  verdict: z.enum(['accepted', 'rejected']),
  err: z.string().optional(),
  description: z.string().optional(),
  findings: z.array(findingSchema),
  exchange_id: z.number().optional()
})
/** `GET /api/receivers/{id}/inbox` item. */
export type InboxEntryView = z.infer<typeof inboxEntryViewSchema>

/** `GET /api/receivers/{id}/inbox`. */
export const inboxSchema = z.array(inboxEntryViewSchema)

/** `POST /api/receivers/{id}/poll` response. */
export const pollResultViewSchema = z.object({
  ok: z.boolean(),
  requests: z.number(),
  received: z.number(),
  acked: z.array(z.string()),
  set_errs: z.record(z.string(), z.object({ err: z.string(), description: z.string() })),
  more_available: z.boolean(),
  exchange_ids: z.array(z.number()),
  error: upstreamErrorSchema.optional()
})
/** `POST /api/receivers/{id}/poll` response. */
export type PollResultView = z.infer<typeof pollResultViewSchema>
