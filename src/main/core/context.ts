/**
 * AppContext: the {@link CoreContext} plus the services, for HTTP handlers and CLI commands.
 * Services themselves take the {@link CoreContext} (or named dependencies), never this.
 * @module
 */
import type { ReceiverService } from '../receiver/service'
import type { DeliveryService } from '../transmitter/delivery/service'
import type { ConsentsService } from '../tenants/consents'
import type { StreamsService } from '../transmitter/streams-service'
import type { CoreContext } from './core-context'

export { systemClock, type Clock } from './clock'
export type { CoreContext, Repos } from './core-context'

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

/** The engine's dependencies, state and services. */
export interface AppContext extends CoreContext {
  services: Services
}
