/**
 * A SET's delivery state in words and colour: what the Fire screen, the traffic detail and the
 * Streams list say about "did my app get the SET, and what did it answer?".
 * @module
 */
import type { SetDeliveryView } from '../../../../shared/api/deliveries'
import { dueIn } from '../traffic/format'

/** The words and colour of a state. */
export interface DeliveryWords {
  /** Short state name (badge). */
  label: string
  /** The detail a developer needs next (status, attempt, reason). */
  detail: string
  color: string
}

/**
 * Words for a SET: from its stored view when read, else from the live state alone. A queued SET
 * with attempts behind it is retrying (the store keeps it queued until it is delivered or fails).
 */
export function deliveryWords(
  live: string,
  view: SetDeliveryView | undefined,
  now: number
): DeliveryWords {
  const last = view?.history[view.history.length - 1]
  const answered = last?.response_status ? `answered HTTP ${last.response_status}` : undefined
  const state = view?.state ?? live
  if (state === 'queued' && ((view && view.attempts > 0) || live === 'retrying')) {
    const next = view?.next_attempt_at
    return {
      label: 'retrying',
      detail: [
        view
          ? `attempt ${view.attempts} ${answered ?? `failed: ${view.last_error ?? 'no answer'}`}`
          : '',
        next ? `next attempt ${dueIn(next, now)}` : ''
      ]
        .filter(Boolean)
        .join('; '),
      color: 'orange'
    }
  }
  switch (state) {
    case 'queued':
      return { label: 'queued', detail: 'waiting to be sent', color: 'gray' }
    case 'delivered':
      return {
        label: 'delivered',
        detail: answered ? `your app ${answered}` : 'your app accepted it',
        color: 'teal'
      }
    case 'failed':
      return {
        label: 'failed',
        detail: view?.last_error ?? (answered ? `your app ${answered}` : 'delivery failed'),
        color: 'red'
      }
    case 'held':
      return {
        label: 'held',
        detail: 'the stream is paused; sent when it is enabled',
        color: 'yellow'
      }
    case 'dropped':
      return {
        label: 'dropped',
        detail: view?.last_error ?? 'the stream is disabled, so the SET was not kept',
        color: 'gray'
      }
    case 'polled':
      return { label: 'polled', detail: 'handed to a poller; not acknowledged yet', color: 'blue' }
    case 'acked':
      return { label: 'acknowledged', detail: 'a poller acknowledged it', color: 'teal' }
    default:
      return { label: state, detail: '', color: 'gray' }
  }
}
