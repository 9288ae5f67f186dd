/**
 * What the Transmitter's route table and endpoints are built from: named pieces of the
 * infrastructure, and the scope of the tenant they serve (an explicit argument, never a
 * differently built context). `core/start.ts` assembles {@link TransmitterDeps} once; the router
 * adds the scope of each tenant it serves.
 * @module
 */
import type { CoreOptions } from '../../core/config'
import type { ClientAuthDeps } from '../../http/bearer-auth'
import type { KeyStore } from '../../store/keys'
import type { TenantScope } from '../../tenants/scope'
import type { Faults } from '../../traffic/faults'
import type { TrafficRecorder } from '../../traffic/recorder'
import type { PollQueue } from '../delivery/poll-queue'

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
