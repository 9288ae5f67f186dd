/**
 * The engine's services: the owners of state that HTTP handlers and CLI commands call. Built in
 * one place, `core/start.ts`, each from named dependencies.
 * @module
 */
import type { OAuthServer } from '../oauth/types'
import type { ReceiverService } from '../receiver/service'
import type { ConsentsService } from '../tenants/consents'
import type { DeliveryService } from '../transmitter/delivery/service'
import type { StreamsService } from '../transmitter/streams-service'

/** Services: the engine's owners of state; HTTP handlers and CLI commands call these. */
export interface Services {
  /** The default tenant's stream service (the root issuer's scope, `tenants/scope.ts`). */
  streams: StreamsService
  receivers: ReceiverService
  delivery: DeliveryService
  /** Subject consent (consent-required streams); delivery asks `allows(stream, subject)`. */
  consents: ConsentsService
  /** The embedded OAuth authorization server (its provider is loaded on first use). */
  oauth: OAuthServer
}
