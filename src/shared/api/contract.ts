/**
 * Request and response bodies of the control API (`/api/*`).
 * @module
 */
import type {
  Finding,
  RequestedDelivery,
  StreamConfiguration,
  StreamStatusValue,
  SubjectIdentifier
} from '../ssf'

/** `GET /api/session`: what the UI needs to show the home screen. */
export interface SessionInfo {
  issuer: string
  metadata_url: string
  token: string
  version: string
}

/** `POST /api/clients` request. */
export interface CreateClientRequest {
  name: string
  audience?: string
  /** A fixed bearer token (8-512 visible ASCII characters); generated when absent. */
  token?: string
}

/** `POST /api/clients` response (201). */
export interface CreateClientResponse {
  client_id: string
  token: string
  name: string
  audience: string
}

/** `GET /api/clients` item (tokens are not listed). */
export interface ClientSummary {
  client_id: string
  name: string
  audience: string
  is_default: boolean
  created_at: number
}

/** One stream as the UI sees it: configuration, owner, status and subjects. */
export interface StreamView {
  client_id: string
  config: StreamConfiguration
  status: StreamStatusValue
  reason?: string
  created_at: number
  updated_at: number
  subjects: { subject: SubjectIdentifier; verified: boolean; added_at: number }[]
  /** Present (true) when events about a subject need that subject's consent. */
  consent_required?: boolean
  /** Subjects removed (latest removal of each), when any: for the stream's timeline. */
  removed_subjects?: { subject: SubjectIdentifier; removed_at: number }[]
  /** Verification requests, oldest first, when any (with or without a SET sent for them). */
  verification_requests?: { state?: string; requested_at: number }[]
}

/** `POST /api/streams/{id}/status` request. */
export interface SetStatusRequest {
  status: StreamStatusValue
  reason?: string
}

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

/** The stream our Receiver manages on the external Transmitter. */
export interface ReceiverStreamView {
  stream_id: string
  method: string
  poll_endpoint?: string
  events_delivered?: string[]
  config: unknown
}

/** A registered external Transmitter (`POST /api/receivers` 201, `GET /api/receivers[/{id}]`). */
export interface ReceiverView {
  receiver_id: string
  issuer: string
  audience: string
  push_endpoint: string
  /** The `Authorization` value the Transmitter must send, when the receiver requires one. */
  authorization_header?: string
  metadata_url: string
  metadata: Record<string, unknown>
  spec_generation: 'final' | 'draft' | 'legacy' | 'unknown'
  settings: {
    require_authorization: boolean
    auth_failure_status: 401 | 400
    poll_interval_seconds: number
    poll_max_events: number
    strict: boolean
    reject_foreign_verification_subject: boolean
    allow_http: boolean
    has_transmitter_token: boolean
  }
  stream?: ReceiverStreamView
  verification_pending: boolean
  findings: FindingView[]
  created_at: number
  updated_at: number
}

/** Result of a call to the external Transmitter (its failures are data, not errors). */
export interface ReceiverOperationResult {
  ok: boolean
  operation: string
  status?: number
  exchange_id?: number
  result?: unknown
  error?: { status?: number; err?: string; description: string }
  /** `POST /api/receivers/{id}/verify`: the state that was requested. */
  state?: string
}

/** `GET /api/receivers/{id}/inbox` item: one received SET and its verdict. */
export interface InboxEntryView {
  id: number
  receiver_id: string
  via: 'push' | 'poll'
  received_at: number
  jti?: string
  raw: string
  header?: unknown
  payload?: unknown
  verdict: 'accepted' | 'rejected'
  err?: string
  description?: string
  findings: FindingView[]
  exchange_id?: number
}

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

/** `POST /api/receivers/{id}/poll` response. */
export interface PollResultView {
  ok: boolean
  requests: number
  received: number
  acked: string[]
  set_errs: Record<string, { err: string; description: string }>
  more_available: boolean
  exchange_ids: number[]
  error?: { status?: number; err?: string; description: string }
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
export type { FireEventRequest } from './events'

/** `POST /api/events` response (201): one SET per matching stream. */
export interface FireEventResponse {
  sets: { stream_id: string; jti: string; state: 'queued' | 'held' | 'dropped' }[]
  /** The catalog's findings: warnings, plus errors when `allow_invalid` let them through. */
  findings: Finding[]
}

/** `GET /api/tenants` item, `POST /api/tenants` response (201). */
export interface TenantView {
  tenant_id: string
  name: string
  /** `http://HOST:PORT` for the default tenant, `{root}/t/{tenant_id}` otherwise. */
  issuer: string
  metadata_url: string
  is_default: boolean
  created_at?: number
}

/** `POST /api/tenants` request. */
export interface CreateTenantRequest {
  tenant_id: string
  name?: string
}

/** `GET /api/oauth/clients` item (secrets are not listed). */
export interface OAuthClientView {
  client_id: string
  client_name: string
  grant_types: string[]
  redirect_uris: string[]
  scope: string
  token_endpoint_auth_method: string
  tenant?: string
}

/** `POST /api/oauth/clients` request. */
export interface CreateOAuthClientRequest {
  name: string
  grant_types?: ('client_credentials' | 'authorization_code' | 'refresh_token')[]
  redirect_uris?: string[]
  scope?: string
  tenant?: string
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none'
}

/** `POST /api/oauth/clients` response (201). */
export interface CreateOAuthClientResponse extends OAuthClientView {
  client_secret?: string
  issuer: string
  token_endpoint: string
  authorization_endpoint: string
}

/** `GET /api/consents` item, `POST /api/consents` response (201). */
export interface ConsentView {
  consent_id: string
  tenant: string
  subject: SubjectIdentifier
  client_id?: string
  granted_at: number
  revoked_at?: number
}

/** `POST /api/consents` request. */
export interface GrantConsentRequest {
  tenant?: string
  subject: SubjectIdentifier
  client_id?: string
}

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
