/**
 * A tenant's scope ({@link TenantScope}): what the Transmitter serves for one tenant — the
 * tenant's id, its issuer and its streams. The Transmitter's router and endpoints take a scope as
 * an explicit argument beside the named infrastructure they use, so a handler always knows which
 * tenant's streams it sees; {@link tenantScope} is the one function that builds a scope.
 * @see SSF 1.0 §7.2 (issuer with a path)
 * @module
 */
import type { StreamsRepo } from '../store/streams-repo'
import { tenantIssuer } from '../store/tenants-repo'
import type { TenantScope } from '../transmitter/endpoints/deps'
import { createStreamsService, type StreamsServiceDeps } from '../transmitter/streams-service'
import type { ConsentsService } from './consents'

export type { TenantScope }

/** What every scope is built from: the stream service's dependencies, over every tenant. */
export interface ScopeDeps extends Omit<StreamsServiceDeps, 'streams' | 'issuer'> {
  /** The root issuer (the default tenant's). */
  rootIssuer: string
  /** Every tenant's streams: the unscoped repo, which each scope narrows to its tenant. */
  streams: StreamsRepo
  consents: Pick<ConsentsService, 'consentAware'>
}

/** The scope of `tenant`. */
export function tenantScope(deps: ScopeDeps, tenant: string): TenantScope {
  const { rootIssuer, streams, consents, ...service } = deps
  const issuer = tenantIssuer(rootIssuer, tenant)
  return {
    tenant,
    issuer,
    streams: createStreamsService({
      ...service,
      issuer,
      streams: consents.consentAware(streams.forTenant(tenant))
    })
  }
}
