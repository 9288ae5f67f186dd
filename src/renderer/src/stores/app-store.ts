/**
 * The one bound store: typed slices combined here, with the only middleware (devtools, persist).
 * Only preferences are persisted; server state is re-read from the engine.
 * @module
 */
import { create } from 'zustand'
import { devtools, persist } from 'zustand/middleware'
import { createCatalogSlice } from './catalog-slice'
import { createReceiverSlice } from './receiver-slice'
import { SCREENS, createPrefsSlice, type Screen } from './prefs-slice'
import { createTransmitterSlice } from './transmitter-slice'
import type { AppState } from './types'

export type { AppState } from './types'

const isScreen = (v: unknown): v is Screen => SCREENS.some((s) => s === v)

export const useAppStore = create<AppState>()(
  devtools(
    persist(
      (...a) => ({
        ...createTransmitterSlice(...a),
        ...createReceiverSlice(...a),
        ...createCatalogSlice(...a),
        ...createPrefsSlice(...a)
      }),
      {
        name: 'ssf-sim-prefs',
        version: 1,
        partialize: (s) => ({ theme: s.theme, screen: s.screen }),
        // Stored prefs are untrusted input: keep only values we recognise.
        migrate: (persisted) => {
          const out: { theme?: 'light' | 'dark'; screen?: Screen } = {}
          if (typeof persisted === 'object' && persisted !== null) {
            const theme: unknown = Reflect.get(persisted, 'theme')
            const screen: unknown = Reflect.get(persisted, 'screen')
            if (theme === 'light' || theme === 'dark') out.theme = theme
            if (isScreen(screen)) out.screen = screen
          }
          return out
        },
        merge: (persisted, current) => {
          const out = { ...current }
          if (typeof persisted === 'object' && persisted !== null) {
            const theme: unknown = Reflect.get(persisted, 'theme')
            const screen: unknown = Reflect.get(persisted, 'screen')
            if (theme === 'light' || theme === 'dark') out.theme = theme
            if (isScreen(screen)) out.screen = screen
          }
          return out
        }
      }
    ),
    { name: 'ssf-simulator', enabled: import.meta.env.DEV }
  )
)
