/**
 * Management-API authorization: `Authorization: Bearer <token>` → the client that owns it
 * (RFC 6750 challenges on failure; tokens in the query string are refused). A token is either a
 * static client token (every scope, every tenant) or a JWT access token from the embedded
 * authorization server (its scopes; bound to one tenant for tenant-level authorization).
 * @see SSF 1.0 §7.1.1, RFC 6750 §3.1, CAEP Interoperability Profile §"OAuth"
 * @module
 */
import type { Request, RequestHandler, Response } from 'express'
import {
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
  UnauthorizedError
} from '../../shared/ssf'
import type { Clock } from '../core/clock'
import { SSF_SCOPES, scopeSatisfies, type SsfScope } from '../oauth/scopes'
import type { OAuthServer } from '../oauth/types'
import type { ClientRecord, ClientsRepo } from '../store/clients-repo'

/** How a request was authorized. */
export interface AuthInfo {
  via: 'static' | 'oauth'
  scopes: ReadonlySet<string>
  /** The one tenant the credential is bound to; absent = host-level (every tenant). */
  tenant?: string
}

declare module 'express-serve-static-core' {
  interface Locals {
    client?: ClientRecord
    auth?: AuthInfo
  }
}

/** A compact JWS (three base64url parts) rather than an opaque static token. */
const looksLikeJwt = (token: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)

const ALL_SCOPES: ReadonlySet<string> = new Set(SSF_SCOPES)

/** `Bearer <token>`, the one form of the Authorization header we read. */
const BEARER = /^Bearer[ ]+(\S+)\s*$/i

/** The bearer token of a request, or undefined when there is none. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization
  if (header === undefined) return undefined
  const match = BEARER.exec(header)
  if (!match?.[1])
    throw new UnauthorizedError('the Authorization header must be "Bearer <token>"', true)
  return match[1]
}

/** What {@link requireClient} checks a credential against. */
export interface ClientAuthDeps {
  clients: Pick<ClientsRepo, 'findByToken' | 'get'>
  oauth: Pick<OAuthServer, 'verifyAccessToken'>
  clock: Clock
}

/**
 * Require a valid client token; sets `res.locals.client` and `res.locals.auth`. A credential
 * bound to another tenant than `tenant` (the one the route serves) gets 404, as if nothing were
 * here.
 */
export function requireClient(ctx: ClientAuthDeps, tenant: string): RequestHandler {
  return async (req, res, next) => {
    // The CAEP Interop Profile forbids query-string tokens: one there is never read. With a header
    // as well it is two methods at once (RFC 6750 §3.1 invalid_request, 400); alone it is no
    // credential at all (401).
    const inQuery = req.query.access_token !== undefined
    const token = bearerToken(req)
    if (inQuery && token !== undefined)
      throw new InvalidRequestError(
        'access tokens must be sent in the Authorization header only, not also in the query'
      )
    if (token === undefined)
      throw new UnauthorizedError(
        inQuery
          ? 'access tokens in the query string are not accepted; use the Authorization header'
          : 'a bearer token is required',
        false
      )
    const staticClient = ctx.clients.findByToken(token)
    if (staticClient) {
      res.locals.client = staticClient
      res.locals.auth = { via: 'static', scopes: ALL_SCOPES }
    } else if (looksLikeJwt(token)) {
      const info = await ctx.oauth.verifyAccessToken(token, ctx.clock.now())
      const client = ctx.clients.get(info.client_id)
      if (!client) throw new UnauthorizedError('the access token names an unknown client', true)
      res.locals.client = client
      res.locals.auth =
        info.tenant === undefined
          ? { via: 'oauth', scopes: info.scopes }
          : { via: 'oauth', scopes: info.scopes, tenant: info.tenant }
    } else throw new UnauthorizedError('the bearer token is not valid', true)
    const bound = res.locals.auth.tenant
    if (bound !== undefined && bound !== tenant)
      throw new NotFoundError(`no endpoint ${req.method} ${req.path} for this token's tenant`)
    next()
  }
}

/**
 * The static client whose token an Authorization header carries (`Bearer <token>`), or undefined
 * for anything else: no header, another form, an access token (JWT), an unknown token. A static
 * token carries every scope and every tenant. The lean path's check (`lean-reads.ts`);
 * {@link requireClient} decides every other case.
 */
export function staticClient(
  clients: Pick<ClientsRepo, 'findByToken'>,
  authorization: string | undefined
): ClientRecord | undefined {
  const token = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1]
  return token === undefined ? undefined : clients.findByToken(token)
}

/**
 * Require an OAuth scope (after {@link requireClient}): 403 `insufficient_scope` with an
 * RFC 6750 challenge otherwise. Static tokens carry every scope.
 * @see RFC 6750 §3.1
 */
export function requireScope(scope: SsfScope): RequestHandler {
  return (_req, res, next) => {
    const auth = res.locals.auth
    if (!auth) throw new UnauthorizedError('a bearer token is required', false)
    if (!scopeSatisfies(auth.scopes, scope))
      throw new ForbiddenError(`this operation needs the "${scope}" scope`, 'insufficient_scope', {
        'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}"`
      })
    next()
  }
}

/** The authenticated client (after {@link requireClient}). */
export function clientOf(res: Response): ClientRecord {
  const client = res.locals.client
  if (!client) throw new UnauthorizedError('a bearer token is required', false)
  return client
}
