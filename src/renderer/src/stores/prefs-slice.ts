/**
 * UI preferences: the only persisted slice (the theme). The current screen is the URL's.
 * @module
 */
import type { SliceCreator } from './types'

/** Preferences and their setters. */
export interface PrefsSlice {
  theme: 'light' | 'dark'
  setTheme(theme: 'light' | 'dark'): void
  toggleTheme(): void
}

export const createPrefsSlice: SliceCreator<PrefsSlice> = (set, get) => ({
  theme: 'light',
  setTheme: (theme) => set({ theme }, undefined, 'prefs/setTheme'),
  toggleTheme: () =>
    set({ theme: get().theme === 'dark' ? 'light' : 'dark' }, undefined, 'prefs/toggleTheme')
})
