/**
 * What the Transmitter's route table and endpoints are built from: named pieces of the
 * infrastructure, and the scope of the tenant they serve (an explicit argument, never a
 * differently built context). `core/start.ts` assembles {@link TransmitterDeps} once;
 * `tenants/scope.ts` builds each {@link TenantScope}.
 * @module
 */
import type { CoreOptions } from '../../core/config'
import type { ClientAuthDeps } from '../../http/bearer-auth'
import type { ClientRecord } from '../../store/clients-repo'
import type { KeyStore } from '../../store/keys'
import type { Faults } from '../../traffic/faults'
import type { TrafficRecorder } from '../../traffic/recorder'
import type { PollQueue } from '../delivery/poll-queue'
import type { StreamsService } from '../streams-service'

/** One tenant as the Transmitter serves it. @see SSF 1.0 §7.2 (issuer with a path) */
export interface TenantScope {
  /** The tenant's id (`DEFAULT_TENANT` at the root issuer). */
  tenant: string
  /** The tenant's issuer: the root issuer, or `{root}/t/{tenant}`. */
  issuer: string
  /** The stream service over this tenant's streams only (consent-aware add-subject). */
  streams: StreamsService
}

/** The infrastructure the Transmitter's routes use (the same for every tenant). */
export interface TransmitterDeps extends ClientAuthDeps {
  keys: Pick<KeyStore, 'jwks'>
  options: Pick<CoreOptions, 'defaultSubjects'>
  pollQueue: Pick<PollQueue, 'poll'>
  faults: Pick<Faults, 'pollSets'>
  /** The traffic recorder: each route's first step records its exchange under the route's name. */
  traffic: Pick<TrafficRecorder, 'route'>
}

/** What an endpoint's steps are built from: the infrastructure and the tenant's scope. */
export interface EndpointDeps extends TransmitterDeps {
  scope: TenantScope
}

/**
 * A read (a route's GET): the JSON body answered with 200 to the authenticated client, from the
 * parsed query; errors are thrown. Express serves it, and so does the lean path
 * (`http/lean-reads.ts`).
 */
export type Read = (client: ClientRecord, query: Readonly<Record<string, unknown>>) => unknown
