/**
 * The embedded Receiver, put together from its parts: the {@link createReceiverRegistry registry}
 * (registration, discovery), the {@link createInbox inbox} (verify, store, lint), the
 * {@link createPushReceiver push endpoint's logic}, the {@link REMOTE_OPERATIONS table of
 * remote-stream operations} and {@link createReceiverPolling polling}. Every exchange it makes or
 * serves is in the one traffic log. HTTP handlers are thin adapters over what this returns.
 * @module
 */
import { NotFoundError, type CustomEventType } from '../../shared/ssf'
import type { ReceiverExchangeView } from '../../shared/api/contract'
import type { Bus } from '../core/bus'
import type { Clock } from '../core/clock'
import type { Logger } from '../core/logger'
import type { ReceivedSetRecord, ReceivedSetsRepo } from '../store/received-sets-repo'
import type { ReceiverRepo } from '../store/receiver-repo'
import type { TrafficStore } from '../traffic/store'
import { toReceiverExchange } from './exchange-view'
import { createInbox } from './inbox'
import { createRemoteOperations, type OperationResult } from './operations'
import { createReceiverPolling } from './polling'
import { createPushReceiver } from './push-receiver'
import { createRecordingFetch, type RecordExchange } from './recording-fetch'
import { createReceiverRegistry } from './registry'

export type { OperationResult } from './operations'
export type { PushAnswer, PushInput } from './push-receiver'
export { UpstreamError, type ReceiverView } from './registry'

/** The embedded Receiver's dependencies, by name. */
export interface ReceiverDeps {
  receivers: ReceiverRepo
  receivedSets: ReceivedSetsRepo
  /** The one exchange log: record now (ids link results to it) and read a receiver's entries. */
  traffic: { recordNow: RecordExchange; store: Pick<TrafficStore, 'get' | 'query'> }
  /** Plain fetch: it must not record by itself (the Receiver records every call it makes). */
  fetch: typeof fetch
  bus: Bus
  clock: Clock
  logger: Logger
  /** `http://HOST:PORT` of our server (push endpoints live under it). */
  origin: string
  /** The user's custom event types (the linter knows them). */
  customTypes(): readonly CustomEventType[]
}

/** Build the embedded Receiver. */
export function createReceiver(deps: ReceiverDeps) {
  const abort = new AbortController()
  const callOut = {
    fetch: deps.fetch,
    record: deps.traffic.recordNow,
    clock: deps.clock,
    signal: abort.signal
  }
  let reschedule = (_id: string): void => {}
  const registry = createReceiverRegistry({
    repo: deps.receivers,
    clock: deps.clock,
    origin: deps.origin,
    callOut: (id) => createRecordingFetch(callOut, id),
    onChange: (id) => reschedule(id)
  })
  const inbox = createInbox({
    sets: deps.receivedSets,
    registry,
    bus: deps.bus,
    clock: deps.clock,
    customTypes: deps.customTypes
  })
  const push = createPushReceiver({
    registry,
    inbox,
    record: deps.traffic.recordNow,
    clock: deps.clock
  })
  const polling = createReceiverPolling({ registry, inbox, logger: deps.logger })
  reschedule = polling.reschedule
  for (const r of registry.records()) polling.reschedule(r.receiver_id)
  const operations = createRemoteOperations(registry)
  const run = operations.run

  return {
    /** The parts, for callers that use one directly (the push endpoint, Check my Transmitter). */
    parts: { registry, inbox, push, operations, polling },

    // The control API's calls (`/api/receivers/*`), each onto the part that owns it.
    register: registry.register,
    list: registry.list,
    get: registry.get,
    update: registry.update,
    remove: registry.remove,
    pushEndpoint: registry.pushEndpoint,
    poll: polling.poll,
    createStream: (id: string, body: unknown) => run('create_stream', id, body),
    readStream: (id: string, streamId: unknown, all: boolean) =>
      all ? run('list_streams', id, undefined) : run('read_stream', id, { stream_id: streamId }),
    updateStream: (id: string, body: unknown, mode: 'update' | 'replace') =>
      run(mode === 'update' ? 'update_stream' : 'replace_stream', id, body),
    deleteStream: (id: string, streamId: unknown) =>
      run('delete_stream', id, { stream_id: streamId }),
    getStatus: (id: string, streamId: unknown) => run('get_status', id, { stream_id: streamId }),
    setStatus: (id: string, body: unknown) => run('set_status', id, body),
    subject: (id: string, action: 'add' | 'remove', body: unknown) =>
      run(action === 'add' ? 'add_subject' : 'remove_subject', id, body),
    verify: (id: string, body: unknown): Promise<OperationResult> => run('verification', id, body),

    inbox(id: string, limit: number, before?: number): ReceivedSetRecord[] {
      registry.require(id)
      return inbox.list(id, limit, before)
    },

    /** A receiver's exchanges, newest first, from the traffic log. */
    exchanges(id: string, limit: number, before?: number): ReceiverExchangeView[] {
      const r = registry.require(id)
      return deps.traffic.store
        .query({ receiver_id: id, limit, ...(before === undefined ? {} : { before }) })
        .map((x) => toReceiverExchange(x, id, r.metadata))
    },

    /** One exchange of a receiver (404 for another receiver's). */
    exchange(id: string, exchangeId: number): ReceiverExchangeView {
      const r = registry.require(id)
      const x = deps.traffic.store.get(exchangeId)
      if (!x || x.receiver_id !== id) throw new NotFoundError(`exchange ${exchangeId} not found`)
      return toReceiverExchange(x, id, r.metadata)
    },

    /** Stop polling and calls in flight. */
    async close(): Promise<void> {
      abort.abort()
      await polling.close()
    }
  }
}

/** The embedded Receiver. */
export type ReceiverService = ReturnType<typeof createReceiver>
