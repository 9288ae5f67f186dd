/**
 * Simulated accounts of the authorization server: the administrator of each tenant.
 * @module
 */

/** Account id prefix of a simulated tenant administrator (authorization-code grant). */
export const TENANT_ADMIN_PREFIX = 'tenant-admin:'

/** The account id of the simulated administrator of `tenant`. */
export function tenantAdminAccount(tenant: string): string {
  return `${TENANT_ADMIN_PREFIX}${tenant}`
}

/** The tenant a tenant-administrator account id stands for, if it is one. */
export function tenantOfAccount(accountId: string | undefined): string | undefined {
  return accountId?.startsWith(TENANT_ADMIN_PREFIX)
    ? accountId.slice(TENANT_ADMIN_PREFIX.length)
    : undefined
}
