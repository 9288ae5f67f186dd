/**
 * Stryker mutation testing, one folder per run (`MUTATION_TARGET`, see test/mutation/targets.mjs).
 * `npm run test:mutation` runs every folder in turn through scripts/mutation.mjs; it is not part
 * of `npm test`. Incremental: each folder keeps its results in reports/mutation/<target>.json
 * (committed), so a run only retests mutants whose code or tests changed.
 * @see docs/testing.md
 */
import { currentTarget } from './test/mutation/targets.mjs'

const target = currentTarget()

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: target.tsconfig,
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // MUTATION_ALL_KILLERS=1: run every covering test of a mutant (no bail), so the report's
  // killedBy lists all killers and one run gives the score with and without some test files
  // (scripts/mutation-before.mjs).
  disableBail: process.env.MUTATION_ALL_KILLERS === '1',
  mutate: target.mutate,
  ignoreStatic: true,
  // Strings are messages and descriptions; the protocol's names are constants (static, above).
  mutator: { excludedMutations: ['StringLiteral'] },
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  incremental: true,
  incrementalFile: `reports/mutation/${target.name}.json`,
  reporters: ['clear-text', 'progress-append-only', 'html'],
  htmlReporter: { fileName: `reports/mutation/${target.name}.html` },
  // The sandbox needs sources and tests only.
  ignorePatterns: [
    'out',
    'dist',
    'docs/screenshots',
    'bench',
    'reports',
    'test/e2e',
    'test/electron'
  ],
  thresholds: { high: 90, low: 80, break: null },
  // Beyond the dry run's time: a run that merely starts slowly on a loaded shared machine must not
  // count as a timeout (a false "detected"); no mutated loop here runs forever.
  timeoutMS: 60_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
}
