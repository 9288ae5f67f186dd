/**
 * The traffic list's one merge rule: rows are kept newest first (by id) and each id once. A live
 * row can also be in a page the engine answered a moment later (the page read after the row was
 * stored), and the same id twice would show twice and confuse React's keyed list.
 * @module
 */

/** A row with its traffic-log id (ids grow with time). */
export interface HasId {
  id: number
}

/** Rows newest first (live rows can arrive out of order). */
export function newestFirst<T extends HasId>(rows: readonly T[]): T[] {
  return [...rows].sort((x, y) => y.id - x.id)
}

/**
 * `a` and `b`, both newest first, as one list newest first with each id once, at most `max` long.
 */
export function mergeNewestFirst<T extends HasId>(
  a: readonly T[],
  b: readonly T[],
  max: number
): T[] {
  const out: T[] = []
  let i = 0
  let j = 0
  let last = Number.POSITIVE_INFINITY
  while (out.length < max && (i < a.length || j < b.length)) {
    const x = a[i]
    const y = b[j]
    let next: T
    if (x !== undefined && (y === undefined || x.id >= y.id)) {
      next = x
      i++
    } else if (y !== undefined) {
      next = y
      j++
    } else break
    if (next.id === last) continue
    out.push(next)
    last = next.id
  }
  return out
}
