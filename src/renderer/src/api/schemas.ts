/**
 * Parsers for control-API responses: the renderer trusts nothing it did not check.
 * @module
 */
import { z } from 'zod'
import type { ClientSummary, SessionInfo, StreamView } from '../../../shared/api/contract'
import {
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  STREAM_STATUSES,
  type SubjectIdentifier
} from '../../../shared/ssf'

const subject: z.ZodType<SubjectIdentifier> = z.looseObject({ format: z.string() })

export const sessionSchema: z.ZodType<SessionInfo> = z.object({
  issuer: z.string(),
  metadata_url: z.string(),
  token: z.string(),
  version: z.string()
})

export const clientsSchema: z.ZodType<ClientSummary[]> = z.array(
  z.object({
    client_id: z.string(),
    name: z.string(),
    audience: z.string(),
    is_default: z.boolean(),
    created_at: z.number()
  })
)

const delivery = z.union([
  z.object({
    method: z.literal(DELIVERY_METHOD_PUSH),
    endpoint_url: z.string(),
    authorization_header: z.string().optional()
  }),
  z.object({ method: z.literal(DELIVERY_METHOD_POLL), endpoint_url: z.string() })
])

export const streamViewSchema: z.ZodType<StreamView> = z.object({
  client_id: z.string(),
  config: z.object({
    stream_id: z.string(),
    iss: z.string(),
    aud: z.union([z.string(), z.array(z.string())]),
    events_supported: z.array(z.string()),
    events_requested: z.array(z.string()).optional(),
    events_delivered: z.array(z.string()),
    delivery,
    min_verification_interval: z.number().optional(),
    description: z.string().optional(),
    inactivity_timeout: z.number().optional()
  }),
  status: z.enum(STREAM_STATUSES),
  reason: z.string().optional(),
  created_at: z.number(),
  updated_at: z.number(),
  subjects: z.array(z.object({ subject, verified: z.boolean(), added_at: z.number() })),
  consent_required: z.boolean().optional()
})

export const streamsSchema = z.array(streamViewSchema)

/** One claim of a catalog event type (`GET /api/event-types`). */
export interface CatalogClaim {
  name: string
  type: string
  required: boolean
  /** `required`, `recommended` or `optional` (the catalog's word). */
  requirement: string
  enum?: string[]
  description?: string
  /** Semantic format (`seconds-timestamp`, `language-tagged`, `subject`, …). */
  format?: string
  /** The spec section the claim is defined in. */
  section?: string
  /** Form metadata from the catalog: the widget kind, a label, options, placeholder, help. */
  form?: { kind: string; label: string; options?: string[]; placeholder?: string; help?: string }
}

/** One catalog or lint finding: JSON path, the rule broken, words. */
export interface Finding {
  path: string
  rule: string
  message: string
  severity: 'error' | 'warning'
}

export const findingSchema: z.ZodType<Finding> = z.object({
  path: z.string(),
  rule: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']).catch('warning')
})

/** One catalog entry (`GET /api/event-types`). */
export interface CatalogEventType {
  uri: string
  name: string
  title: string
  description: string
  profile: string
  deprecated: boolean
  claims: CatalogClaim[]
  example?: { claims: Record<string, unknown>; sub_id?: SubjectIdentifier }
}

export const eventTypesSchema: z.ZodType<CatalogEventType[]> = z.array(
  z.object({
    uri: z.string(),
    name: z.string(),
    title: z.string().catch(''),
    description: z.string().catch(''),
    profile: z.string().catch(''),
    deprecated: z.boolean().catch(false),
    claims: z
      .array(
        z
          .object({
            name: z.string(),
            type: z.string().catch('string'),
            // The catalog says `requirement: required|recommended|optional`.
            required: z.boolean().optional(),
            requirement: z.string().optional(),
            enum: z.array(z.string()).optional(),
            description: z.string().optional(),
            format: z.string().optional().catch(undefined),
            section: z.string().optional().catch(undefined),
            form: z
              .object({
                kind: z.string(),
                label: z.string(),
                options: z.array(z.string()).optional(),
                placeholder: z.string().optional(),
                help: z.string().optional()
              })
              .optional()
              .catch(undefined)
          })
          .transform(({ requirement, required, ...claim }) => ({
            ...claim,
            required: required ?? requirement === 'required',
            requirement: requirement ?? (required === true ? 'required' : 'optional')
          }))
      )
      .catch([]),
    example: z
      .object({ claims: z.record(z.string(), z.unknown()).catch({}), sub_id: subject.optional() })
      .optional()
      .catch(undefined)
  })
)

/** `POST /api/events` request. */
export interface FireEventRequest {
  type: string
  subject: SubjectIdentifier
  claims: Record<string, unknown>
  stream_ids?: string[]
  txn?: string
  /** Build the SET even when the catalog finds errors (to test Receivers). */
  allow_invalid?: boolean
}

/** `POST /api/events` response (201). */
export interface FireEventResponse {
  sets: { stream_id: string; jti: string; state?: string }[]
  findings: Finding[]
}

export const fireEventResponseSchema: z.ZodType<FireEventResponse> = z.object({
  sets: z.array(z.object({ stream_id: z.string(), jti: z.string(), state: z.string().optional() })),
  findings: z.array(findingSchema).catch([])
})

/** `POST /api/events/preview` response: the SET the request would make, decoded and linted. */
export interface EventPreview {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  stream_id?: string
  findings: Finding[]
}

export const eventPreviewSchema: z.ZodType<EventPreview> = z.object({
  header: z.record(z.string(), z.unknown()),
  payload: z.record(z.string(), z.unknown()),
  stream_id: z.string().optional(),
  findings: z.array(findingSchema)
})

/** A saved fire form (`/api/templates`). */
export interface FireTemplate {
  template_id: string
  name: string
  type: string
  subject: SubjectIdentifier
  claims: Record<string, unknown>
  stream_ids?: string[]
  txn?: string
  allow_invalid?: boolean
}

export const templatesSchema: z.ZodType<FireTemplate[]> = z.array(
  z.object({
    template_id: z.string(),
    name: z.string(),
    type: z.string(),
    subject,
    claims: z.record(z.string(), z.unknown()).catch({}),
    stream_ids: z.array(z.string()).optional(),
    txn: z.string().optional(),
    allow_invalid: z.boolean().optional()
  })
)

/** The engine's error body. */
export const errorBodySchema = z.object({ err: z.string(), description: z.string() })
