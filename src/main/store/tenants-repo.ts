/**
 * Tenants of the Transmitter. The default tenant is implicit (it keeps the root issuer); other
 * tenants are issuers with a path, `{root}/t/{tenant_id}`.
 * @see SSF 1.0 §7.2 (issuers with a path)
 * @module
 */
import { DEFAULT_TENANT } from './streams-repo'
import type { Db } from './sqlite'

/** A stored tenant. */
export interface TenantRecord {
  tenant_id: string
  name: string
  created_at: number
}

export { TENANT_ID_PATTERN } from '../../shared/api/tenants'

/** Data access for tenants. */
export function createTenantsRepo(db: Db) {
  const byId = db.prepare<[string], TenantRecord>('SELECT * FROM tenants WHERE tenant_id = ?')
  const all = db.prepare<[], TenantRecord>('SELECT * FROM tenants ORDER BY created_at, tenant_id')
  const insert = db.prepare(
    'INSERT INTO tenants (tenant_id, name, created_at) VALUES (@tenant_id, @name, @created_at)'
  )
  return {
    get(tenantId: string): TenantRecord | undefined {
      return byId.get(tenantId)
    },
    /** Every tenant but the implicit default one. */
    list(): TenantRecord[] {
      return all.all()
    },
    /** Whether `tenantId` names the default tenant or a stored one. */
    exists(tenantId: string): boolean {
      return tenantId === DEFAULT_TENANT || byId.get(tenantId) !== undefined
    },
    create(tenantId: string, name: string, now: number): TenantRecord {
      const record = { tenant_id: tenantId, name, created_at: now }
      insert.run(record)
      return record
    }
  }
}

/** The tenants repository. */
export type TenantsRepo = ReturnType<typeof createTenantsRepo>

/** The issuer of a tenant: the root issuer for the default tenant, `{root}/t/{id}` otherwise. */
export function tenantIssuer(rootIssuer: string, tenantId: string): string {
  return tenantId === DEFAULT_TENANT ? rootIssuer : `${rootIssuer.replace(/\/$/, '')}/t/${tenantId}`
}
