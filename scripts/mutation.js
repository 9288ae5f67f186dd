// `npm run test:mutation [target…]`: Stryker on each folder of test/mutation/targets.mjs in turn,
// incremental, niced (the machine is shared), and a summary of the scores at the end.
// MUTATION_CONCURRENCY sets Stryker's worker count (default 2).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { TARGETS } from '../test/mutation/targets.mjs'

const names = process.argv.slice(2)
for (const name of names)
  if (!(name in TARGETS))
    throw new Error(`unknown target ${name}: ${Object.keys(TARGETS).join(', ')}`)

/** Mutation score of a Stryker JSON report: killed+timeout over all valid, covered or not. */
function score(report) {
  let detected = 0
  let valid = 0
  for (const file of Object.values(report.files))
    for (const m of file.mutants) {
      if (m.status === 'CompileError' || m.status === 'RuntimeError' || m.status === 'Ignored')
        continue
      valid++
      if (m.status === 'Killed' || m.status === 'Timeout') detected++
    }
  return { detected, valid, score: valid === 0 ? 100 : (100 * detected) / valid }
}

const runs = names.length > 0 ? names : Object.keys(TARGETS)
const minutes = {}
let failed = false
for (const name of runs) {
  const started = Date.now()
  const run = spawnSync('nice', ['-n', '19', 'npx', 'stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_TARGET: name }
  })
  if (run.status !== 0) failed = true
  minutes[name] = (Date.now() - started) / 60_000
}

// Scores per folder, from every target's last report (this run's or an earlier one).
const folders = {}
for (const [name, target] of Object.entries(TARGETS)) {
  const file = `reports/mutation/${name}.json`
  if (!existsSync(file)) continue
  const s = score(JSON.parse(readFileSync(file, 'utf8')))
  const f = (folders[target.folder] ??= { detected: 0, valid: 0 })
  f.detected += s.detected
  f.valid += s.valid
  console.log(
    `  ${name.padEnd(24)} ${s.score.toFixed(1).padStart(5)}%  ${s.detected}/${s.valid}` +
      (name in minutes ? `  ${minutes[name].toFixed(1)} min` : '')
  )
}
for (const [folder, f] of Object.entries(folders))
  console.log(
    `${folder.padEnd(26)} ${((100 * f.detected) / Math.max(1, f.valid)).toFixed(1).padStart(5)}%`
  )
process.exit(failed ? 1 : 0)
