/**
 * The fire request body (`POST /api/events`), declared once: the control API parses it, the
 * emitter takes its type, and the preview and template bodies extend it. Its response, too.
 * @module
 */
import { z } from 'zod'
import { findingSchema } from './findings'

/** `POST /api/events` request. @see DESIGN.md "Public contract" */
export const fireEventRequestSchema = z.strictObject({
  /** Event-type URI or a name like `caep.session-revoked`. */
  type: z.string().min(1, 'must be an event type URI or name'),
  /** An RFC 9493 subject identifier (checked by the catalog, which names the rule broken). */
  subject: z.unknown().refine((v) => v !== undefined, '"subject" is required'),
  claims: z.record(z.string(), z.unknown(), { message: 'must be a JSON object' }).optional(),
  stream_ids: z.array(z.string().min(1)).max(1000).optional(),
  txn: z.string().min(1).max(1024).optional(),
  /** Build the SET even when the catalog finds errors (to test how Receivers cope). */
  allow_invalid: z.boolean().optional()
})

/** `POST /api/events` request. */
export type FireEventRequest = z.infer<typeof fireEventRequestSchema>

/** `POST /api/events` response (201): one SET per matching stream. */
export const fireEventResponseSchema = z.object({
  sets: z.array(
    z.object({
      stream_id: z.string(),
      jti: z.string(),
      state: z.enum(['queued', 'held', 'dropped'])
    })
  ),
  /** The catalog's findings: warnings, plus errors when `allow_invalid` let them through. */
  findings: z.array(findingSchema).catch([])
})
/** `POST /api/events` response (201). */
export type FireEventResponse = z.infer<typeof fireEventResponseSchema>

/** `POST /api/events/preview` request: a fire request, any subject, and the stream to preview for. */
export const previewEventRequestSchema = fireEventRequestSchema.extend({
  type: z.string(),
  subject: z.unknown(),
  /** The stream to preview for; the first of `stream_ids` (or a placeholder) otherwise. */
  stream_id: z.string().min(1).optional()
})

/** `POST /api/templates` request: a named fire form. */
export const fireTemplateInputSchema = fireEventRequestSchema.extend({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  type: z.string().min(1, 'must be an event type URI or name').max(2048),
  subject: z.looseObject({ format: z.string() }),
  claims: z.record(z.string(), z.unknown()).default({}),
  txn: z.string().max(1024).optional()
})

/** `POST /api/events/preview` response: the SET the request would make, decoded and linted. */
export const eventPreviewSchema = z.object({
  header: z.record(z.string(), z.unknown()),
  payload: z.record(z.string(), z.unknown()),
  /** The stream the preview was built for; absent when a placeholder audience was used. */
  stream_id: z.string().optional(),
  /** Catalog findings about the event plus lint findings about the SET, errors first. */
  findings: z.array(findingSchema)
})
/** `POST /api/events/preview` response. */
export type EventPreview = z.infer<typeof eventPreviewSchema>

/** A stored template: `GET /api/templates` item, `POST /api/templates` response (201). */
export const fireTemplateSchema = fireTemplateInputSchema.extend({
  template_id: z.string(),
  created_at: z.number(),
  updated_at: z.number()
})
/** A stored template. */
export type FireTemplate = z.infer<typeof fireTemplateSchema>

/** `GET /api/templates`. */
export const fireTemplatesSchema = z.array(fireTemplateSchema)
