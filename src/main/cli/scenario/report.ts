/**
 * A scenario result as text for people and as JUnit XML for CI systems.
 * @module
 */
import type { JUnitCase, JUnitSuite } from '../../../shared/report/junit'
import type { Outcome, ScenarioResult } from './runner'

const MARK = { pass: '✓', fail: '✗', error: '!', skip: '-' } as const

function line(o: Outcome): string {
  return `  ${MARK[o.status]} ${o.name} (${Math.round(o.ms)} ms)\n      ${o.detail}\n`
}

/** The readable report. */
export function renderReport(r: ScenarioResult): string {
  const expected = r.expectations.filter((e) => e.status === 'pass').length
  return (
    `Scenario: ${r.name} (${r.file})\n` +
    [r.setup, ...r.steps, ...r.expectations].map(line).join('') +
    `${r.passed ? 'PASSED' : 'FAILED'}: ${expected}/${r.expectations.length} expectations met, ` +
    `${r.steps.filter((s) => s.status === 'pass').length}/${r.steps.length} steps ran, in ${(r.ms / 1000).toFixed(1)} s\n`
  )
}

function toCase(o: Outcome, classname: string): JUnitCase {
  const base = { name: o.name, classname, time: o.ms / 1000 }
  if (o.status === 'pass') return { ...base, outcome: 'pass', detail: o.detail }
  if (o.status === 'skip') return { ...base, outcome: 'skip', message: o.detail }
  return { ...base, outcome: o.status, message: o.detail, detail: o.detail }
}

/** One JUnit suite per scenario: setup, each step, each expectation. */
export function toJUnitSuite(r: ScenarioResult): JUnitSuite {
  return {
    name: r.name,
    timestamp: r.startedAt,
    time: r.ms / 1000,
    cases: [r.setup, ...r.steps, ...r.expectations].map((o) => toCase(o, r.file))
  }
}
