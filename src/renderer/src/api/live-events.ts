/**
 * Follows `GET /api/live` (server-sent events) and refreshes the stores it concerns, so a change
 * made through the API or the CLI appears without a reload.
 * @module
 */
import type { UiEventType } from '../../../shared/api/ui-events'
import { API_PATHS } from '../../../shared/api/paths'
import type { AppState } from '../stores/app-store'
import type { CheckWaiting } from '../stores/check-slice'
import { parse } from './client'

/** Event types the UI reacts to, and what each refreshes. */
const STREAM_EVENTS: readonly UiEventType[] = [
  'stream.created',
  'stream.updated',
  'stream.deleted',
  'stream.status',
  'stream.subjects',
  'stream.verification'
]

/** The JSON data of a server-sent event (undefined when it is not JSON). */
function json(e: Event): unknown {
  if (!(e instanceof MessageEvent) || typeof e.data !== 'string') return undefined
  try {
    return JSON.parse(e.data)
  } catch {
    return undefined
  }
}

/** The `check.waiting` payload, or undefined when it is not one. */
function parseWaiting(data: unknown): CheckWaiting | undefined {
  try {
    const e: unknown = JSON.parse(String(data))
    if (typeof e !== 'object' || e === null) return undefined
    const get = (k: string): unknown => Reflect.get(e, k)
    const target = get('target')
    const [id, check_id, action, deadline] = [
      get('id'),
      get('check_id'),
      get('action'),
      get('deadline')
    ]
    if (
      (target !== 'stream' && target !== 'receiver') ||
      typeof id !== 'string' ||
      typeof check_id !== 'string' ||
      typeof action !== 'string' ||
      typeof deadline !== 'number'
    )
      return undefined
    return { target, id, check_id, action, deadline }
  } catch {
    return undefined
  }
}

/** A string member of a live event's data, if it has one. */
function memberOf(data: string, name: 'receiver_id' | 'stream_id'): string | undefined {
  try {
    const parsed: unknown = JSON.parse(data)
    const id: unknown =
      typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, name) : undefined
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}
const receiverIdOf = (data: string) => memberOf(data, 'receiver_id')
const streamIdOf = (data: string) => memberOf(data, 'stream_id')

/** Subscribe; returns the unsubscribe function. Bursts of events cause one refresh. */
export function followLiveEvents(get: () => AppState): () => void {
  if (typeof EventSource === 'undefined') return () => {}
  const source = new EventSource(API_PATHS.live)
  let pending: ReturnType<typeof setTimeout> | undefined
  const refreshStreams = () => {
    if (pending !== undefined) return
    pending = setTimeout(() => {
      pending = undefined
      void get().refreshStreams()
    }, 50)
  }
  for (const type of STREAM_EVENTS) source.addEventListener(type, refreshStreams)
  source.addEventListener('client.created', () => void get().refreshClients())
  // Checked like every answer (events keep their order: each waits for the same loaded schemas).
  source.addEventListener('traffic.created', (e) => {
    parse((s) => s.trafficSummarySchema, json(e), 'traffic event').then(
      (row) => get().trafficArrived(row),
      () => undefined
    )
  })
  source.addEventListener('set.state', (e) => {
    parse((s) => s.setStateSchema, json(e), 'SET state event').then(
      (change) => get().setStateChanged(change.jti, change.state),
      () => undefined
    )
  })
  source.addEventListener('check.waiting', (e) => get().setCheckWaiting(parseWaiting(e.data)))
  source.addEventListener('check.finished', () => get().setCheckWaiting(undefined))
  source.addEventListener('receiver.set', (e: MessageEvent<string>) => {
    const receiverId = receiverIdOf(e.data)
    // Only inboxes someone has opened are kept; others load when first shown.
    if (receiverId !== undefined && receiverId in get().inboxes) void get().refreshInbox(receiverId)
  })
  // An opened timeline follows its stream's traffic and SET states (one refresh per burst).
  const timelineTimers = new Map<string, ReturnType<typeof setTimeout>>()
  const refreshTimeline = (e: MessageEvent<string>) => {
    const streamId = streamIdOf(e.data)
    if (streamId === undefined || !(streamId in get().timelines) || timelineTimers.has(streamId))
      return
    timelineTimers.set(
      streamId,
      setTimeout(() => {
        timelineTimers.delete(streamId)
        void get().refreshTimeline(streamId)
      }, 200)
    )
  }
  for (const type of ['traffic.created', 'set.state', ...STREAM_EVENTS])
    source.addEventListener(type, refreshTimeline)
  source.addEventListener('faults.changed', () => void get().refreshFaults())
  source.addEventListener('keys.rotated', () => void get().refreshKeys())
  source.addEventListener('tenant.created', () => void get().refreshTenants())
  source.addEventListener('consent.changed', () => void get().refreshConsents())
  // After a reconnect we may have missed events: re-read everything.
  source.onopen = () => {
    get().setLive(true)
    void get().refreshAll()
    void get().refreshReceivers()
    void get().refreshFaults()
    for (const receiverId of Object.keys(get().inboxes)) void get().refreshInbox(receiverId)
    if (get().trafficLoaded) void get().loadTraffic(get().trafficFilter, true)
  }
  source.onerror = () => get().setLive(false)
  return () => {
    if (pending !== undefined) clearTimeout(pending)
    for (const timer of timelineTimers.values()) clearTimeout(timer)
    source.close()
  }
}
