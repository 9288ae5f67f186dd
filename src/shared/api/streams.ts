/**
 * Transmitter streams in the control API (`/api/streams/*`): each body declared once. The wire
 * Stream Configuration itself is the spec's type (`../ssf`); its schema here is checked against
 * that type.
 * @module
 */
import { z } from 'zod'
import {
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  STREAM_STATUSES,
  type StreamConfiguration,
  type SubjectIdentifier
} from '../ssf'

/** A subject identifier as the UI reads it: its format and whatever members that format has. */
export const subjectIdentifierSchema: z.ZodType<SubjectIdentifier> = z.looseObject({
  format: z.string()
})

/** A Stream Configuration as the Transmitter renders it. @see SSF 1.0 §8.1.1 */
export const streamConfigurationSchema: z.ZodType<StreamConfiguration> = z.object({
  stream_id: z.string(),
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  events_supported: z.array(z.string()),
  events_requested: z.array(z.string()).optional(),
  events_delivered: z.array(z.string()),
  delivery: z.union([
    z.object({
      method: z.literal(DELIVERY_METHOD_PUSH),
      endpoint_url: z.string(),
      authorization_header: z.string().optional()
    }),
    z.object({ method: z.literal(DELIVERY_METHOD_POLL), endpoint_url: z.string() })
  ]),
  min_verification_interval: z.number().optional(),
  description: z.string().optional(),
  inactivity_timeout: z.number().optional()
})

/** One stream as the UI sees it: configuration, owner, status and subjects. */
export const streamViewSchema = z.object({
  client_id: z.string(),
  config: streamConfigurationSchema,
  status: z.enum(STREAM_STATUSES),
  reason: z.string().optional(),
  created_at: z.number(),
  updated_at: z.number(),
  subjects: z.array(
    z.object({ subject: subjectIdentifierSchema, verified: z.boolean(), added_at: z.number() })
  ),
  /** Present (true) when events about a subject need that subject's consent. */
  consent_required: z.boolean().optional(),
  /** Subjects removed (latest removal of each), when any: for the stream's timeline. */
  removed_subjects: z
    .array(z.object({ subject: subjectIdentifierSchema, removed_at: z.number() }))
    .optional(),
  /** Verification requests, oldest first, when any (with or without a SET sent for them). */
  verification_requests: z
    .array(z.object({ state: z.string().optional(), requested_at: z.number() }))
    .optional()
})
/** `GET /api/streams/{id}`, and the answer of every stream action of the control API. */
export type StreamView = z.infer<typeof streamViewSchema>

/** `GET /api/streams`. */
export const streamViewsSchema = z.array(streamViewSchema)

/** `POST /api/streams/{id}/status` request: the Transmitter changes a stream's status itself. */
export const setStatusRequestSchema = z.strictObject({
  status: z.enum(STREAM_STATUSES, { message: 'must be one of enabled, paused, disabled' }),
  reason: z.string().max(1024).optional()
})
/** `POST /api/streams/{id}/status` request. */
export type SetStatusRequest = z.input<typeof setStatusRequestSchema>

/** `PUT /api/streams/{id}/consent` request. */
export const consentRequirementRequestSchema = z.strictObject({ required: z.boolean() })
/** `PUT /api/streams/{id}/consent` request. */
export type ConsentRequirementRequest = z.input<typeof consentRequirementRequestSchema>
