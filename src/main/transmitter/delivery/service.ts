/**
 * The delivery side of the Transmitter: the emitter, the push worker, the poll queue and the
 * {@link DeliveryHooks} the stream service calls (verification, status changes, deletion).
 * @see SSF 1.0 §8.1.2, §8.1.4, §8.1.5; interop notes A8–A10
 * @module
 */
import {
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  EVENT_TYPE_STREAM_UPDATED,
  EVENT_TYPE_VERIFICATION
} from '../../../shared/ssf'
import type { CoreContext } from '../../core/context'
import { createOutboundRepo, type OutboundSet } from '../../store/outbound-repo'
import type { StreamRecord } from '../../store/streams-repo'
import type { DeliveryHooks } from '../delivery-hooks'
import { createEmitter, stateForStatus, type FiredSet, type SubjectPolicy } from '../emitter'
import { deliveryOptions } from './options'
import { createPollQueue } from './poll-queue'
import { createPushWorker } from './push'

/**
 * Create the delivery service of an engine (starts the push worker on the stored queue).
 * `pushFetch` sends push requests (default `ctx.fetch`; the engine passes a keep-alive fetch).
 */
export function createDeliveryService(
  ctx: CoreContext,
  pushFetch: typeof fetch = ctx.fetch,
  subjectAllowed?: SubjectPolicy
) {
  const options = deliveryOptions(ctx.options)
  const outbound = createOutboundRepo(ctx.db)
  function publishState(set: Pick<OutboundSet, 'jti' | 'stream_id'>, state: string): void {
    ctx.bus.publish({ type: 'set.state', jti: set.jti, stream_id: set.stream_id, state })
  }

  const pollQueue = createPollQueue(outbound, options, ctx.clock, publishState)

  const push = createPushWorker({ ...ctx, fetch: pushFetch }, outbound, options, publishState)

  function wake(streamId: string): void {
    const stream = ctx.repos.streams.get(streamId)
    if (!stream) return
    if (stream.config.delivery.method === DELIVERY_METHOD_PUSH) push.kick(streamId)
    else if (stream.config.delivery.method === DELIVERY_METHOD_POLL) pollQueue.notify(streamId)
  }

  const emitter = createEmitter(
    ctx,
    outbound,
    (sets) => {
      const streams = new Set<string>()
      for (const s of sets) {
        publishState(s, s.state)
        if (s.state === 'queued') streams.add(s.stream_id)
      }
      for (const id of streams) wake(id)
    },
    subjectAllowed
  )

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
      const now = ctx.clock.now()
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
      }
    },

    streamDeleted(streamId) {
      outbound.dropPending(streamId, 'stream deleted', '', ctx.clock.now())
      pollQueue.notify(streamId)
    }
  }

  return {
    hooks,
    emitter,
    outbound,
    pollQueue,
    options,
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
