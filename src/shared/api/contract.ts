/**
 * Request and response bodies of the control API (`/api/*`): the types of every body in one
 * place. Bodies declared as zod schemas (one file per resource beside this one) are re-exported
 * here as their inferred types; the rest are declared here.
 * @module
 */
import type { Finding, RequestedDelivery, SubjectIdentifier } from '../ssf'

export type { SessionInfo } from './session'
export type { ClientSummary, CreateClientRequest, CreateClientResponse } from './clients'
export type { SetStatusRequest, StreamView } from './streams'
export type { CreateTenantRequest, TenantView } from './tenants'
export type { CreateOAuthClientRequest, CreateOAuthClientResponse, OAuthClientView } from './oauth'
export type { ConsentView, GrantConsentRequest } from './consents'
export type {
  InboxEntryView,
  PollResultView,
  ReceiverOperationResult,
  ReceiverStreamView,
  ReceiverView
} from './receivers'

/** `POST /api/receivers` request: register an external Transmitter (the app under test). */
export interface CreateReceiverRequest {
  issuer: string
  audience?: string
  require_authorization?: boolean
  auth_failure_status?: 401 | 400
  poll_interval_seconds?: number
  poll_max_events?: number
  strict?: boolean
  reject_foreign_verification_subject?: boolean
  allow_http?: boolean
  transmitter_token?: string
}

/** `PATCH /api/receivers/{id}` request (`transmitter_token: null` clears it). */
export type UpdateReceiverRequest = Omit<CreateReceiverRequest, 'issuer' | 'transmitter_token'> & {
  transmitter_token?: string | null
  rotate_push_token?: boolean
}

/** A finding about a received SET or a Transmitter: the one `Finding` (schema in `./findings`). */
export type FindingView = Finding

/**
 * `GET /api/receivers/{id}/exchanges` item (secrets masked, bodies capped): a traffic-log entry of
 * that receiver; `id` is its traffic id (`GET /api/traffic/{id}`).
 */
export interface ReceiverExchangeView {
  id: number
  receiver_id: string
  direction: 'outbound' | 'inbound'
  operation: string
  method: string
  url: string
  request_headers: Record<string, string>
  request_body?: string
  status?: number
  response_headers?: Record<string, string>
  response_body?: string
  error?: string
  started_at: number
  duration_ms: number
}

/** `POST /api/receivers/{id}/check` response (declared once, in `./conformance`). */
export type { ConformanceReport as ConformanceReportView } from './conformance'

/** `POST /api/streams` request: a Stream Configuration request, for `client_id` (default client if absent). */
export interface CreateStreamForClientRequest {
  client_id?: string
  delivery?: RequestedDelivery
  events_requested?: string[]
  description?: string
}

/** `PATCH /api/streams/{id}` request: Receiver-supplied members to change. */
export interface UpdateStreamRequest {
  delivery?: RequestedDelivery
  events_requested?: string[]
  description?: string
}

/** `POST` / `DELETE /api/streams/{id}/subjects` request. @see SSF 1.0 §8.1.3.2 */
export interface StreamSubjectRequest {
  subject: SubjectIdentifier
  verified?: boolean
}

/** `POST /api/streams/{id}/verify` request. @see SSF 1.0 §8.1.4.2 */
export interface VerifyStreamRequest {
  state?: string
}

/** `POST /api/events` request: declared once, as a zod schema, in `./events`. */
export type { FireEventRequest, FireEventResponse } from './events'

/** One row of `GET /api/traffic` (and the `traffic.created` live event's fields). */
export interface TrafficSummary {
  id: number
  /** Milliseconds since the epoch. */
  at: number
  duration_ms: number
  direction: 'inbound' | 'outbound'
  kind: 'management' | 'push' | 'poll' | 'metadata' | 'jwks' | 'receiver-push' | 'oauth' | 'other'
  method: string
  url: string
  /** Absent when no response was sent (network error, connection closed). */
  status: number | null
  error: string | null
  stream_id: string | null
  jti: string | null
  event_type: string | null
  receiver_id: string | null
}

/** `GET /api/traffic` response: newest first; pass `next_before` as `before` for the next page. */
export interface TrafficPage {
  items: TrafficSummary[]
  next_before: number | null
}

/** A SET found in an exchange, decoded (unverified) and linted. */
export type TrafficSet =
  | {
      token: string
      header: Record<string, unknown>
      claims: Record<string, unknown>
      event_type: string | null
      findings: Finding[]
    }
  | { token: string; error: string }

/** `GET /api/traffic/{id}`: one exchange in full, secrets masked. */
export interface TrafficDetail extends TrafficSummary {
  request_headers: Record<string, string>
  request_body: string | null
  response_headers: Record<string, string>
  response_body: string | null
  sets: TrafficSet[]
}

/** `POST /api/deliveries/{id}/replay` response (202). */
export interface ReplayResponse {
  jti: string
  mode: 'exact' | 'edited'
  stream_id: string
}

/** `PUT /api/streams/{id}/faults` body and `GET` response. */
export interface StreamFaultsView {
  delay_ms?: number
  drop?: boolean
  duplicate?: boolean
  reorder?: boolean
  corrupt_signature?: boolean
  wrong_aud?: boolean
  wrong_iss?: boolean
  unknown_kid?: boolean
  alg_none?: boolean
  wrong_typ?: boolean
  iat_offset_seconds?: number
}

/** `PUT /api/receivers/{id}/faults` body and `GET` response. */
export interface ReceiverFaultsView {
  status?: number
  delay_ms?: number
}

/** `POST /api/keys/rotate` response (201). */
export interface KeyRotationResponse {
  kid: string
  alg: string
  previous_kid: string
  /** Seconds since the epoch when the previous key leaves the JWKS. */
  previous_retires_at: number
}
