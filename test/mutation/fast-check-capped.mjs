// fast-check for mutation runs (aliased in test/mutation/vitest.config.ts): the covering tests
// run once per mutant, so each property runs at most 25 times (a property that catches a mutant
// usually does so early). `npm test` keeps each property's own number of runs.
import * as fc from '../../node_modules/fast-check/lib/fast-check.js'

export * from '../../node_modules/fast-check/lib/fast-check.js'

const MAX_RUNS = 25

export function assert(property, params = {}) {
  return fc.assert(property, { ...params, numRuns: Math.min(params.numRuns ?? MAX_RUNS, MAX_RUNS) })
}

export default { ...fc, assert }
