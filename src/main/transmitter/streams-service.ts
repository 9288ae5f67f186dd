/**
 * Stream management: the engine's single owner of stream state. HTTP endpoints and the control
 * API are thin adapters over these functions.
 * @see SSF 1.0 §8.1
 * @module
 */
import { randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import {
  DELIVERY_METHOD_POLL,
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  TooManyRequestsError,
  TRANSMITTER_ENDPOINT_PATHS,
  computeEventsDelivered,
  parseCreateStreamRequest,
  parseStatusUpdateRequest,
  parseStreamUpdateRequest,
  parseSubjectRequest,
  parseVerificationRequest,
  type Delivery,
  type RequestedDelivery,
  type StreamConfiguration,
  type StreamStatus,
  type StreamStatusValue
} from '../../shared/ssf'
import type { Bus } from '../core/bus'
import type { Clock } from '../core/clock'
import type { CoreOptions } from '../core/config'
import type { ClientRecord } from '../store/clients-repo'
import type { StoredStreamConfig, StreamRecord, StreamsRepo } from '../store/streams-repo'
import type { SubjectFormatsRepo } from '../store/subject-formats-repo'
import type { DeliveryHooks, StatusInitiator } from './delivery-hooks'

/** What a stream's wire form depends on: the issuer it is served under and the supported events. */
export interface StreamRendering {
  /** The issuer the stream is served under (its tenant's). */
  issuer: string
  /** Every event type the Transmitter supports: the catalog plus custom events. */
  eventsSupported(): string[]
}

/** The named dependencies of {@link createStreamsService}: one tenant's view of the streams. */
export interface StreamsServiceDeps extends StreamRendering {
  /** The tenant's streams: a repo scoped to one tenant (`StreamsRepo.forTenant`). */
  streams: StreamsRepo
  subjectFormats: Pick<SubjectFormatsRepo, 'names'>
  options: Pick<
    CoreOptions,
    'createMode' | 'multipleStreams' | 'minVerificationInterval' | 'subjectRemovalGraceSeconds'
  >
  bus: Bus
  clock: Clock
  hooks: DeliveryHooks
}

/** A new stream id: `st_` + 32 hex digits (RFC 3986 unreserved characters only). */
export function newStreamId(): string {
  return `st_${randomUUID().replace(/-/g, '')}`
}

/** The poll endpoint URL the Transmitter assigns to a poll stream. */
export function pollEndpointUrl(issuer: string, streamId: string): string {
  return `${issuer.replace(/\/$/, '')}${TRANSMITTER_ENDPOINT_PATHS.poll}/${encodeURIComponent(streamId)}`
}

/** The wire Stream Configuration of a stored stream. */
export function renderStream(served: StreamRendering, record: StreamRecord): StreamConfiguration {
  const supported = served.eventsSupported()
  const c = record.config
  // `iss` and the poll URL follow the current issuer, not the one stored at creation: after a
  // restart on another port (or with another --issuer) they must still equal the metadata's
  // `issuer` and point at this server. @see SSF 1.0 §7.2.4, §8.1.1
  const out: StreamConfiguration = {
    stream_id: record.stream_id,
    iss: served.issuer,
    aud: c.aud,
    events_supported: supported,
    events_delivered: eventsDelivered(c, supported),
    delivery:
      c.delivery.method === DELIVERY_METHOD_POLL
        ? {
            method: DELIVERY_METHOD_POLL,
            endpoint_url: pollEndpointUrl(served.issuer, record.stream_id)
          }
        : c.delivery
  }
  if (c.events_requested !== undefined) out.events_requested = c.events_requested
  if (c.min_verification_interval !== undefined)
    out.min_verification_interval = c.min_verification_interval
  if (c.description !== undefined) out.description = c.description
  if (c.inactivity_timeout !== undefined) out.inactivity_timeout = c.inactivity_timeout
  return out
}

/**
 * `events_delivered` = requested ∩ supported. A stream that never requested events gets every
 * supported type (our documented choice, docs/decisions.md).
 */
export function eventsDelivered(
  config: StoredStreamConfig,
  supported: readonly string[]
): string[] {
  return config.events_requested === undefined
    ? [...supported]
    : computeEventsDelivered(config.events_requested, supported)
}

function materializeDelivery(
  issuer: string,
  streamId: string,
  requested: RequestedDelivery
): Delivery {
  return requested.method === DELIVERY_METHOD_POLL
    ? { method: DELIVERY_METHOD_POLL, endpoint_url: pollEndpointUrl(issuer, streamId) }
    : requested
}

/**
 * The stream service of one tenant (its issuer, its scoped streams repo), with the delivery
 * hooks. `tenants/scope.ts` builds one per tenant.
 */
export function createStreamsService(deps: StreamsServiceDeps) {
  const { streams, hooks } = deps
  const now = () => deps.clock.now()

  /** Look a stream up for a client; foreign, other tenants' and missing streams are the same 404. */
  function findOwned(client: ClientRecord, streamId: unknown): StreamRecord {
    if (typeof streamId !== 'string' || streamId.length === 0)
      throw new InvalidRequestError('"stream_id" is required')
    const record = streams.getOwned(streamId, client.client_id)
    if (!record) throw new NotFoundError(`stream ${streamId} not found`)
    return record
  }

  function checkEchoed(current: StreamConfiguration, echoed: Record<string, unknown>): void {
    for (const [member, value] of Object.entries(echoed)) {
      const actual = current[member as keyof StreamConfiguration]
      const same =
        member === 'events_supported' || member === 'events_delivered'
          ? Array.isArray(value) &&
            Array.isArray(actual) &&
            isDeepStrictEqual([...value].sort(), [...actual].sort())
          : isDeepStrictEqual(value, actual)
      if (!same)
        throw new InvalidRequestError(
          `"${member}" is Transmitter-supplied and cannot be changed (send it unchanged or leave it out)`
        )
    }
  }

  return {
    findOwned,

    create(client: ClientRecord, body: unknown): StreamConfiguration {
      const requested = parseCreateStreamRequest(body, deps.options.createMode)
      if (!deps.options.multipleStreams && streams.listByClient(client.client_id).length > 0)
        throw new ConflictError(
          'this Transmitter allows one stream per Receiver and one exists already'
        )
      const streamId = newStreamId()
      const config: StoredStreamConfig = {
        iss: deps.issuer,
        aud: client.audience,
        // No delivery ⇒ poll. @see SSF 1.0 §8.1.1.1
        delivery: materializeDelivery(
          deps.issuer,
          streamId,
          requested.delivery ?? { method: DELIVERY_METHOD_POLL }
        ),
        min_verification_interval: deps.options.minVerificationInterval
      }
      if (requested.events_requested !== undefined)
        config.events_requested = requested.events_requested
      if (requested.description !== undefined) config.description = requested.description
      const at = now()
      const record: StreamRecord = {
        stream_id: streamId,
        client_id: client.client_id,
        config,
        status: 'enabled',
        created_at: at,
        updated_at: at
      }
      streams.insert(record)
      deps.bus.publish({ type: 'stream.created', stream_id: streamId, client_id: client.client_id })
      return renderStream(deps, record)
    },

    read(client: ClientRecord, streamId: string): StreamConfiguration {
      return renderStream(deps, findOwned(client, streamId))
    },

    list(client: ClientRecord): StreamConfiguration[] {
      return streams.listByClient(client.client_id).map((r) => renderStream(deps, r))
    },

    /** PATCH (`mode: 'update'`) or PUT (`mode: 'replace'`). @see SSF 1.0 §8.1.1.3, §8.1.1.4 */
    update(client: ClientRecord, body: unknown, mode: 'update' | 'replace'): StreamConfiguration {
      const request = parseStreamUpdateRequest(body)
      const record = findOwned(client, request.stream_id)
      checkEchoed(renderStream(deps, record), request.echoed)
      const { config } = request
      const next: StoredStreamConfig = { ...record.config }
      if (mode === 'replace') {
        // Missing Receiver-supplied members are deletions; `delivery` is REQUIRED (interop note A6).
        if (config.delivery === undefined)
          throw new InvalidRequestError('"delivery" is required when replacing a stream (PUT)')
        delete next.events_requested
        delete next.description
      }
      if (config.events_requested !== undefined) next.events_requested = config.events_requested
      if (config.description !== undefined) next.description = config.description
      // A delivery object replaces the whole delivery (interop note A7).
      if (config.delivery !== undefined)
        next.delivery = materializeDelivery(deps.issuer, record.stream_id, config.delivery)
      streams.saveConfig(record.stream_id, next, now())
      const updated: StreamRecord = { ...record, config: next }
      deps.bus.publish({
        type: 'stream.updated',
        stream_id: record.stream_id,
        client_id: client.client_id
      })
      return renderStream(deps, updated)
    },

    async delete(client: ClientRecord, streamId: string): Promise<void> {
      const record = findOwned(client, streamId)
      streams.delete(record.stream_id)
      await hooks.streamDeleted(record.stream_id)
      deps.bus.publish({
        type: 'stream.deleted',
        stream_id: record.stream_id,
        client_id: client.client_id
      })
    },

    getStatus(client: ClientRecord, streamId: string): StreamStatus {
      return renderStatus(findOwned(client, streamId))
    },

    /** Receiver-requested status change (management API). */
    async setStatus(client: ClientRecord, body: unknown): Promise<StreamStatus> {
      const request = parseStatusUpdateRequest(body)
      const record = findOwned(client, request.stream_id)
      return changeStatus(record, request.status, request.reason, 'receiver')
    },

    /** Transmitter-initiated status change (control API): sends stream-updated. */
    async setStatusAsTransmitter(
      streamId: string,
      status: StreamStatusValue,
      reason: string | undefined
    ): Promise<StreamStatus> {
      const record = streams.get(streamId)
      if (!record) throw new NotFoundError(`stream ${streamId} not found`)
      return changeStatus(record, status, reason, 'transmitter')
    },

    addSubject(client: ClientRecord, body: unknown): void {
      const request = parseSubjectRequest(body, deps.subjectFormats.names())
      const record = findOwned(client, request.stream_id)
      streams.addSubject(record.stream_id, request.subject, request.verified, now())
      deps.bus.publish({ type: 'stream.subjects', stream_id: record.stream_id })
    },

    /** Remove a subject; removing one that is not there is a silent success (SSF 1.0 §8.1.3.3). */
    removeSubject(client: ClientRecord, body: unknown): void {
      const request = parseSubjectRequest(body, deps.subjectFormats.names())
      const record = findOwned(client, request.stream_id)
      const at = now()
      const grace = (deps.options.subjectRemovalGraceSeconds ?? 0) * 1000
      // Recorded even when it was never added explicitly: under default_subjects ALL it stops events.
      streams.removeSubject(record.stream_id, request.subject, at, at + grace)
      deps.bus.publish({ type: 'stream.subjects', stream_id: record.stream_id })
    },

    /** Verification request: enforces `min_verification_interval` with 429. @see SSF 1.0 §8.1.4.2 */
    async verify(client: ClientRecord, body: unknown): Promise<void> {
      const request = parseVerificationRequest(body)
      const record = findOwned(client, request.stream_id)
      const interval = record.config.min_verification_interval ?? 0
      const at = now()
      if (record.last_verification_at !== undefined && interval > 0) {
        const waitMs = record.last_verification_at + interval * 1000 - at
        if (waitMs > 0)
          throw new TooManyRequestsError(
            `verification requests for this stream are limited to one every ${interval} s (min_verification_interval)`,
            waitMs / 1000
          )
      }
      streams.recordVerification(record.stream_id, request.state, at)
      deps.bus.publish(
        request.state === undefined
          ? { type: 'stream.verification', stream_id: record.stream_id }
          : { type: 'stream.verification', stream_id: record.stream_id, state: request.state }
      )
      await hooks.verificationRequested(record, request.state)
    }
  }

  async function changeStatus(
    record: StreamRecord,
    status: StreamStatusValue,
    reason: string | undefined,
    initiator: StatusInitiator
  ): Promise<StreamStatus> {
    const previous = record.status
    const next: StreamRecord = { ...record, status }
    if (reason === undefined) delete next.reason
    else next.reason = reason
    // A stream-updated SET announcing a pause/disable goes out *before* the switch (SSF 1.0 §8.1.5).
    await hooks.statusChanged(next, previous, initiator, 'before')
    streams.saveStatus(record.stream_id, status, reason, now())
    await hooks.statusChanged(next, previous, initiator, 'after')
    deps.bus.publish(
      reason === undefined
        ? { type: 'stream.status', stream_id: record.stream_id, status }
        : { type: 'stream.status', stream_id: record.stream_id, status, reason }
    )
    return renderStatus(next)
  }
}

/** The status object of a stream. @see SSF 1.0 §8.1.2.1 */
export function renderStatus(record: StreamRecord): StreamStatus {
  return record.reason === undefined
    ? { stream_id: record.stream_id, status: record.status }
    : { stream_id: record.stream_id, status: record.status, reason: record.reason }
}

/** The stream service. */
export type StreamsService = ReturnType<typeof createStreamsService>
