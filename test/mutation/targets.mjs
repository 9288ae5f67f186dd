/**
 * What Stryker mutates, one run per target, and which tests may kill those mutants. A folder is
 * split into several targets where one run would be too long for the shared 2-core machine;
 * `folder` groups them for the score. Globs by folder and file stem, so a file moved or split
 * (`emitter.ts` → `emitter/*.ts`) stays covered. Used by stryker.config.mjs,
 * test/mutation/vitest.config.ts and scripts/mutation.js.
 */
import process from 'node:process'

/** @typedef {{ folder: string, mutate: string[], tests: string[], tsconfig: string }} MutationTarget */

const SHARED_TESTS = ['test/unit/shared/**/*.test.ts', 'test/unit/ssf/**/*.test.ts']
const TRANSMITTER = 'src/main/transmitter'
// The receiver tests that push (the others only poll or manage streams), and the guard that
// starts its engine inside the test (see push-route.guard.test.ts).
const RECEIVER_PUSH_TESTS = [
  'test/integration/receiver/push*.test.ts',
  'test/integration/receiver/robustness*.test.ts',
  'test/integration/receiver/verification-push*.test.ts',
  'test/integration/receiver/one-exchange-log*.test.ts'
]

/** @param {string} folder @param {string[]} mutate @param {string[]} tests @param {string} tsconfig */
const target = (folder, mutate, tests, tsconfig) => ({ folder, mutate, tests, tsconfig })

// src/shared/ssf: the protocol core without I/O (subjects, SET claims, lint, catalog validation).
// Not its data tables (catalog entries, documentation text): a changed literal there is a
// change of content, which the catalog tests check as content.
const SHARED = 'src/shared/ssf'
const SHARED_TS = 'src/shared/tsconfig.json'
const MAIN_TS = 'src/main/tsconfig.json'

/** @type {Record<string, MutationTarget>} */
export const TARGETS = {
  'shared-ssf.set': target(
    SHARED,
    ['src/shared/ssf/set*.ts', 'src/shared/ssf/validate*.ts'],
    SHARED_TESTS,
    SHARED_TS
  ),
  'shared-ssf.lint': target(SHARED, ['src/shared/ssf/lint*.ts'], SHARED_TESTS, SHARED_TS),
  // Each mutant of these runs only its module's own tests: the whole shared suite per mutant
  // (lint, scenarios, reports all use subjects and the catalog) is what made a run take hours.
  'shared-ssf.subject': target(
    SHARED,
    ['src/shared/ssf/subject*.ts'],
    ['test/unit/shared/subject*.test.ts'],
    SHARED_TS
  ),
  'shared-ssf.catalog': target(
    SHARED,
    ['src/shared/ssf/catalog/validate*.ts'],
    ['test/unit/shared/catalog*.test.ts', 'test/unit/shared/lint*.test.ts'],
    SHARED_TS
  ),
  // src/main/transmitter: endpoints, delivery, emitter. One target per file or group of files,
  // each with the tests that exercise it: an integration test costs seconds per mutant, so the
  // whole transmitter suite per mutant would take a day on this machine. Unit tests first.
  'transmitter.plan': target(
    TRANSMITTER,
    ['src/main/transmitter/delivery/plan*.ts'],
    // Pure functions of the event and the stream: their unit tests reach every branch.
    ['test/unit/delivery/plan*.test.ts'],
    MAIN_TS
  ),
  'transmitter.push': target(
    TRANSMITTER,
    ['src/main/transmitter/delivery/push*.ts'],
    [
      'test/unit/delivery/push*.test.ts',
      'test/integration/delivery/push*.test.ts',
      'test/integration/delivery/retry-schedule*.test.ts',
      // The scheduling faults (delay_ms, drop, reorder) act in the push worker.
      'test/integration/defects/fault-loss*.test.ts',
      'test/integration/defects/fault-reorder*.test.ts'
    ],
    MAIN_TS
  ),
  'transmitter.poll-queue': target(
    TRANSMITTER,
    ['src/main/transmitter/delivery/poll-queue*.ts'],
    [
      'test/unit/delivery/poll-request*.test.ts',
      'test/integration/delivery/poll*.test.ts',
      // The long-poll guards kept out of test/integration/delivery, which transmitter.delivery
      // runs whole: a new test there makes that target retest every survivor it covers.
      'test/integration/transmitter/poll-*.guard.test.ts'
    ],
    MAIN_TS
  ),
  'transmitter.delivery': target(
    TRANSMITTER,
    [
      'src/main/transmitter/delivery/{options,replay,service,transport}*.ts',
      // One glob for the file and for the folder it may become, so neither form warns.
      'src/main/transmitter/{emitter*.ts,emitter/**/*.ts}'
    ],
    [
      'test/integration/delivery/*.test.ts',
      'test/integration/tenants/consent-delivery*.test.ts',
      // The emitter's removed-subject check (grace period).
      'test/integration/defects/subject-removal*.test.ts',
      'test/unit/delivery/fire-command*.test.ts',
      // Replay (service.replay, replay.ts): exact and edited, push and poll.
      'test/integration/inspector/replay-export*.test.ts'
    ],
    MAIN_TS
  ),
  'transmitter.endpoints': target(
    TRANSMITTER,
    ['src/main/transmitter/endpoints/**/*.ts'],
    [
      // One file per endpoint, the management errors, and the guard that starts its engine in
      // the test; not the slow whole-API ones (hostile-JSON property, raw sockets, restart).
      'test/integration/transmitter/{metadata,jwks,status,streams-*,subjects-*,verification}.test.ts',
      'test/integration/transmitter/management-errors.test.ts',
      'test/integration/transmitter/*.guard.test.ts',
      'test/integration/delivery/poll*.test.ts',
      // The poll response written from the stored tokens: its unit property (the same bytes as
      // JSON.stringify and pollBodyForLog) and the recorded poll exchanges (a token fault).
      'test/unit/delivery/poll-bodies*.test.ts',
      'test/integration/inspector/poll-traffic*.test.ts'
    ],
    MAIN_TS
  ),
  // src/main/receiver: verifier and push endpoint.
  // verifySet is a function of its token and injected deps (keys, expectations): its unit tests
  // reach every branch, so the integration tests (seconds per mutant) are left out.
  'receiver.verifier': target(
    'src/main/receiver',
    ['src/main/receiver/{verifier*.ts,verifier/**/*.ts}'],
    ['test/unit/main/receiver-*.test.ts'],
    MAIN_TS
  ),
  'receiver.push': target(
    'src/main/receiver',
    ['src/main/receiver/endpoints/**/*.ts', 'src/main/receiver/push-receiver.ts'],
    RECEIVER_PUSH_TESTS,
    MAIN_TS
  )
}

/** The target named by `MUTATION_TARGET` (default: the first). */
export function currentTarget() {
  const name = process.env.MUTATION_TARGET ?? Object.keys(TARGETS)[0]
  const found = TARGETS[name]
  if (!found)
    throw new Error(`unknown MUTATION_TARGET ${name}: one of ${Object.keys(TARGETS).join(', ')}`)
  return { name, ...found }
}
