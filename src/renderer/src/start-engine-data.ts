/**
 * What the app reads from the engine at start, in the order the first screen needs it: the
 * session and streams first, then the event catalog, then the live feed (which re-reads
 * everything when it connects, so nothing that changed in between is missed).
 * @module
 */
import { loadSchemas } from './api/client'
import { followLiveEvents } from './api/live-events'
import type { AppState } from './stores/app-store'

/**
 * Starts loading engine state once for the page's lifetime (the app never unmounts). Resolves
 * when the first screen's data (session, clients, streams) is in, whether or not it loaded.
 */
export function startEngineData(get: () => AppState): Promise<void> {
  void loadSchemas() // fetched beside the first requests, checked when their answers arrive
  return get()
    .refreshAll()
    .finally(() => {
      void get().loadCatalog()
      followLiveEvents(get)
    })
}
