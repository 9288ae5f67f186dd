/**
 * Tenants as issuers with a path: `{root}/t/{tenant}` serves the whole Transmitter (metadata at
 * `/.well-known/ssf-configuration{root-path}/t/{tenant}`, every management endpoint) over that
 * tenant's own streams. Each tenant gets the same route table, built once over a tenant-scoped
 * context and cached.
 * @see SSF 1.0 §7.2
 * @module
 */
import { Router } from 'express'
import { NotFoundError, SSF_WELL_KNOWN_PATH, issuerPath } from '../../shared/ssf'
import type { AppContext, CoreContext } from '../core/context'
import { notFoundHandler } from '../http/error-handler'
import { createTransmitterRouter, type TransmitterRoute } from '../transmitter/router'
import { TENANT_ID_PATTERN, tenantIssuer } from '../store/tenants-repo'

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The engine context seen from one tenant: its issuer, its streams. */
export function tenantContext(ctx: AppContext, tenantId: string): AppContext {
  const { services, ...rest } = ctx
  const core: CoreContext = {
    ...rest,
    issuer: tenantIssuer(ctx.issuer, tenantId),
    tenant: tenantId,
    repos: {
      ...ctx.repos,
      streams: services.consents.consentAware(ctx.repos.streams.forTenant(tenantId))
    }
  }
  return { ...core, services: { ...services, streams: services.streamsFor(core) } }
}

/** Dispatches `/t/{tenant}/…` (and its well-known document) to that tenant's Transmitter. */
export function createTenantsRouter(
  ctx: AppContext,
  extraRoutes: readonly TransmitterRoute[] = []
): Router {
  const base = escapeRegExp(issuerPath(ctx.issuer))
  const pattern = new RegExp(`^(?:${escapeRegExp(SSF_WELL_KNOWN_PATH)})?${base}/t/([^/]+)(?:/|$)`)
  const routers = new Map<string, Router>()
  const router = Router()
  router.use((req, res, next) => {
    const id = pattern.exec(req.path)?.[1]
    if (id === undefined) return next()
    if (!TENANT_ID_PATTERN.test(id) || !ctx.repos.tenants.get(id))
      throw new NotFoundError(`no tenant "${id}"`)
    let tenantRouter = routers.get(id)
    if (!tenantRouter) {
      tenantRouter = createTransmitterRouter(tenantContext(ctx, id), extraRoutes)
      routers.set(id, tenantRouter)
    }
    // Anything else below a tenant's issuer is a JSON 404, never the UI's SPA fallback.
    tenantRouter(req, res, (err?: unknown) =>
      err === undefined ? notFoundHandler(req, res, next) : next(err)
    )
  })
  return router
}
