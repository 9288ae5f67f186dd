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
