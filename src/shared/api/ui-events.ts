/**
 * Events the engine publishes on its bus and streams to the UI over `GET /api/live`
 * (server-sent events; the SSE `event:` name is `type`).
 * @module
 */
import { z } from 'zod'

/** The data of a `set.state` event (an outbound SET changed state). */
export const setStateEventSchema = z.object({
  jti: z.string(),
  stream_id: z.string(),
  state: z.string()
})

/** A change the UI should know about. Append new members; never repurpose a `type`. */
export type UiEvent =
  | { type: 'stream.created'; stream_id: string; client_id: string }
  | { type: 'stream.updated'; stream_id: string; client_id: string }
  | { type: 'stream.deleted'; stream_id: string; client_id: string }
  | { type: 'stream.status'; stream_id: string; status: string; reason?: string }
  | { type: 'stream.subjects'; stream_id: string }
  | { type: 'stream.verification'; stream_id: string; state?: string }
  | { type: 'client.created'; client_id: string }
  | { type: 'event_type.created'; id: string; uri: string }
  | { type: 'event_type.deleted'; id: string; uri: string }
  | { type: 'receiver.set'; receiver_id: string; id: number; verdict: 'accepted' | 'rejected' }
  /**
   * An outbound SET changed: a stored state (`queued`, `held`, `delivered`, `polled`, `acked`,
   * `failed`, `dropped`) or `retrying` (a push attempt failed and another is scheduled).
   */
  | ({ type: 'set.state' } & z.infer<typeof setStateEventSchema>)
  | { type: 'tenant.created'; tenant_id: string }
  | { type: 'consent.changed'; consent_id: string; tenant: string; granted: boolean }
  | { type: 'faults.changed'; stream_id?: string; receiver_id?: string }
  | { type: 'keys.rotated'; kid: string }
  | {
      type: 'traffic.created'
      id: number
      /** Since version 0.1.1 the event carries the whole summary row of `GET /api/traffic`. */
      at: number
      duration_ms: number
      direction: 'inbound' | 'outbound'
      kind: string
      method: string
      url: string
      status: number | null
      stream_id: string | null
      jti: string | null
      event_type: string | null
      error: string | null
      receiver_id: string | null
    }
  /** A conformance check waits for the app under test to act (the UI shows a countdown). */
  | {
      type: 'check.waiting'
      target: 'stream' | 'receiver'
      id: string
      check_id: string
      action: string
      /** Epoch ms when the wait ends. */
      deadline: number
    }
  | { type: 'check.finished'; target: 'stream' | 'receiver'; id: string }

/** The `type` of any {@link UiEvent}. */
export type UiEventType = UiEvent['type']
