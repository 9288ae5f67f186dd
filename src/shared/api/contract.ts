/**
 * Request and response bodies of the control API (`/api/*`).
 * @module
 */
import type { StreamConfiguration, StreamStatusValue, SubjectIdentifier } from '../ssf'

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

/** `POST /api/events` request. */
export interface FireEventRequest {
  /** Event-type URI or a name like `caep.session-revoked`. */
  type: string
  subject: SubjectIdentifier
  claims?: Record<string, unknown>
  stream_ids?: string[]
  txn?: string
}

/** `POST /api/events` response (201): one SET per matching stream. */
export interface FireEventResponse {
  sets: { stream_id: string; jti: string; state: 'queued' | 'held' | 'dropped' }[]
}
