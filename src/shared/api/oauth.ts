/**
 * OAuth clients of the embedded authorization server (`/api/oauth/clients`): each body declared
 * once, with the scopes the server issues.
 * @see CAEP Interoperability Profile 1.0 §"OAuth scopes"
 * @module
 */
import { z } from 'zod'

/** Read operations: read stream(s), read status. */
export const SCOPE_READ = 'ssf.read'
/** Everything else: create/update/replace/delete, status update, subjects, verification, poll. */
export const SCOPE_MANAGE = 'ssf.manage'
/** Every scope the simulator's authorization server issues. */
export const SSF_SCOPES = [SCOPE_READ, SCOPE_MANAGE] as const

/** OAuth grant types a client may be registered with. */
export const OAUTH_GRANT_TYPES = [
  'client_credentials',
  'authorization_code',
  'refresh_token'
] as const

/** Token endpoint authentication methods a client may be registered with. */
export const TOKEN_ENDPOINT_AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'none'
] as const

const scopeList = z
  .string()
  .trim()
  .min(1)
  .refine(
    (s) => s.split(/\s+/).every((x) => (SSF_SCOPES as readonly string[]).includes(x)),
    `must be a space-separated list of ${SSF_SCOPES.join(', ')}`
  )
  .transform((s) => s.split(/\s+/).join(' '))

/** `POST /api/oauth/clients` request. */
export const createOAuthClientRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'must be a non-empty string').max(200),
  grant_types: z.array(z.enum(OAUTH_GRANT_TYPES)).min(1).max(3).default(['client_credentials']),
  redirect_uris: z.array(z.url().max(2048)).max(20).optional(),
  scope: scopeList.optional(),
  tenant: z.string().min(1).max(63).optional(),
  token_endpoint_auth_method: z.enum(TOKEN_ENDPOINT_AUTH_METHODS).optional()
})
/** `POST /api/oauth/clients` request. */
export type CreateOAuthClientRequest = z.input<typeof createOAuthClientRequestSchema>

const oauthClientShape = {
  client_id: z.string(),
  client_name: z.string(),
  grant_types: z.array(z.string()),
  redirect_uris: z.array(z.string()).catch([]),
  scope: z.string().catch(''),
  token_endpoint_auth_method: z.string(),
  tenant: z.string().optional()
}

/** `GET /api/oauth/clients` item (secrets are not listed). */
export const oauthClientViewSchema = z.object(oauthClientShape)
/** `GET /api/oauth/clients` item. */
export type OAuthClientView = z.infer<typeof oauthClientViewSchema>

/** `GET /api/oauth/clients`. */
export const oauthClientViewsSchema = z.array(oauthClientViewSchema)

/** `POST /api/oauth/clients` response (201): the only answer that carries the secret. */
export const createOAuthClientResponseSchema = z.object({
  ...oauthClientShape,
  client_secret: z.string().optional(),
  issuer: z.string(),
  token_endpoint: z.string(),
  authorization_endpoint: z.string()
})
/** `POST /api/oauth/clients` response (201). */
export type CreateOAuthClientResponse = z.infer<typeof createOAuthClientResponseSchema>
