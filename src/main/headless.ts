/**
 * The headless face: the `ssf-sim` CLI. Plain Node; never imports electron.
 * @module
 */
import { runCli } from './cli/program'
import { limitHeapGrowth } from './core/heap'

limitHeapGrowth()

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
