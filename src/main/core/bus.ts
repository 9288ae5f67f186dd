/**
 * The engine's typed event bus: services publish {@link UiEvent}s, `/api/live` forwards them.
 * @module
 */
import { EventEmitter } from 'node:events'
import type { UiEvent } from '../../shared/api/ui-events'

/** Publish/subscribe of UI events. */
export interface Bus {
  publish(event: UiEvent): void
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: UiEvent) => void): () => void
}

/** An in-process bus. A failing listener never breaks the publisher. */
export function createBus(onListenerError: (err: unknown) => void = () => {}): Bus {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    publish(event) {
      for (const listener of emitter.listeners('event')) {
        try {
          ;(listener as (e: UiEvent) => void)(event)
        } catch (err) {
          onListenerError(err)
        }
      }
    },
    subscribe(listener) {
      emitter.on('event', listener)
      return () => emitter.off('event', listener)
    }
  }
}
