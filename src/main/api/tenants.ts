/**
 * `GET /api/tenants`, `POST /api/tenants`: the Transmitter's tenants (issuers with a path).
 * @module
 */
import { createTenantRequestSchema, type TenantView } from '../../shared/api/tenants'
import { ConflictError, discoveryUrl, parseWith, requireJsonObject } from '../../shared/ssf'
import type { ApiHandler } from './deps'
import { DEFAULT_TENANT } from '../store/streams-repo'
import { tenantIssuer } from '../store/tenants-repo'

function view(rootIssuer: string, tenantId: string, name: string, createdAt?: number): TenantView {
  const issuer = tenantIssuer(rootIssuer, tenantId)
  const out: TenantView = {
    tenant_id: tenantId,
    name,
    issuer,
    metadata_url: discoveryUrl(issuer),
    is_default: tenantId === DEFAULT_TENANT
  }
  if (createdAt !== undefined) out.created_at = createdAt
  return out
}

export const get: ApiHandler = ({ infra }) =>
  function listTenants(_req, res) {
    res.json([
      view(infra.issuer, DEFAULT_TENANT, 'Default tenant'),
      ...infra.repos.tenants
        .list()
        .map((t) => view(infra.issuer, t.tenant_id, t.name, t.created_at))
    ])
  }

export const post: ApiHandler = ({ infra }) =>
  function createTenant(req, res) {
    const body = parseWith(
      createTenantRequestSchema,
      requireJsonObject(req.body, 'tenant'),
      'tenant'
    )
    if (infra.repos.tenants.exists(body.tenant_id))
      throw new ConflictError(`tenant "${body.tenant_id}" exists already`)
    const t = infra.repos.tenants.create(
      body.tenant_id,
      body.name ?? body.tenant_id,
      infra.clock.now()
    )
    res.status(201).json(view(infra.issuer, t.tenant_id, t.name, t.created_at))
  }
