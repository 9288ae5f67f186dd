/**
 * The authorization server as the rest of the engine sees it (its own file, so the engine's
 * context can name it without importing the server).
 * @module
 */
import type { Router } from 'express'
import type { OAuthClientView } from '../../shared/api/contract'

/** What a verified access token grants. */
export interface AccessTokenInfo {
  client_id: string
  sub: string
  scopes: ReadonlySet<string>
  /** Present when the token is bound to one tenant (tenant-level authorization). */
  tenant?: string
}

/** `POST /api/oauth/clients` input (already validated). */
export interface RegisterClientInput {
  name: string
  grant_types: ('client_credentials' | 'authorization_code' | 'refresh_token')[]
  redirect_uris?: string[]
  scope?: string
  tenant?: string
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none'
}

/** The running authorization server. */
export interface OAuthServer {
  /** `{origin}/oauth` */
  issuer: string
  /** Resource (audience) of host-level tokens: the root Transmitter issuer. */
  resource: string
  /** Express router: `/oauth/*` and the RFC 8414 well-known document. */
  router: Router
  registerClient(input: RegisterClientInput): Promise<OAuthClientView & { client_secret?: string }>
  listClients(): OAuthClientView[]
  /** Verify a JWT access token at `now` (ms); throws a 401 401 `UnauthorizedError`. */
  verifyAccessToken(token: string, now: number): Promise<AccessTokenInfo>
}
