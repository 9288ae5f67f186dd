/**
 * The filters of `GET /api/traffic` as a value: parsed from (and written to) a URL query, and
 * matched against a summary row on the client, so live rows can join a filtered view without a
 * round trip. Body text is not in a summary row: {@link needsServerMatch} says when only the
 * engine can decide.
 * @module
 */
import { TRAFFIC_DIRECTIONS, TRAFFIC_KINDS, parseStatusFilter } from './index'

/** Filter members, named as in the `GET /api/traffic` query. */
export const TRAFFIC_FILTER_KEYS = [
  'stream_id',
  'direction',
  'kind',
  'status',
  'event_type',
  'text',
  'jti'
] as const
/** One of {@link TRAFFIC_FILTER_KEYS}. */
export type TrafficFilterKey = (typeof TRAFFIC_FILTER_KEYS)[number]
/** The set filters (absent = any). */
export type TrafficFilter = Partial<Record<TrafficFilterKey, string>>

/** The summary members a filter looks at. */
export interface FilterableRow {
  direction: string
  kind: string
  status: number | null
  url: string
  stream_id: string | null
  jti: string | null
  event_type: string | null
}

const MAX_VALUE = 500

/**
 * The filter a URL query names. Unknown members, empty values and values the engine would refuse
 * (an unknown kind, a status that is neither a code nor a class) are left out, so a hand-edited
 * link still opens a view.
 */
export function filterFromQuery(query: URLSearchParams): TrafficFilter {
  const out: TrafficFilter = {}
  for (const key of TRAFFIC_FILTER_KEYS) {
    const value = query.get(key)?.trim()
    if (!value || value.length > MAX_VALUE) continue
    if (key === 'direction' && !(TRAFFIC_DIRECTIONS as readonly string[]).includes(value)) continue
    if (key === 'kind' && !(TRAFFIC_KINDS as readonly string[]).includes(value)) continue
    if (key === 'status' && !parseStatusFilter(value)) continue
    out[key] = value
  }
  return out
}

/** The URL query of a filter, members in a stable order ('' when none). */
export function filterToQuery(filter: TrafficFilter): string {
  const q = new URLSearchParams()
  for (const key of TRAFFIC_FILTER_KEYS) {
    const value = filter[key]
    if (value) q.set(key, value)
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

/** True when the filter has free text, which the engine also matches in bodies. */
export function needsServerMatch(filter: TrafficFilter): boolean {
  return filter.text !== undefined
}

/** Whether a row passes the filter, as `GET /api/traffic` decides (text: URL and jti only). */
export function matchesFilter(row: FilterableRow, filter: TrafficFilter): boolean {
  if (filter.stream_id !== undefined && row.stream_id !== filter.stream_id) return false
  if (filter.direction !== undefined && row.direction !== filter.direction) return false
  if (filter.kind !== undefined && row.kind !== filter.kind) return false
  if (filter.event_type !== undefined && row.event_type !== filter.event_type) return false
  if (filter.jti !== undefined && row.jti !== filter.jti) return false
  if (filter.status !== undefined) {
    const status = parseStatusFilter(filter.status)
    if (!status || row.status === null) return false
    if (
      'exact' in status
        ? row.status !== status.exact
        : row.status < status.min || row.status > status.max
    )
      return false
  }
  if (filter.text !== undefined) {
    // SQLite's LIKE, which the engine uses, ignores ASCII case.
    const text = filter.text.toLowerCase()
    if (!row.url.toLowerCase().includes(text) && !(row.jti ?? '').toLowerCase().includes(text))
      return false
  }
  return true
}

/** Whether two filters are the same (same members, same values). */
export function sameFilter(a: TrafficFilter, b: TrafficFilter): boolean {
  return TRAFFIC_FILTER_KEYS.every((k) => a[k] === b[k])
}
