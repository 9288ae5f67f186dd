/**
 * Management-API authorization: `Authorization: Bearer <token>` → the client that owns it
 * (RFC 6750 challenges on failure; tokens in the query string are refused).
 * @module
 */
import type { Request, RequestHandler, Response } from 'express'
import { InvalidRequestError, UnauthorizedError } from '../../shared/ssf'
import type { AppContext } from '../core/context'
import type { ClientRecord } from '../store/clients-repo'

declare module 'express-serve-static-core' {
  interface Locals {
    client?: ClientRecord
  }
}

/** The bearer token of a request, or undefined when there is none. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization
  if (header === undefined) return undefined
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header)
  if (!match?.[1])
    throw new UnauthorizedError('the Authorization header must be "Bearer <token>"', true)
  return match[1]
}

/** Require a valid client token; sets `res.locals.client`. */
export function requireClient(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
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
    const client = ctx.repos.clients.findByToken(token)
    if (!client) throw new UnauthorizedError('the bearer token is not valid', true)
    res.locals.client = client
    next()
  }
}

/** The authenticated client (after {@link requireClient}). */
export function clientOf(res: Response): ClientRecord {
  const client = res.locals.client
  if (!client) throw new UnauthorizedError('a bearer token is required', false)
  return client
}
