/**
 * OAuth 2.0 Protected Resource Metadata for the Transmitter (root issuer and each tenant), so a
 * Receiver can discover the authorization server and the scopes (`ssf.read`, `ssf.manage`).
 * @see RFC 9728 §3; CAEP Interoperability Profile (scopes discovered from RFC 9728 if published)
 * @module
 */
import { Router } from 'express'
import { NotFoundError, issuerPath } from '../../shared/ssf'
import { DEFAULT_TENANT } from '../store/streams-repo'
import { TENANT_ID_PATTERN, tenantIssuer, type TenantsRepo } from '../store/tenants-repo'
import { SSF_SCOPES } from './scopes'

/** Well-known suffix of RFC 9728, inserted before the resource's path like SSF's. */
export const PROTECTED_RESOURCE_WELL_KNOWN = '/.well-known/oauth-protected-resource'

/** RFC 9728 metadata of one resource. */
export interface ProtectedResourceMetadata {
  resource: string
  authorization_servers: string[]
  scopes_supported: string[]
  bearer_methods_supported: string[]
  resource_name: string
}

/** `GET /.well-known/oauth-protected-resource{root-path}[/t/{tenant}]`. */
export function createProtectedResourceRouter(
  rootIssuer: string,
  asIssuer: string,
  tenants: TenantsRepo
): Router {
  const base = issuerPath(rootIssuer)
  const router = Router()
  router.get(/^\/\.well-known\/oauth-protected-resource(\/.*)?$/, (req, res, next) => {
    const suffix = req.path.slice(PROTECTED_RESOURCE_WELL_KNOWN.length).replace(/\/$/, '')
    let tenant: string | undefined
    if (suffix === base) tenant = DEFAULT_TENANT
    else if (suffix.startsWith(`${base}/t/`)) {
      const id = suffix.slice(base.length + 3)
      if (TENANT_ID_PATTERN.test(id) && tenants.get(id)) tenant = id
    }
    if (tenant === undefined) return next(new NotFoundError(`no protected resource at ${req.path}`))
    const metadata: ProtectedResourceMetadata = {
      resource: tenantIssuer(rootIssuer, tenant),
      authorization_servers: [asIssuer],
      scopes_supported: [...SSF_SCOPES],
      bearer_methods_supported: ['header'],
      resource_name:
        tenant === DEFAULT_TENANT ? 'SSF Transmitter' : `SSF Transmitter (tenant ${tenant})`
    }
    res.set('Cache-Control', 'no-cache').json(metadata)
  })
  return router
}
