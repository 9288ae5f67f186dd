/**
 * The embedded OAuth 2.0 authorization server, built on oidc-provider and mounted under
 * `/oauth` of the engine's express app. It issues RFC 9068 JWT access tokens for the
 * management API (scopes `ssf.read` / `ssf.manage`) through the client-credentials grant
 * (host-level authorization) and the authorization-code grant with PKCE plus a
 * tenant-administrator consent screen (tenant-level authorization).
 * @see RFC 6749, RFC 7636, RFC 8414, RFC 8707, RFC 9068; SSF 1.0 §7.1.1
 * @module
 */
import { randomBytes } from 'node:crypto'
import express, { Router, type NextFunction, type Request, type Response } from 'express'
import { errors as jose, importJWK, jwtVerify } from 'jose'
import type * as OidcProvider from 'oidc-provider'
import type { ClientMetadata, Configuration } from 'oidc-provider'
import { z } from 'zod'
import type { OAuthClientView } from '../../shared/api/contract'
import { InvalidRequestError, UnauthorizedError } from '../../shared/ssf'
import type { CoreContext } from '../core/core-context'
import type { AccessTokenInfo, OAuthServer } from './types'
import { createOAuthRepo } from '../store/oauth-repo'
import { DEFAULT_TENANT } from '../store/streams-repo'
import { TENANT_ID_PATTERN, tenantIssuer, type TenantsRepo } from '../store/tenants-repo'
import { loadAsSecrets } from './as-keys'
import { tenantOfAccount } from './accounts'
import { escapeHtml } from './html'
import { createInteractionRouter } from './interactions'
import { createProtectedResourceRouter } from './protected-resource'
import { SSF_SCOPES } from './scopes'
import { createSqliteAdapter } from './sqlite-adapter'

/** Mount path of the authorization server; its issuer is `{origin}/oauth`. */
export const OAUTH_MOUNT = '/oauth'
/** Default access-token lifetime, seconds (CAEP interop profile: short-lived, ≤ 60 min). */
export const DEFAULT_ACCESS_TOKEN_TTL = 3600
export type { AccessTokenInfo, OAuthServer, RegisterClientInput } from './types'

/** Options of {@link createOAuthServer}. */
export interface OAuthOptions {
  accessTokenTtl?: number
}

const accessTokenClaims = z.object({
  sub: z.string().min(1),
  client_id: z.string().min(1),
  scope: z.string().optional(),
  tenant: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())])
})

const clientView = z.looseObject({
  client_id: z.string(),
  client_name: z.string().optional(),
  grant_types: z.array(z.string()).optional(),
  redirect_uris: z.array(z.string()).optional(),
  scope: z.string().optional(),
  token_endpoint_auth_method: z.string().optional(),
  tenant: z.string().optional()
})

function toView(metadata: z.infer<typeof clientView>): OAuthClientView {
  const view: OAuthClientView = {
    client_id: metadata.client_id,
    client_name: metadata.client_name ?? metadata.client_id,
    grant_types: metadata.grant_types ?? ['client_credentials'],
    redirect_uris: metadata.redirect_uris ?? [],
    scope: metadata.scope ?? SSF_SCOPES.join(' '),
    token_endpoint_auth_method: metadata.token_endpoint_auth_method ?? 'client_secret_basic'
  }
  if (metadata.tenant !== undefined) view.tenant = metadata.tenant
  return view
}

const RUNTIME_WARNING = 'oidc-provider WARNING: Unsupported runtime.'

/**
 * Load oidc-provider lazily (commands such as `ssf-sim fire` never pay for it). On Node 20 it
 * prints an "unsupported runtime" warning at import although it runs correctly there (our whole
 * suite runs on Node 20.20; the desktop app's Electron ships Node 22): that one line is dropped.
 */
async function importOidcProvider(): Promise<typeof OidcProvider> {
  const warn = console.warn
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes(RUNTIME_WARNING)) return
    warn(...args)
  }
  try {
    return await import('oidc-provider')
  } finally {
    console.warn = warn
  }
}

/** Build the authorization server over the engine's store. */
export async function createOAuthServer(
  core: CoreContext,
  tenants: TenantsRepo,
  options: OAuthOptions = {}
): Promise<OAuthServer> {
  const ttl = options.accessTokenTtl ?? DEFAULT_ACCESS_TOKEN_TTL
  const issuer = `${core.origin}${OAUTH_MOUNT}`
  const resource = core.issuer
  const secrets = await loadAsSecrets(core.db)
  const Adapter = createSqliteAdapter(core.db)
  const publicKey = await importJWK(secrets.publicJwk, 'RS256')

  /** The tenant a resource indicator names: the default tenant for the root issuer. */
  const tenantOfResource = (indicator: string): string | undefined => {
    if (indicator === resource) return DEFAULT_TENANT
    const prefix = `${resource.replace(/\/$/, '')}/t/`
    if (!indicator.startsWith(prefix)) return undefined
    const id = indicator.slice(prefix.length)
    return TENANT_ID_PATTERN.test(id) && tenants.exists(id) ? id : undefined
  }
  const clientTenant = (metadata: ClientMetadata): string | undefined => {
    const t = metadata['tenant']
    return typeof t === 'string' ? t : undefined
  }

  /**
   * oidc-provider is loaded and built on the first request that needs it, not at start: it is
   * most of the engine's start time and memory, and most sessions never use the authorization
   * server (start to `listening` is measured by `npm run bench`).
   */
  let loading: Promise<Loaded> | undefined
  const load = (): Promise<Loaded> => (loading ??= build())
  interface Loaded {
    provider: OidcProvider.default
    errors: typeof OidcProvider.errors
    callback: ReturnType<OidcProvider.default['callback']>
    interactions: Router
  }

  async function build(): Promise<Loaded> {
    const { default: Provider, errors } = await importOidcProvider()
    const configuration: Configuration = {
      adapter: Adapter,
      jwks: { keys: [secrets.signingJwk] },
      cookies: { keys: [secrets.cookieKey] },
      scopes: [...SSF_SCOPES],
      responseTypes: ['code'],
      ttl: {
        AccessToken: ttl,
        ClientCredentials: ttl,
        AuthorizationCode: 600,
        Interaction: 3600,
        Session: 14 * 86400,
        Grant: 14 * 86400,
        RefreshToken: 14 * 86400,
        IdToken: 3600
      },
      clientDefaults: {
        grant_types: ['client_credentials'],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic'
      },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        introspection: { enabled: true },
        revocation: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: (_ctx, client) => {
            const tenant = client ? clientTenant(client.metadata()) : undefined
            return tenant === undefined ? resource : tenantIssuer(resource, tenant)
          },
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, indicator, client) => {
            const target = tenantOfResource(indicator)
            if (target === undefined)
              throw new errors.InvalidTarget(
                `the resource must be the Transmitter issuer (${resource}) or a tenant issuer`
              )
            const bound = clientTenant(client.metadata())
            if (bound !== undefined && target !== DEFAULT_TENANT && target !== bound)
              throw new errors.InvalidTarget(`this client is bound to tenant "${bound}"`)
            return {
              scope: client.metadata().scope ?? SSF_SCOPES.join(' '),
              audience: indicator,
              accessTokenTTL: ttl,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: 'RS256' } }
            }
          }
        }
      },
      extraClientMetadata: {
        properties: ['tenant'],
        validator(_ctx, key, value) {
          if (key !== 'tenant' || value === undefined) return
          if (typeof value !== 'string' || !tenants.exists(value))
            throw new errors.InvalidClientMetadata('"tenant" must name an existing tenant')
        }
      },
      extraTokenClaims(ctx, token) {
        const client = ctx.oidc.client
        const tenant =
          (client ? clientTenant(client.metadata()) : undefined) ??
          ('accountId' in token ? tenantOfAccount(token.accountId) : undefined)
        return tenant === undefined ? undefined : { tenant }
      },
      pkce: { required: () => true },
      interactions: { url: (_ctx, interaction) => `${OAUTH_MOUNT}/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
      renderError(ctx, out) {
        ctx.type = 'html'
        ctx.body = errorPage(out.error, out.error_description)
      }
    }

    const provider = new Provider(issuer, configuration)
    return {
      provider,
      errors,
      callback: provider.callback(),
      interactions: createInteractionRouter({ provider, tenants, resource, scopes: SSF_SCOPES })
    }
  }

  const router = Router()
  // RFC 8414 §3: the well-known suffix is inserted before the issuer's path.
  router.get(`/.well-known/oauth-authorization-server${OAUTH_MOUNT}`, async (req, res) => {
    const { callback } = await load()
    // oidc-provider derives its mount path from originalUrl vs url (as under app.use('/oauth')).
    req.originalUrl = `${OAUTH_MOUNT}/.well-known/openid-configuration`
    req.url = '/.well-known/openid-configuration'
    callback(req, res)
  })
  router.use(createProtectedResourceRouter(resource, issuer, tenants))
  router.use(
    `${OAUTH_MOUNT}/interaction`,
    express.urlencoded({ extended: false, limit: '16kb' }),
    async (req: Request, res: Response, next: NextFunction) => {
      const { interactions } = await load()
      interactions(req, res, next)
    }
  )
  router.use(OAUTH_MOUNT, async (req: Request, res: Response) => {
    const { callback } = await load()
    callback(req, res)
  })

  const store = createOAuthRepo(core.db)

  return {
    issuer,
    resource,
    router,

    async registerClient(input) {
      const confidential = (input.token_endpoint_auth_method ?? 'client_secret_basic') !== 'none'
      const usesCode = input.grant_types.includes('authorization_code')
      const metadata: ClientMetadata = {
        client_id: 'pending',
        client_name: input.name,
        grant_types: input.grant_types,
        response_types: usesCode ? ['code'] : [],
        redirect_uris: input.redirect_uris ?? [],
        scope: input.scope ?? SSF_SCOPES.join(' '),
        token_endpoint_auth_method: input.token_endpoint_auth_method ?? 'client_secret_basic'
      }
      if (confidential) metadata.client_secret = randomBytes(32).toString('base64url')
      if (input.tenant !== undefined) metadata['tenant'] = input.tenant
      const { provider, errors } = await load()
      try {
        await provider.Client.validate(metadata)
      } catch (err) {
        const description =
          err instanceof errors.OIDCProviderError ? err.error_description : undefined
        throw new InvalidRequestError(description ?? 'invalid client metadata')
      }
      // The OAuth client *is* a management-API client: streams it creates are its own.
      const row = core.repos.clients.create(input.name, core.clock.now())
      metadata.client_id = row.client_id
      await new Adapter('Client').upsert(row.client_id, metadata)
      core.bus.publish({ type: 'client.created', client_id: row.client_id })
      const view = toView(clientView.parse(metadata))
      return metadata.client_secret === undefined
        ? view
        : { ...view, client_secret: metadata.client_secret }
    },

    listClients() {
      return store.payloads('Client').flatMap((payload) => {
        const parsed = clientView.safeParse(JSON.parse(payload))
        return parsed.success ? [toView(parsed.data)] : []
      })
    },

    async verifyAccessToken(token, now) {
      let payload: unknown
      try {
        ;({ payload } = await jwtVerify(token, publicKey, {
          issuer,
          typ: 'at+jwt',
          algorithms: ['RS256'],
          currentDate: new Date(now)
        }))
      } catch (err) {
        const reason =
          err instanceof jose.JWTExpired
            ? 'the access token has expired'
            : err instanceof jose.JOSEError
              ? `the access token is not valid (${err.code})`
              : 'the access token is not valid'
        throw new UnauthorizedError(reason, true)
      }
      const claims = accessTokenClaims.safeParse(payload)
      if (!claims.success)
        throw new UnauthorizedError('the access token lacks sub/client_id/aud', true)
      const auds = typeof claims.data.aud === 'string' ? [claims.data.aud] : claims.data.aud
      const targets = auds.map(tenantOfResource).filter((t) => t !== undefined)
      if (targets.length !== 1)
        throw new UnauthorizedError('the access token is not meant for this Transmitter', true)
      const audienceTenant = targets[0] === DEFAULT_TENANT ? undefined : targets[0]
      const tenant = claims.data.tenant ?? audienceTenant
      if (audienceTenant !== undefined && tenant !== audienceTenant)
        throw new UnauthorizedError('the access token names two different tenants', true)
      const info: AccessTokenInfo = {
        client_id: claims.data.client_id,
        sub: claims.data.sub,
        scopes: new Set((claims.data.scope ?? '').split(' ').filter((s) => s.length > 0))
      }
      if (tenant !== undefined) info.tenant = tenant
      return info
    }
  }
}

function errorPage(error: string, description: string | undefined): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Authorization error</title></head>
<body><h1>Authorization error</h1><p data-testid="oauth-error"><code>${escapeHtml(error)}</code>: ${escapeHtml(description ?? '')}</p></body></html>`
}
