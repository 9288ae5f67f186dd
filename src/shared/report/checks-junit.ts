/**
 * Conformance reports (`{ checks: [...] }`) as JUnit suites.
 * @module
 */
import type { JUnitCase, JUnitSuite } from './junit'

/** One check of a conformance report, as the control API returns it. */
export interface ReportCheck {
  id: string
  title: string
  rule: string
  status: 'pass' | 'warn' | 'fail' | 'skip'
  detail: string
  exchange_id?: number
}

/**
 * One case per check: `fail` is a failure, `skip` is skipped, `warn` passes (a warning must not
 * break a pipeline) with its detail in `<system-out>`.
 */
export function checksToJUnitSuite(name: string, checks: readonly ReportCheck[]): JUnitSuite {
  const cases = checks.map((c): JUnitCase => {
    const detail = `${c.rule}: ${c.detail}${c.exchange_id === undefined ? '' : ` (exchange ${c.exchange_id})`}`
    const base = { name: `${c.id}: ${c.title}`, classname: name }
    if (c.status === 'fail') return { ...base, outcome: 'fail', message: c.detail, detail }
    if (c.status === 'skip') return { ...base, outcome: 'skip', message: c.detail }
    return { ...base, outcome: 'pass', detail: c.status === 'warn' ? `warning: ${detail}` : detail }
  })
  return { name, cases }
}
