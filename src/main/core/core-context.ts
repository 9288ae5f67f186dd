/**
 * CoreContext: the engine's infrastructure (store, traffic log, fault layer, keys, bus, clock, fetch,
 * logger) and its
 * addresses, injected into services and handlers (never module singletons). It names no service,
 * so services can take it without an import cycle; the services are in `./services`.
 * @module
 */
import type { ClientsRepo } from '../store/clients-repo'
import type { ConsentsRepo } from '../store/consents-repo'
import type { CustomEventsRepo } from '../store/custom-events-repo'
import type { KeyStore } from '../store/keys'
import type { Db } from '../store/sqlite'
import type { StreamsRepo } from '../store/streams-repo'
import type { SubjectFormatsRepo } from '../store/subject-formats-repo'
import type { TemplatesRepo } from '../store/templates-repo'
import type { TenantsRepo } from '../store/tenants-repo'
import type { Faults } from '../traffic/faults'
import type { TrafficRecorder } from '../traffic/recorder'
import type { Bus } from './bus'
import type { Clock } from './clock'
import type { CoreOptions } from './config'
import type { Logger } from './logger'

/** Stores of the engine. */
export interface Repos {
  clients: ClientsRepo
  streams: StreamsRepo
  customEvents: CustomEventsRepo
  /** Private subject formats the user declared (add-subject accepts them). */
  subjectFormats: SubjectFormatsRepo
  tenants: TenantsRepo
  /** Subject consents (the consents service owns the rules). */
  consents: ConsentsRepo
  /** Saved fire templates. */
  templates: TemplatesRepo
}

/** The engine's dependencies and state, without the services. */
export interface CoreContext {
  options: CoreOptions
  db: Db
  repos: Repos
  keys: KeyStore
  bus: Bus
  clock: Clock
  fetch: typeof fetch
  logger: Logger
  /** The root issuer: the default tenant's (known once the server listens). */
  issuer: string
  /** The traffic log: its store, and the recorder every exchange goes through. */
  traffic: TrafficRecorder
  /** The fault layer: injected faults of Transmitter streams and Receiver push endpoints. */
  faults: Faults
  /** `http://HOST:PORT` the server listens on. */
  origin: string
  /** The default client's token: the control API's and UI's credential. */
  adminToken: string
  /** Host names the control API accepts in `Host` (DNS-rebinding defence). */
  allowedHosts: Set<string>
  /** Every event type the Transmitter supports: the catalog plus custom events. */
  eventsSupported(): string[]
}
