/**
 * Request and response bodies of the control API (`/api/*`).
 * @module
 */
import type {
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
}

/** `POST /api/streams/{id}/status` request. */
export interface SetStatusRequest {
  status: StreamStatusValue
  reason?: string
}

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
