/**
 * The delivery side of the Transmitter, the one outbound pipeline: the emitter (plan, sign,
 * store), the push worker over the typed transport, the poll queue, replay, and the
 * {@link DeliveryHooks} the stream service calls (verification, status changes, deletion).
 * @see SSF 1.0 §8.1.2, §8.1.4, §8.1.5; interop notes A8–A10
 * @module
 */
import { randomUUID } from 'node:crypto'
import {
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  EVENT_TYPE_STREAM_UPDATED,
  EVENT_TYPE_VERIFICATION,
  NotFoundError
} from '../../../shared/ssf'
import type { Bus } from '../../core/bus'
import type { Clock } from '../../core/clock'
import type { CoreOptions } from '../../core/config'
import type { Logger } from '../../core/logger'
import type { CustomEventsRepo } from '../../store/custom-events-repo'
import type { KeyStore } from '../../store/keys'
import type { NewOutboundSet, OutboundRepo, OutboundSet } from '../../store/outbound-repo'
import type { StreamRecord, StreamsRepo } from '../../store/streams-repo'
import type { DeliveryHooks } from '../delivery-hooks'
import { createEmitter, stateForStatus, type FiredSet, type SubjectPolicy } from '../emitter'
import { signClaims } from '../signer'
import { deliveryOptions } from './options'
import { createPollQueue } from './poll-queue'
import { createPushWorker, pushHeaders } from './push'
import { editedClaims, type ReplayBody, type ReplayResult } from './replay'
import type { StreamFaults } from '../../traffic/faults'
import type { PushTransport } from './transport'

/** What the delivery service needs (built by `core/start.ts`). */
export interface DeliveryDeps {
  options: Partial<CoreOptions> & Pick<CoreOptions, 'defaultSubjects'>
  outbound: OutboundRepo
  streams: StreamsRepo
  customEvents: Pick<CustomEventsRepo, 'list'>
  eventsSupported(): string[]
  keys: KeyStore
  bus: Bus
  clock: Clock
  logger: Logger
  /** The root issuer. */
  issuer: string
  /** Sends pushes (wrapped by the fault layer and the traffic recorder). */
  transport: PushTransport
  /** The scheduling faults of a stream (the push worker applies them). */
  faults: { active(streamId: string): StreamFaults }
  subjectAllowed?: SubjectPolicy
  /** The `jti` a traffic exchange carries (replay by exchange id). */
  jtiOfExchange(id: number): string | null | undefined
}

/** Create the delivery service of an engine (starts the push worker on the stored queue). */
export function createDeliveryService(deps: DeliveryDeps) {
  const { outbound, clock, bus } = deps
  const options = deliveryOptions(deps.options)
  const pollQueue = createPollQueue(
    outbound,
    options,
    clock,
    (streamId, acked, failed) => {
      for (const jti of acked) publishState({ jti, stream_id: streamId }, 'acked')
      for (const jti of failed) publishState({ jti, stream_id: streamId }, 'failed')
    },
    (streamId, jtis) => {
      for (const jti of jtis) publishState({ jti, stream_id: streamId }, 'polled')
    }
  )

  function publishState(set: Pick<OutboundSet, 'jti' | 'stream_id'>, state: string): void {
    bus.publish({ type: 'set.state', jti: set.jti, stream_id: set.stream_id, state })
  }

  const push = createPushWorker({
    streams: deps.streams,
    outbound,
    transport: deps.transport,
    clock,
    logger: deps.logger,
    options,
    onState: publishState,
    faults: deps.faults
  })

  /**
   * Deliver what is queued for a stream now. `stored`: the SETs just stored, when nothing else
   * changed in its queue (the push worker then sends them without reading the queue again).
   */
  function wake(streamId: string, stored?: readonly NewOutboundSet[]): void {
    const stream = deps.streams.get(streamId)
    if (!stream) return
    if (stream.config.delivery.method === DELIVERY_METHOD_PUSH) push.kick(streamId, stored)
    else if (stream.config.delivery.method === DELIVERY_METHOD_POLL) pollQueue.notify(streamId)
  }

  const emitter = createEmitter({
    streams: deps.streams,
    customEvents: deps.customEvents,
    eventsSupported: deps.eventsSupported,
    keys: deps.keys,
    clock,
    issuer: deps.issuer,
    defaultSubjects: deps.options.defaultSubjects,
    outbound,
    onStored(sets) {
      const queued = new Map<string, NewOutboundSet[]>()
      for (const s of sets) {
        publishState(s, s.state)
        if (s.state !== 'queued') continue
        const ofStream = queued.get(s.stream_id)
        if (ofStream) ofStream.push(s)
        else queued.set(s.stream_id, [s])
      }
      for (const [id, stored] of queued) wake(id, stored)
    },
    ...(deps.subjectAllowed ? { subjectAllowed: deps.subjectAllowed } : {})
  })

  /** The outbound SET an id names: a `jti`, or a traffic exchange id carrying one. */
  function findRecordedSet(id: string): OutboundSet {
    const direct = outbound.get(id)
    if (direct) return direct
    if (/^\d{1,15}$/.test(id)) {
      const jti = deps.jtiOfExchange(Number(id))
      const set = jti ? outbound.get(jti) : undefined
      if (set) return set
    }
    throw new NotFoundError(`no recorded SET with jti or traffic id ${id}`)
  }

  /**
   * Replay a recorded SET: exactly (same bytes, same `jti`, to test duplicate handling) or
   * edited (claims merged or replaced, new `jti`, signed again and queued like a fired SET).
   */
  async function replay(id: string, body: ReplayBody): Promise<ReplayResult> {
    const set = findRecordedSet(id)
    const stream = deps.streams.get(set.stream_id)
    if (!stream) throw new NotFoundError(`stream ${set.stream_id} no longer exists`)
    const now = clock.now()
    if (!body.edits && !body.claims) {
      const method = stream.config.delivery
      if (method.method === DELIVERY_METHOD_PUSH) {
        // Sent now, once, outside the queue, through the same transport (recorded, faults).
        void deps
          .transport({
            stream_id: set.stream_id,
            jti: set.jti,
            eventType: set.event_type,
            url: method.endpoint_url,
            body: set.token,
            headers: pushHeaders(method),
            signal: AbortSignal.timeout(options.pushTimeoutMs)
          })
          .catch((err: unknown) => deps.logger.warn(`replay of ${set.jti} failed: ${String(err)}`))
      } else if (method.method === DELIVERY_METHOD_POLL) {
        // Back in the poll queue, un-acknowledged: the next poll hands it out again.
        outbound.setState(set.jti, 'queued', null, now)
        wake(set.stream_id)
      }
      return { jti: set.jti, mode: 'exact', stream_id: set.stream_id }
    }
    const { claims, eventType } = editedClaims(set, body, randomUUID(), Math.floor(now / 1000))
    const jti = String(claims.jti)
    await emitter.store([
      {
        jti,
        stream_id: set.stream_id,
        event_type: eventType,
        token: await signClaims(deps.keys, claims),
        claims: JSON.stringify(claims),
        state: stateForStatus(stream.status)
      }
    ])
    return { jti, mode: 'edited', stream_id: set.stream_id }
  }

  // Stream-updated SETs sent before a pause/disable, kept from being dropped by that disable.
  const announcements = new Map<string, FiredSet>()

  function streamUpdated(stream: StreamRecord, state: FiredSet['state']): Promise<FiredSet> {
    const payload: Record<string, unknown> = { status: stream.status }
    if (stream.reason !== undefined) payload.reason = stream.reason
    return emitter.emitToStream(stream, EVENT_TYPE_STREAM_UPDATED, payload, state)
  }

  const hooks: DeliveryHooks = {
    async verificationRequested(stream, state) {
      // Held while paused, dropped while disabled (interop notes A9, A10).
      await emitter.emitToStream(
        stream,
        EVENT_TYPE_VERIFICATION,
        state === undefined ? {} : { state },
        stateForStatus(stream.status)
      )
    },

    async statusChanged(next, previous, initiator, when) {
      const announce = initiator === 'transmitter' || options.streamUpdatedOnReceiverStatus
      const now = clock.now()
      push.reread(next.stream_id)
      if (when === 'before') {
        // Announce a pause/disable while the old status still applies (interop note A9).
        if (announce && next.status !== 'enabled')
          announcements.set(next.stream_id, await streamUpdated(next, stateForStatus(previous)))
        return
      }
      const announced = announcements.get(next.stream_id)
      announcements.delete(next.stream_id)
      if (next.status === 'enabled') {
        // Announce first, then release what was held, in its original order.
        if (announce) await streamUpdated(next, 'queued')
        if (outbound.releaseHeld(next.stream_id, now) > 0) wake(next.stream_id)
      } else if (next.status === 'disabled') {
        const keep = announced?.state === 'queued' ? announced.jti : ''
        outbound.dropPending(next.stream_id, 'stream disabled', keep, now)
        push.reread(next.stream_id)
      }
    },

    streamDeleted(streamId) {
      outbound.dropPending(streamId, 'stream deleted', '', clock.now())
      push.reread(streamId)
      pollQueue.notify(streamId)
    }
  }

  return {
    hooks,
    emitter,
    outbound,
    pollQueue,
    options,
    replay,
    findRecordedSet,
    /** Store the push outcomes not yet committed. */
    commit: push.commit,
    /** Deliver what is queued for a stream now (push worker kick or poll wake-up). */
    wake,
    /** Stop the worker, answer long polls; queued SETs stay in the store for the next start. */
    stop(): void {
      push.stop()
      pollQueue.stop()
    }
  }
}

/** The delivery service. */
export type DeliveryService = ReturnType<typeof createDeliveryService>
