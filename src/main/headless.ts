/**
 * The headless face: the `ssf-sim` CLI. Plain Node; never imports electron.
 * @module
 */
import { setFlagsFromString } from 'node:v8'
import { runCli } from './cli/program'

// Grow the old generation by 30 % per major GC, not V8's up-to-4× for a fast-allocating process:
// the engine's live heap is ~30 MB, and the RSS after 10,000 fires was mostly garbage not yet
// collected (docs/performance.md). V8 reads this flag at each heap-limit update.
setFlagsFromString('--heap-growing-percent=30')

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd()
}).then(
  (code) => {
    // Serve keeps running on its open server; every other command ends when its work is done.
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`ssf-sim: ${String(err)}\n`)
    process.exitCode = 1
  }
)
