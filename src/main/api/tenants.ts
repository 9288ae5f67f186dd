/**
 * `GET /api/tenants`, `POST /api/tenants`: the Transmitter's tenants (issuers with a path).
 * @module
 */
import type { RequestHandler } from 'express'
import { z } from 'zod'
import type { TenantView } from '../../shared/api/contract'
import { ConflictError, discoveryUrl, parseWith, requireJsonObject } from '../../shared/ssf'
import type { AppContext } from '../core/context'
import { DEFAULT_TENANT } from '../store/streams-repo'
import { TENANT_ID_PATTERN, tenantIssuer } from '../tenants/tenants-repo'

const createTenantSchema = z.strictObject({
  tenant_id: z
    .string()
    .regex(
      TENANT_ID_PATTERN,
      'must be 1-63 lower-case letters, digits or "-" (not starting with "-")'
    ),
  name: z.string().trim().min(1).max(200).optional()
})

function view(ctx: AppContext, tenantId: string, name: string, createdAt?: number): TenantView {
  const issuer = tenantIssuer(ctx.issuer, tenantId)
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

export const get = (ctx: AppContext): RequestHandler[] => [
  function listTenants(_req, res) {
    res.json([
      view(ctx, DEFAULT_TENANT, 'Default tenant'),
      ...ctx.repos.tenants.list().map((t) => view(ctx, t.tenant_id, t.name, t.created_at))
    ])
  }
]

export const post = (ctx: AppContext): RequestHandler[] => [
  function createTenant(req, res) {
    const body = parseWith(createTenantSchema, requireJsonObject(req.body, 'tenant'), 'tenant')
    if (ctx.repos.tenants.exists(body.tenant_id))
      throw new ConflictError(`tenant "${body.tenant_id}" exists already`)
    const t = ctx.repos.tenants.create(body.tenant_id, body.name ?? body.tenant_id, ctx.clock.now())
    res.status(201).json(view(ctx, t.tenant_id, t.name, t.created_at))
  }
]
