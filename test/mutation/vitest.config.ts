/**
 * Vitest for Stryker: only the unit and integration tests that can kill mutants of the folder
 * under test (`MUTATION_TARGET`), one project, no e2e.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { currentTarget } from './targets.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))

export default defineConfig({
  resolve: {
    alias: { 'fast-check': fileURLToPath(new URL('./fast-check-capped.mjs', import.meta.url)) }
  },
  test: {
    root,
    include: currentTarget().tests,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    expect: { poll: { timeout: 10_000 } }
  }
})
