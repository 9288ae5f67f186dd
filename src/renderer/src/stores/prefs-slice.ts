/**
 * UI preferences: the only persisted slice (theme and the last screen).
 * @module
 */
import type { SliceCreator } from './types'

/** The screens of the app. */
export const SCREENS = ['home', 'streams', 'fire', 'receiver'] as const
/** One of {@link SCREENS}. */
export type Screen = (typeof SCREENS)[number]

/** Preferences and their setters. */
export interface PrefsSlice {
  theme: 'light' | 'dark'
  screen: Screen
  setTheme(theme: 'light' | 'dark'): void
  toggleTheme(): void
  setScreen(screen: Screen): void
}

export const createPrefsSlice: SliceCreator<PrefsSlice> = (set, get) => ({
  theme: 'light',
  screen: 'home',
  setTheme: (theme) => set({ theme }, undefined, 'prefs/setTheme'),
  toggleTheme: () =>
    set({ theme: get().theme === 'dark' ? 'light' : 'dark' }, undefined, 'prefs/toggleTheme'),
  setScreen: (screen) => set({ screen }, undefined, 'prefs/setScreen')
})
