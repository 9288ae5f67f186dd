// `node scripts/mutation-before.mjs <target> [test-file-suffix]`: the score a target's report
// would have without the test files ending in the suffix (default `.guard.test.ts`), read from
// `killedBy`. Exact only for a run with MUTATION_ALL_KILLERS=1 (no bail: every killer listed);
// a timed-out mutant is counted as detected either way.
import { readFileSync } from 'node:fs'
import process from 'node:process'
import console from 'node:console'

const [name, suffix = '.guard.test.ts'] = process.argv.slice(2)
if (!name) throw new Error('usage: node scripts/mutation-before.mjs <target> [test-file-suffix]')
const report = JSON.parse(readFileSync(`reports/mutation/${name}.json`, 'utf8'))

const excluded = new Set()
for (const [file, { tests }] of Object.entries(report.testFiles ?? {}))
  if (file.endsWith(suffix)) for (const t of tests) excluded.add(t.id)

let valid = 0
let before = 0
let after = 0
for (const file of Object.values(report.files))
  for (const m of file.mutants) {
    if (['CompileError', 'RuntimeError', 'Ignored'].includes(m.status)) continue
    valid++
    if (m.status === 'Timeout') {
      before++
      after++
    } else if (m.status === 'Killed') {
      after++
      if ((m.killedBy ?? []).some((id) => !excluded.has(id))) before++
    }
  }
const pct = (n) => (valid === 0 ? 100 : (100 * n) / valid).toFixed(1)
console.log(
  `${name}: without *${suffix} ${pct(before)}% (${before}/${valid}); with ${pct(after)}% (${after}/${valid})`
)
