/**
 * AppContext: everything handlers and services use, injected (never module singletons).
 * @module
 */
import type { ReceiverService } from '../receiver/service'
import type { OAuthServer } from '../oauth/server'
import type { ClientsRepo } from '../store/clients-repo'
import type { CustomEventsRepo } from '../store/custom-events-repo'
import type { KeyStore } from '../store/keys'
import type { Db } from '../store/sqlite'
import type { StreamsRepo } from '../store/streams-repo'
import type { DeliveryService } from '../transmitter/delivery/service'
import type { ConsentsService } from '../tenants/consents'
import type { TenantsRepo } from '../tenants/tenants-repo'
import type { StreamsService } from '../transmitter/streams-service'
import type { Bus } from './bus'
import type { CoreOptions } from './config'
import type { Logger } from './logger'
import type { TrafficRecorder } from '../traffic/recorder'
import type { Faults } from '../traffic/faults'

import type { Clock } from './clock'

export { systemClock, type Clock } from './clock'

/** Stores of the engine. */
export interface Repos {
  clients: ClientsRepo
  streams: StreamsRepo
  customEvents: CustomEventsRepo
  tenants: TenantsRepo
}

/** Services: the engine's owners of state; HTTP handlers and CLI commands call these. */
export interface Services {
  streams: StreamsService
  receivers: ReceiverService
  delivery: DeliveryService
  /** A stream service over another (tenant-scoped) context, with the same delivery hooks. */
  streamsFor(core: CoreContext): StreamsService
  /** Subject consent (consent-required streams); delivery asks `allows(stream, subject)`. */
  consents: ConsentsService
}

/** The engine's dependencies and state. */
export interface AppContext {
  options: CoreOptions
  db: Db
  repos: Repos
  services: Services
  keys: KeyStore
  bus: Bus
  clock: Clock
  fetch: typeof fetch
  logger: Logger
  /** The Transmitter's issuer (known once the server listens). */
  issuer: string
  /** `http://HOST:PORT` the server listens on. */
  origin: string
  /** The default client's token: the control API's and UI's credential. */
  adminToken: string
  /** Host names the control API accepts in `Host` (DNS-rebinding defence). */
  allowedHosts: Set<string>
  /** Every event type the Transmitter supports: the catalog plus custom events. */
  eventsSupported(): string[]
  /** The tenant this context serves; absent = the default tenant (root issuer). */
  tenant?: string
  /** The embedded OAuth authorization server (absent in contexts built without one). */
  oauth?: OAuthServer
  /** The traffic inspector's recorder (absent in contexts built without one). */
  traffic?: TrafficRecorder
  /** Injected faults (Transmitter streams, Receiver push endpoints). */
  faults?: Faults
}

/** The context without services: what services themselves are built from. */
export type CoreContext = Omit<AppContext, 'services'>
