/**
 * A conformance report as JUnit XML (one testsuite per area; `fail` → `<failure>`,
 * `skip` → `<skipped>`, `warn` passes with a `<system-out>` note), for CI dashboards.
 * @module
 */
import type { ReportCheck } from '../api/conformance'
import { groupByArea } from './report'

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
}

/** Render `checks` as a JUnit XML document named `name`. */
export function reportToJUnit(name: string, checks: readonly ReportCheck[]): string {
  const suites = groupByArea(checks).map(({ area, checks: list }) => {
    const failures = list.filter((c) => c.status === 'fail').length
    const skipped = list.filter((c) => c.status === 'skip').length
    const cases = list.map((c) => {
      const head = `    <testcase classname="${escapeXml(`${name}.${area}`)}" name="${escapeXml(`${c.id}: ${c.title}`)}">`
      const detail = escapeXml(`${c.rule} — ${c.detail}`)
      const body =
        c.status === 'fail'
          ? `\n      <failure message="${detail}">${detail}</failure>\n    `
          : c.status === 'skip'
            ? `\n      <skipped message="${detail}"/>\n    `
            : c.status === 'warn'
              ? `\n      <system-out>warning: ${detail}</system-out>\n    `
              : ''
      return `${head}${body}</testcase>`
    })
    return [
      `  <testsuite name="${escapeXml(`${name}.${area}`)}" tests="${list.length}" failures="${failures}" skipped="${skipped}" errors="0">`,
      ...cases,
      '  </testsuite>'
    ].join('\n')
  })
  const failures = checks.filter((c) => c.status === 'fail').length
  const skipped = checks.filter((c) => c.status === 'skip').length
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" tests="${checks.length}" failures="${failures}" skipped="${skipped}" errors="0">`,
    ...suites,
    '</testsuites>',
    ''
  ].join('\n')
}
