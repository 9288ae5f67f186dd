/**
 * What the app reads from the engine at start, in the order the screens need it: the session
 * first (the one thing the first screen waits for), then, once the first screen is shown, clients
 * and streams, the event catalog, and the live feed (which re-reads everything when it connects,
 * so nothing that changed in between is missed).
 * @module
 */
import { followLiveEvents } from './api/live-events'
import type { AppState } from './stores/app-store'

/** Asks for the session (checked without zod, so no other chunk is waited for). */
export function startSession(get: () => AppState): Promise<void> {
  return get().refreshSession()
}

/**
 * Starts loading the rest of the engine state once for the page's lifetime (the app never
 * unmounts). Resolves when clients and streams are in, whether or not they loaded.
 */
export function startEngineData(get: () => AppState): Promise<void> {
  return get()
    .refreshLists()
    .finally(() => {
      void get().loadCatalog()
      followLiveEvents(get)
    })
}
