/**
 * Every schema the renderer checks control-API answers with: the renderer trusts nothing it did
 * not check. The bodies are declared once, in `src/shared/api`, and re-exported here under the
 * names the renderer uses. Only `parse` in `client.ts` loads this module, lazily, so zod and the
 * schemas are not in the entry chunk (the first screen does not wait for them to be compiled).
 * @module
 */
import type { z } from 'zod'
import type { FireEventRequest as SharedFireEventRequest } from '../../../shared/api/contract'
import type { FireTemplate as StoredFireTemplate } from '../../../shared/api/events'
import { exportedSetSchema } from '../../../shared/api/deliveries'
import { findingSchema, type Finding } from '../../../shared/api/findings'
import type { ReceiverView } from '../../../shared/api/receivers'
import type { SubjectIdentifier } from '../../../shared/ssf'
import type { OutboundSet } from '../features/timeline/timeline-model'

/** One catalog or lint finding: the one `Finding` of `shared/api/findings`. */
export type { Finding }

export {
  eventTypesSchema,
  type CatalogClaim,
  type CatalogEventType
} from '../../../shared/api/event-types'

/** `POST /api/events` response: declared in `shared/api`. */
export type { FireEventResponse } from '../../../shared/api/contract'

/**
 * The shared `POST /api/events` request as the Fire form builds it: always a subject identifier
 * and a claims object (a narrowing of the one declaration, not a second one).
 */
export type FireEventRequest = SharedFireEventRequest & {
  subject: SubjectIdentifier
  claims: Record<string, unknown>
}

/** `POST /api/events/preview` response. */
export type { EventPreview } from '../../../shared/api/events'

/** A saved fire form (`/api/templates`) as the Fire form uses it (the stored one, less its times). */
export type FireTemplate = Omit<StoredFireTemplate, 'created_at' | 'updated_at'>

/** The engine's error body. */
export { errorBodySchema } from '../../../shared/api/errors'

/** A line of the SET export: the timeline's `OutboundSet` is a part of it. */
export const outboundSetSchema: z.ZodType<OutboundSet> = exportedSetSchema

/** A `set.state` live event's data. */
export { setStateEventSchema as setStateSchema } from '../../../shared/api/ui-events'

/** What the Receiver screen shows of a registered Transmitter: the engine's `ReceiverView`. */
export type ReceiverSummary = ReceiverView

export { findingSchema }
export {
  eventPreviewSchema,
  fireEventResponseSchema,
  fireTemplatesSchema as templatesSchema
} from '../../../shared/api/events'
export {
  clientSummariesSchema as clientsSchema,
  createClientResponseSchema as createdClientSchema
} from '../../../shared/api/clients'
export { streamViewSchema, streamViewsSchema as streamsSchema } from '../../../shared/api/streams'
export {
  tenantViewSchema as tenantSchema,
  tenantViewsSchema as tenantsSchema
} from '../../../shared/api/tenants'
export {
  createOAuthClientResponseSchema as createdOAuthClientSchema,
  oauthClientViewSchema as oauthClientSchema,
  oauthClientViewsSchema as oauthClientsSchema
} from '../../../shared/api/oauth'
export {
  consentViewSchema as consentSchema,
  consentViewsSchema as consentsSchema
} from '../../../shared/api/consents'
export {
  inboxSchema,
  pollResultViewSchema as pollSchema,
  receiverOperationResultSchema as operationSchema,
  receiverViewSchema as receiverSchema,
  receiverViewsSchema as receiversSchema
} from '../../../shared/api/receivers'
export { conformanceReportSchema } from '../../../shared/api/conformance'
export {
  replayResponseSchema,
  setDeliveryViewSchema,
  streamDeliveriesSchema,
  trafficDetailSchema,
  trafficPageSchema,
  trafficSummarySchema
} from '../../../shared/api/deliveries'
export {
  faultsOverviewSchema,
  keyRotationResponseSchema,
  keysResponseSchema,
  receiverFaultsSchema,
  settingsSchema,
  streamFaultsSchema
} from '../../../shared/api/inspector'
export { localCaInfoSchema } from '../../../shared/api/tls'
