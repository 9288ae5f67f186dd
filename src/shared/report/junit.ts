/**
 * A JUnit XML writer: test suites and cases → the XML that CI systems (Jenkins, GitLab, GitHub
 * Actions reporters) read. Pure and generic: callers map their own results onto cases.
 * @see https://github.com/windyroad/JUnit-Schema (junit-10.xsd, the schema Jenkins reads)
 * @module
 */

/** How one case ended. */
export type JUnitOutcome = 'pass' | 'fail' | 'error' | 'skip'

/** One test case. */
export interface JUnitCase {
  name: string
  /** Groups cases in CI views; defaults to the suite name. */
  classname?: string
  outcome: JUnitOutcome
  /** Seconds. */
  time?: number
  /** One line: the failure/error/skip message attribute. */
  message?: string
  /** Longer text: the body of `<failure>`/`<error>`, or `<system-out>` for passing cases. */
  detail?: string
}

/** One test suite. */
export interface JUnitSuite {
  name: string
  cases: readonly JUnitCase[]
  /** Seconds; defaults to the sum of the cases' times. */
  time?: number
  /** When the suite started (ISO 8601 without a zone, as the schema wants it). */
  timestamp?: Date
  hostname?: string
}

// XML 1.0 allows tab, LF, CR and everything from U+0020 except lone surrogates and U+FFFE/U+FFFF.
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Escape text for an XML attribute or element; drops characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

function attrs(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('')
}

function seconds(value: number): string {
  return (Math.max(0, value) || 0).toFixed(3)
}

/** The schema's timestamp: `YYYY-MM-DDTHH:MM:SS`, no fraction, no zone. */
function timestamp(at: Date): string {
  return at.toISOString().slice(0, 19)
}

function renderCase(c: JUnitCase, suite: string): string {
  const head = `    <testcase${attrs({
    name: c.name,
    classname: c.classname ?? suite,
    time: seconds(c.time ?? 0)
  })}`
  const message = attrs({ message: c.message })
  const body = c.detail === undefined ? '' : escapeXml(c.detail)
  switch (c.outcome) {
    case 'pass':
      return c.detail === undefined
        ? `${head}/>`
        : `${head}>\n      <system-out>${body}</system-out>\n    </testcase>`
    case 'skip':
      return `${head}>\n      <skipped${message}/>\n    </testcase>`
    case 'fail':
      return `${head}>\n      <failure${message}${attrs({ type: 'failure' })}>${body}</failure>\n    </testcase>`
    case 'error':
      return `${head}>\n      <error${message}${attrs({ type: 'error' })}>${body}</error>\n    </testcase>`
  }
}

function count(cases: readonly JUnitCase[], outcome: JUnitOutcome): number {
  return cases.filter((c) => c.outcome === outcome).length
}

function total(cases: readonly JUnitCase[]): number {
  return cases.reduce((sum, c) => sum + (c.time ?? 0), 0)
}

/** Render suites as one JUnit XML document (`<testsuites>` root). */
export function toJUnitXml(suites: readonly JUnitSuite[], name = 'ssf-sim'): string {
  const all = suites.flatMap((s) => s.cases)
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({
      name,
      tests: all.length,
      failures: count(all, 'fail'),
      errors: count(all, 'error'),
      time: seconds(suites.reduce((sum, s) => sum + (s.time ?? total(s.cases)), 0))
    })}>`
  ]
  suites.forEach((s, index) => {
    lines.push(
      `  <testsuite${attrs({
        name: s.name,
        tests: s.cases.length,
        failures: count(s.cases, 'fail'),
        errors: count(s.cases, 'error'),
        skipped: count(s.cases, 'skip'),
        time: seconds(s.time ?? total(s.cases)),
        timestamp: s.timestamp ? timestamp(s.timestamp) : undefined,
        hostname: s.hostname,
        id: index
      })}>`
    )
    for (const c of s.cases) lines.push(renderCase(c, s.name))
    lines.push('  </testsuite>')
  })
  lines.push('</testsuites>', '')
  return lines.join('\n')
}
