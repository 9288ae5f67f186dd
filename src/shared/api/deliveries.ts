/**
 * Delivery state of outbound SETs, for "did my app get the SET, and what did it answer?":
 * `GET /api/sets/{jti}` (one SET, its attempts and the exchanges that carried it) and
 * `GET /api/deliveries/streams` (per stream: queue depth and the last delivery result).
 * Declared once here; the engine and the UI infer their types from these schemas.
 * @module
 */
import { z } from 'zod'
import { TRAFFIC_DIRECTIONS, TRAFFIC_KINDS } from '../traffic'
import type { ReplayResponse, TrafficDetail, TrafficPage, TrafficSummary } from './contract'
import { findingSchema } from './findings'

/** Stored states of an outbound SET (push: queued → delivered | failed; poll: → polled → acked). */
export const SET_STATES = [
  'queued',
  'held',
  'delivered',
  'polled',
  'acked',
  'failed',
  'dropped'
] as const

/** One delivery attempt: a push request and its answer, or a poll hand-out. */
export const deliveryAttemptViewSchema = z.object({
  attempt: z.number(),
  method: z.enum(['push', 'poll']),
  started_at: z.number(),
  duration_ms: z.number(),
  response_status: z.number().nullable(),
  error: z.string().nullable(),
  outcome: z.enum(['delivered', 'retry', 'rejected', 'failed', 'polled', 'dropped'])
})
export type DeliveryAttemptView = z.infer<typeof deliveryAttemptViewSchema>

/** An exchange of the traffic log that carried the SET (links to `#/traffic/{id}`). */
export const setExchangeRefSchema = z.object({
  id: z.number(),
  at: z.number(),
  kind: z.string(),
  status: z.number().nullable()
})

/** `GET /api/sets/{jti}`: an outbound SET's delivery state (times in epoch milliseconds). */
export const setDeliveryViewSchema = z.object({
  jti: z.string(),
  stream_id: z.string(),
  event_type: z.string(),
  state: z.enum(SET_STATES),
  /** Push attempts made, or poll hand-outs. */
  attempts: z.number(),
  /** When the next push attempt is due (a retry is scheduled), else null. */
  next_attempt_at: z.number().nullable(),
  last_error: z.string().nullable(),
  created_at: z.number(),
  updated_at: z.number(),
  history: z.array(deliveryAttemptViewSchema),
  /** Newest first. */
  exchanges: z.array(setExchangeRefSchema)
})
export type SetDeliveryView = z.infer<typeof setDeliveryViewSchema>

/** One stream's row of `GET /api/deliveries/streams`. */
export const streamDeliverySchema = z.object({
  stream_id: z.string(),
  /** SETs queued, or handed to a poller and not yet acknowledged. */
  waiting: z.number(),
  /** SETs held while the stream is paused. */
  held: z.number(),
  /** The newest SET of the stream and how its delivery ended (so far). */
  last: z
    .object({ jti: z.string(), state: z.enum(SET_STATES), at: z.number() })
    .extend(deliveryAttemptViewSchema.pick({ response_status: true, error: true }).shape)
    .nullable()
})
export type StreamDelivery = z.infer<typeof streamDeliverySchema>

/** `GET /api/deliveries/streams`. */
export const streamDeliveriesSchema = z.array(streamDeliverySchema)

/** A line of `GET /api/sets/export.ndjson`: an outbound SET, its token and its claims. */
export const exportedSetSchema = z.object({
  jti: z.string(),
  stream_id: z.string(),
  event_type: z.string(),
  state: z.string(),
  token: z.string(),
  /** The SET's claims, or null when the stored claims cannot be read. */
  claims: z.unknown(),
  created_at: z.number()
})
/** A line of `GET /api/sets/export.ndjson`. */
export type ExportedSet = z.infer<typeof exportedSetSchema>

/** A row of `GET /api/traffic` and of the live `traffic.created` event. */
export const trafficSummarySchema = z.object({
  id: z.number(),
  at: z.number(),
  duration_ms: z.number(),
  direction: z.enum(TRAFFIC_DIRECTIONS),
  kind: z.enum(TRAFFIC_KINDS),
  method: z.string(),
  url: z.string(),
  status: z.number().nullable(),
  error: z.string().nullable(),
  stream_id: z.string().nullable(),
  jti: z.string().nullable(),
  event_type: z.string().nullable(),
  receiver_id: z.string().nullable()
}) satisfies z.ZodType<TrafficSummary>

/** `GET /api/traffic`. */
export const trafficPageSchema = z.object({
  items: z.array(trafficSummarySchema),
  next_before: z.number().nullable()
}) satisfies z.ZodType<TrafficPage>

/** `GET /api/traffic/{id}` (secrets masked unless `?reveal=1`). */
export const trafficDetailSchema = trafficSummarySchema.extend({
  request_headers: z.record(z.string(), z.string()),
  request_body: z.string().nullable(),
  response_headers: z.record(z.string(), z.string()),
  response_body: z.string().nullable(),
  sets: z.array(
    z.union([
      z.object({
        token: z.string(),
        header: z.record(z.string(), z.unknown()),
        claims: z.record(z.string(), z.unknown()),
        event_type: z.string().nullable(),
        findings: z.array(findingSchema)
      }),
      z.object({ token: z.string(), error: z.string() })
    ])
  )
}) satisfies z.ZodType<TrafficDetail>

/** `POST /api/deliveries/{id}/replay` (202). */
export const replayResponseSchema = z.object({
  jti: z.string(),
  mode: z.enum(['exact', 'edited']),
  stream_id: z.string()
}) satisfies z.ZodType<ReplayResponse>
