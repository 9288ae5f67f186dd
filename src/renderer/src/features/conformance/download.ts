/**
 * Reports as files: JSON (the control API's shape) and JUnit XML (the shared writer).
 * @module
 */
import type { ConformanceReport } from '../../../../shared/api/conformance'
import { checksToJUnitSuite } from '../../../../shared/report/checks-junit'
import { toJUnitXml } from '../../../../shared/report/junit'

/** Save `text` as a file named `name` (browser download; Electron shows its save dialog). */
export function downloadText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** The report as pretty JSON. */
export function reportJson(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

/** The report as JUnit XML, one suite named `name`. */
export function reportJUnit(name: string, report: ConformanceReport): string {
  return toJUnitXml([checksToJUnitSuite(name, report.checks)])
}
