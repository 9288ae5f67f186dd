/**
 * Tenants (`/api/tenants`): issuers with a path. Each body declared once.
 * @module
 */
import { z } from 'zod'

/** A tenant id: it is a path segment of the tenant's issuer. */
export const TENANT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62})$/

/** `POST /api/tenants` request. */
export const createTenantRequestSchema = z.strictObject({
  tenant_id: z
    .string()
    .regex(
      TENANT_ID_PATTERN,
      'must be 1-63 lower-case letters, digits or "-" (not starting with "-")'
    ),
  name: z.string().trim().min(1).max(200).optional()
})
/** `POST /api/tenants` request. */
export type CreateTenantRequest = z.input<typeof createTenantRequestSchema>

/** `GET /api/tenants` item, `POST /api/tenants` response (201). */
export const tenantViewSchema = z.object({
  tenant_id: z.string(),
  name: z.string(),
  /** `http://HOST:PORT` for the default tenant, `{root}/t/{tenant_id}` otherwise. */
  issuer: z.string(),
  metadata_url: z.string(),
  is_default: z.boolean(),
  created_at: z.number().optional()
})
/** `GET /api/tenants` item, `POST /api/tenants` response (201). */
export type TenantView = z.infer<typeof tenantViewSchema>

/** `GET /api/tenants`. */
export const tenantViewsSchema = z.array(tenantViewSchema)
