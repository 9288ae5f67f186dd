/**
 * Pure helpers over a conformance report: areas, counts, the verdict.
 * @module
 */
import type { ReportCheck } from '../api/conformance'

/** The area of a check: its id up to the first dot (`push.bad_signature` → `push`). */
export function areaOf(id: string): string {
  const dot = id.indexOf('.')
  return dot < 0 ? id : id.slice(0, dot)
}

/** Checks grouped by area, areas in the order they first appear. */
export function groupByArea<C extends Pick<ReportCheck, 'id'>>(
  checks: readonly C[]
): { area: string; checks: C[] }[] {
  const groups = new Map<string, C[]>()
  for (const c of checks) {
    const area = areaOf(c.id)
    const list = groups.get(area)
    if (list) list.push(c)
    else groups.set(area, [c])
  }
  return [...groups].map(([area, list]) => ({ area, checks: list }))
}

/** How many checks have each status. */
export function countByStatus(
  checks: readonly Pick<ReportCheck, 'status'>[]
): Record<ReportCheck['status'], number> {
  const out = { pass: 0, warn: 0, fail: 0, skip: 0 }
  for (const c of checks) out[c.status]++
  return out
}

/** A report fails when any check fails (warnings and skips do not fail it). */
export function reportFailed(checks: readonly Pick<ReportCheck, 'status'>[]): boolean {
  return checks.some((c) => c.status === 'fail')
}
