/**
 * Delivery settings with their defaults (CoreOptions carries them as optional members).
 * @module
 */
import type { CoreOptions } from '../../core/config'

/** Resolved delivery settings. */
export interface DeliveryOptions {
  pushMaxAttempts: number
  pushTimeoutMs: number
  pushBackoffBaseMs: number
  pushBackoffCapMs: number
  pollWaitSeconds: number
  pollDefaultMaxEvents: number
  pollMaxEventsCap: number
  streamUpdatedOnReceiverStatus: boolean
}

/** Defaults: 8 push attempts, 10 s per attempt, 0.5 s → 60 s backoff, 15 s long poll (A17). */
export const DELIVERY_DEFAULTS: DeliveryOptions = {
  pushMaxAttempts: 8,
  pushTimeoutMs: 10_000,
  pushBackoffBaseMs: 500,
  pushBackoffCapMs: 60_000,
  pollWaitSeconds: 15,
  pollDefaultMaxEvents: 100,
  pollMaxEventsCap: 1000,
  streamUpdatedOnReceiverStatus: false
}

/** Fill in the defaults. */
export function deliveryOptions(o: Partial<CoreOptions>): DeliveryOptions {
  const d = DELIVERY_DEFAULTS
  return {
    pushMaxAttempts: Math.max(1, o.pushMaxAttempts ?? d.pushMaxAttempts),
    pushTimeoutMs: o.pushTimeoutMs ?? d.pushTimeoutMs,
    pushBackoffBaseMs: o.pushBackoffBaseMs ?? d.pushBackoffBaseMs,
    pushBackoffCapMs: o.pushBackoffCapMs ?? d.pushBackoffCapMs,
    pollWaitSeconds: o.pollWaitSeconds ?? d.pollWaitSeconds,
    pollDefaultMaxEvents: o.pollDefaultMaxEvents ?? d.pollDefaultMaxEvents,
    pollMaxEventsCap: Math.max(1, o.pollMaxEventsCap ?? d.pollMaxEventsCap),
    streamUpdatedOnReceiverStatus:
      o.streamUpdatedOnReceiverStatus ?? d.streamUpdatedOnReceiverStatus
  }
}
