/**
 * The engine process's heap policy, for both faces (headless and desktop).
 * @module
 */
import { setFlagsFromString } from 'node:v8'

/**
 * Grow the old generation by 30 % per major GC, not V8's up-to-4× for a fast-allocating process:
 * the engine's live heap is ~30 MB, and the RSS after 10,000 fires was mostly garbage not yet
 * collected (docs/performance.md). V8 reads this flag at each heap-limit update.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=30')
}
