/**
 * Remembered window bounds: a small JSON file in the user-data folder. A missing or damaged file
 * gives the defaults; it never stops the app from starting.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

/** Window bounds and state. */
export interface WindowState {
  width: number
  height: number
  x?: number
  y?: number
  maximized: boolean
}

/** Defaults: the size the UI is designed and screenshotted at. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false }

const stateSchema = z.object({
  width: z.number().int().min(640).max(10_000),
  height: z.number().int().min(480).max(10_000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean().default(false)
})

const FILE = 'window-state.json'

/** Read the stored state (defaults when absent or invalid). */
export function loadWindowState(dir: string): WindowState {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(join(dir, FILE), 'utf8')))
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE
  } catch {
    return DEFAULT_WINDOW_STATE
  }
}

/** Store the state; failures are ignored (a read-only profile must not crash the app). */
export function saveWindowState(dir: string, state: WindowState): void {
  try {
    writeFileSync(join(dir, FILE), JSON.stringify(state))
  } catch {
    // Best effort by design.
  }
}
