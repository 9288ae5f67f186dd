/**
 * The engine's clock: milliseconds since the epoch, injected so tests can freeze it.
 * @module
 */

/** Milliseconds since the epoch; tests can freeze it. */
export interface Clock {
  now(): number
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() }
