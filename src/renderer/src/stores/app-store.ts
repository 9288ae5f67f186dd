/**
 * The one bound store: typed slices combined here, with the only middleware (devtools, persist).
 * Only preferences are persisted; server state is re-read from the engine.
 * @module
 */
import { create } from 'zustand'
import { createJSONStorage, devtools, persist, type StateStorage } from 'zustand/middleware'
import { createCatalogSlice } from './catalog-slice'
import { createDeliveriesSlice } from './deliveries-slice'
import { createCheckSlice } from './check-slice'
import { createPrefsSlice } from './prefs-slice'
import { createFaultsKeysSlice } from './faults-keys-slice'
import { createReceiverSlice } from './receiver-slice'
import { createSettingsSlice } from './settings-slice'
import { createTimelineSlice } from './timeline-slice'
import { createTrafficSlice } from './traffic-slice'
import { createTransmitterSlice } from './transmitter-slice'
import type { AppState } from './types'

export type { AppState } from './types'

function storedTheme(persisted: unknown): 'light' | 'dark' | undefined {
  if (typeof persisted !== 'object' || persisted === null) return undefined
  const theme: unknown = Reflect.get(persisted, 'theme')
  return theme === 'light' || theme === 'dark' ? theme : undefined
}

/**
 * `storage` written only when the stored text changes: `persist` writes after every change of any
 * slice (a live feed's every event), and only the theme is kept.
 */
function writtenOnChange(storage: Storage): StateStorage {
  return {
    getItem: (name) => storage.getItem(name),
    setItem: (name, value) => {
      if (storage.getItem(name) !== value) storage.setItem(name, value)
    },
    removeItem: (name) => storage.removeItem(name)
  }
}

export const useAppStore = create<AppState>()(
  devtools(
    persist(
      (...a) => ({
        ...createTransmitterSlice(...a),
        ...createReceiverSlice(...a),
        ...createFaultsKeysSlice(...a),
        ...createSettingsSlice(...a),
        ...createTimelineSlice(...a),
        ...createCatalogSlice(...a),
        ...createPrefsSlice(...a),
        ...createTrafficSlice(...a),
        ...createDeliveriesSlice(...a),
        ...createCheckSlice(...a)
      }),
      {
        name: 'ssf-sim-prefs',
        // Where there is no local storage (the store under Node), naming it throws here and
        // `persist` keeps nothing, as with its default storage.
        storage: createJSONStorage(() => writtenOnChange(localStorage)),
        // Version 2: the screen moved into the URL; only the theme is kept.
        version: 2,
        partialize: (s) => ({ theme: s.theme }),
        // Stored prefs are untrusted input: keep only values we recognise.
        migrate: (persisted) => ({ theme: storedTheme(persisted) }),
        merge: (persisted, current) => ({
          ...current,
          theme: storedTheme(persisted) ?? current.theme
        })
      }
    ),
    { name: 'ssf-simulator', enabled: import.meta.env.DEV }
  )
)
