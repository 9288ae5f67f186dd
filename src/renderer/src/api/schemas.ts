/**
 * Every schema the renderer checks control-API answers with: the renderer trusts nothing it did
 * not check. Only `parse` in `client.ts` loads this module, lazily, so zod and the schemas are
 * not in the entry chunk (the first screen does not wait for them to be compiled).
 * @module
 */
import { z } from 'zod'
import type {
  ClientSummary,
  FireEventRequest as SharedFireEventRequest,
  FindingView,
  FireEventResponse,
  ConsentView,
  CreateClientResponse,
  CreateOAuthClientResponse,
  InboxEntryView,
  OAuthClientView,
  PollResultView,
  ReceiverOperationResult,
  SessionInfo,
  StreamView,
  TenantView
} from '../../../shared/api/contract'
import type { OutboundSet } from '../features/timeline/timeline-model'
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
  consent_required: z.boolean().optional(),
  removed_subjects: z.array(z.object({ subject, removed_at: z.number() })).optional(),
  verification_requests: z
    .array(z.object({ state: z.string().optional(), requested_at: z.number() }))
    .optional()
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

/** One catalog or lint finding: JSON path, the rule broken, words (the shared finding view). */
export type Finding = FindingView

export const findingSchema: z.ZodType<Finding> = z.object({
  path: z.string(),
  rule: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning', 'info']).catch('warning')
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

/** `POST /api/events` response: declared in `shared/api`. */
export type { FireEventResponse } from '../../../shared/api/contract'

/**
 * The shared `POST /api/events` request as the Fire form builds it: always a subject identifier
 * and a claims object (a narrowing of the one declaration, not a second one).
 */
export type FireEventRequest = SharedFireEventRequest & {
  subject: SubjectIdentifier
  claims: Record<string, unknown>
}

export const fireEventResponseSchema: z.ZodType<FireEventResponse> = z.object({
  sets: z.array(
    z.object({
      stream_id: z.string(),
      jti: z.string(),
      state: z.enum(['queued', 'held', 'dropped'])
    })
  ),
  findings: z
    .array(
      z.object({
        path: z.string(),
        rule: z.string(),
        message: z.string(),
        severity: z.enum(['error', 'warning'])
      })
    )
    .catch([])
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

export const tenantSchema: z.ZodType<TenantView> = z.object({
  tenant_id: z.string(),
  name: z.string(),
  issuer: z.string(),
  metadata_url: z.string(),
  is_default: z.boolean(),
  created_at: z.number().optional()
})

const oauthClientShape = {
  client_id: z.string(),
  client_name: z.string(),
  grant_types: z.array(z.string()),
  redirect_uris: z.array(z.string()).catch([]),
  scope: z.string().catch(''),
  token_endpoint_auth_method: z.string(),
  tenant: z.string().optional()
}
export const oauthClientSchema: z.ZodType<OAuthClientView> = z.object(oauthClientShape)
export const createdOAuthClientSchema: z.ZodType<CreateOAuthClientResponse> = z.object({
  ...oauthClientShape,
  client_secret: z.string().optional(),
  issuer: z.string(),
  token_endpoint: z.string(),
  authorization_endpoint: z.string()
})

export const consentSchema: z.ZodType<ConsentView> = z.object({
  consent_id: z.string(),
  tenant: z.string(),
  subject: z.looseObject({ format: z.string() }),
  client_id: z.string().optional(),
  granted_at: z.number(),
  revoked_at: z.number().optional()
})

export const createdClientSchema: z.ZodType<CreateClientResponse> = z.object({
  client_id: z.string(),
  token: z.string(),
  name: z.string(),
  audience: z.string()
})

export const tenantsSchema = z.array(tenantSchema)
export const oauthClientsSchema = z.array(oauthClientSchema)
export const consentsSchema = z.array(consentSchema)

const findingView: z.ZodType<FindingView> = z.object({
  severity: z.enum(['error', 'warning', 'info']).catch('info'),
  rule: z.string(),
  path: z.string(),
  message: z.string(),
  state: z.string().optional()
})

/** What the Receiver screen shows of a registered Transmitter. */
export interface ReceiverSummary {
  receiver_id: string
  issuer: string
  audience: string
  push_endpoint: string
  metadata_url: string
  spec_generation: string
  stream?: { stream_id: string; method: string; poll_endpoint?: string }
  verification_pending: boolean
  findings: FindingView[]
}

export const receiverSchema: z.ZodType<ReceiverSummary> = z.object({
  receiver_id: z.string(),
  issuer: z.string(),
  audience: z.string(),
  push_endpoint: z.string(),
  metadata_url: z.string(),
  spec_generation: z.string(),
  stream: z
    .object({ stream_id: z.string(), method: z.string(), poll_endpoint: z.string().optional() })
    .optional(),
  verification_pending: z.boolean().catch(false),
  findings: z.array(findingView).catch([])
})

export const inboxSchema: z.ZodType<InboxEntryView[]> = z.array(
  z.object({
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
    findings: z.array(findingView).catch([]),
    exchange_id: z.number().optional()
  })
)

export const operationSchema: z.ZodType<ReceiverOperationResult> = z.object({
  ok: z.boolean(),
  operation: z.string(),
  status: z.number().optional(),
  exchange_id: z.number().optional(),
  result: z.unknown().optional(),
  error: z
    .object({ status: z.number().optional(), err: z.string().optional(), description: z.string() })
    .optional(),
  state: z.string().optional()
})

export const pollSchema: z.ZodType<PollResultView> = z.object({
  ok: z.boolean(),
  requests: z.number(),
  received: z.number(),
  acked: z.array(z.string()),
  set_errs: z.record(z.string(), z.object({ err: z.string(), description: z.string() })),
  more_available: z.boolean(),
  exchange_ids: z.array(z.number()),
  error: z
    .object({ status: z.number().optional(), err: z.string().optional(), description: z.string() })
    .optional()
})

export const receiversSchema = z.array(receiverSchema)

export const outboundSetSchema: z.ZodType<OutboundSet> = z.object({
  jti: z.string(),
  event_type: z.string(),
  state: z.string(),
  created_at: z.number(),
  claims: z.unknown()
})

/** A `set.state` live event's data. */
export const setStateSchema = z.object({ jti: z.string(), state: z.string() })

export { conformanceReportSchema } from '../../../shared/api/conformance'
export {
  replayResponseSchema,
  setDeliveryViewSchema,
  streamDeliveriesSchema,
  trafficDetailSchema,
  trafficPageSchema,
  trafficSummarySchema
} from '../../../shared/api/deliveries'
export {
  faultsOverviewSchema,
  keyRotationResponseSchema,
  keysResponseSchema,
  receiverFaultsSchema,
  settingsSchema,
  streamFaultsSchema
} from '../../../shared/api/inspector'
export { localCaInfoSchema } from '../../../shared/api/tls'
