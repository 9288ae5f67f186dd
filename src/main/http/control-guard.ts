/**
 * Guards of the local control API and UI: DNS-rebinding defence (Host must be a local name we
 * serve), cross-site defence (Origin / Sec-Fetch-Site must be same-origin) and authentication
 * (the default client's bearer token or the UI session cookie).
 * @module
 */
import { timingSafeEqual } from 'node:crypto'
import type { Request, RequestHandler } from 'express'
import { ForbiddenError, UnauthorizedError } from '../../shared/ssf'
import type { CoreContext } from '../core/core-context'
import { bearerToken } from './bearer-auth'

/** Name of the UI session cookie. */
export const SESSION_COOKIE = 'ssf_sim_session'

/** The host name of a `Host` header value (`[::1]:4400` → `[::1]`). */
export function hostName(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader.trim())
  return match?.[1]?.toLowerCase()
}

/** Host names always treated as local. */
export const LOCAL_HOST_NAMES = ['localhost', '127.0.0.1', '[::1]']

function sameOrigin(req: Request): boolean {
  const origin = req.headers.origin
  if (origin !== undefined && origin !== 'null') {
    let parsed: URL
    try {
      parsed = new URL(origin)
    } catch {
      return false
    }
    if (parsed.host.toLowerCase() !== (req.headers.host ?? '').toLowerCase()) return false
  } else if (origin === 'null') return false
  const site = req.headers['sec-fetch-site']
  return site === undefined || site === 'same-origin' || site === 'none'
}

/** Compare secrets without leaking timing. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Parse one cookie out of a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name)
      return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}

/** Throw 403 unless the Host header names a host we serve (DNS-rebinding defence). */
export function requireLocalSameOriginHost(ctx: CoreContext, req: Request): void {
  const host = hostName(req.headers.host)
  if (host === undefined || !ctx.allowedHosts.has(host))
    throw new ForbiddenError(
      `Host "${req.headers.host ?? ''}" is not served here (DNS rebinding protection)`,
      'forbidden_host'
    )
}

/** Refuse requests whose Host is not one we serve (DNS rebinding) or that come cross-site. */
export function requireLocalSameOrigin(ctx: CoreContext): RequestHandler {
  return (req, _res, next) => {
    requireLocalSameOriginHost(ctx, req)
    if (!sameOrigin(req))
      throw new ForbiddenError('cross-site requests are refused', 'forbidden_origin')
    next()
  }
}

/** Require the admin (default client) token, as a bearer token or the session cookie. */
export function requireAdmin(ctx: CoreContext): RequestHandler {
  return (req, _res, next) => {
    const token = bearerToken(req) ?? readCookie(req.headers.cookie, SESSION_COOKIE)
    if (token === undefined)
      throw new UnauthorizedError(
        'the control API needs the simulator token (Bearer) or a UI session',
        false
      )
    if (!safeEqual(token, ctx.adminToken))
      throw new UnauthorizedError('the token is not the simulator token', true)
    next()
  }
}
