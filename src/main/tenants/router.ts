/**
 * Tenants as issuers with a path: `{root}/t/{tenant}` serves the whole Transmitter (metadata at
 * `/.well-known/ssf-configuration{root-path}/t/{tenant}`, every management endpoint) over that
 * tenant's own streams. Each tenant gets the same route table over the same infrastructure, with
 * its own {@link TenantScope}; a tenant's router is built on its first request and cached.
 * @see SSF 1.0 §7.2
 * @module
 */
import { Router } from 'express'
import { NotFoundError, SSF_WELL_KNOWN_PATH, issuerPath } from '../../shared/ssf'
import { notFoundHandler } from '../http/error-handler'
import { TENANT_ID_PATTERN, type TenantsRepo } from '../store/tenants-repo'
import type { TransmitterDeps } from '../transmitter/endpoints/deps'
import { createTransmitterRouter } from '../transmitter/router'
import { tenantScope, type ScopeDeps } from './scope'

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** What the tenants' Transmitters are built from. */
export interface TenantsRouterDeps {
  tenants: Pick<TenantsRepo, 'get'>
  /** The infrastructure every tenant's Transmitter uses. */
  transmitter: TransmitterDeps
  /** What each tenant's scope is built from (its issuer follows the root issuer). */
  scopes: ScopeDeps
}

/** Dispatches `/t/{tenant}/…` (and its well-known document) to that tenant's Transmitter. */
export function createTenantsRouter({ tenants, transmitter, scopes }: TenantsRouterDeps): Router {
  const base = escapeRegExp(issuerPath(scopes.rootIssuer))
  const pattern = new RegExp(`^(?:${escapeRegExp(SSF_WELL_KNOWN_PATH)})?${base}/t/([^/]+)(?:/|$)`)
  const routers = new Map<string, Router>()
  const router = Router()
  router.use((req, res, next) => {
    const id = pattern.exec(req.path)?.[1]
    if (id === undefined) return next()
    if (!TENANT_ID_PATTERN.test(id) || !tenants.get(id))
      throw new NotFoundError(`no tenant "${id}"`)
    let tenantRouter = routers.get(id)
    if (!tenantRouter) {
      tenantRouter = createTransmitterRouter(transmitter, tenantScope(scopes, id))
      routers.set(id, tenantRouter)
    }
    // Anything else below a tenant's issuer is a JSON 404, never the UI's SPA fallback.
    tenantRouter(req, res, (err?: unknown) =>
      err === undefined ? notFoundHandler(req, res, next) : next(err)
    )
  })
  return router
}
