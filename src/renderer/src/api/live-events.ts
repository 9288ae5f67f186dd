/**
 * Follows `GET /api/live` (server-sent events) and refreshes the stores it concerns, so a change
 * made through the API or the CLI appears without a reload.
 * @module
 */
import type { UiEventType } from '../../../shared/api/ui-events'
import { API_PATHS } from '../../../shared/api/paths'
import type { AppState } from '../stores/app-store'

/** Event types the UI reacts to, and what each refreshes. */
const STREAM_EVENTS: readonly UiEventType[] = [
  'stream.created',
  'stream.updated',
  'stream.deleted',
  'stream.status',
  'stream.subjects',
  'stream.verification'
]

/** The `receiver_id` of a `receiver.set` event's data, if it has one. */
function receiverIdOf(data: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(data)
    const id: unknown =
      typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'receiver_id') : undefined
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}

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
  source.addEventListener('receiver.set', (e: MessageEvent<string>) => {
    const receiverId = receiverIdOf(e.data)
    // Only inboxes someone has opened are kept; others load when first shown.
    if (receiverId !== undefined && receiverId in get().inboxes) void get().refreshInbox(receiverId)
  })
  // After a reconnect we may have missed events: re-read everything.
  source.onopen = () => {
    get().setLive(true)
    void get().refreshAll()
    void get().refreshReceivers()
    for (const receiverId of Object.keys(get().inboxes)) void get().refreshInbox(receiverId)
  }
  source.onerror = () => get().setLive(false)
  return () => {
    if (pending !== undefined) clearTimeout(pending)
    source.close()
  }
}
