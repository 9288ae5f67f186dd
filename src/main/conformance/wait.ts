/**
 * Bounded, event-driven waits for the conformance checks: a condition is re-evaluated on every
 * bus event (a poll, a delivery outcome, a verification request) until it holds or time is up.
 * @module
 */
import type { UiEvent } from '../../shared/api/ui-events'
import type { Bus } from '../core/bus'

/**
 * Resolve with the first non-undefined value of `probe`, evaluated now and after every bus event,
 * or with undefined after `timeoutMs`.
 */
export function waitOnBus<T>(
  bus: Bus,
  probe: (event?: UiEvent) => T | undefined,
  timeoutMs: number
): Promise<T | undefined> {
  const first = probe()
  if (first !== undefined) return Promise.resolve(first)
  return new Promise((resolve) => {
    const finish = (value: T | undefined) => {
      clearTimeout(timer)
      unsubscribe()
      resolve(value)
    }
    const timer = setTimeout(() => finish(probe()), Math.max(0, timeoutMs))
    const unsubscribe = bus.subscribe((event) => {
      const value = probe(event)
      if (value !== undefined) finish(value)
    })
  })
}
