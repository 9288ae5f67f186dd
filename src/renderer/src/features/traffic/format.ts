/**
 * How exchanges read in the traffic screen: times, paths, status colours, short ids.
 * @module
 */

/** `14:03:07.123` in local time. */
export function clockTime(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** After the scheme and authority of an absolute URL: the path, query and fragment. */
const AFTER_AUTHORITY = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*([^#]*)/i

/**
 * The path and query of a URL (the whole text when it is not one). A pattern, not `new URL`:
 * each row that scrolls into view asks, a dozen per frame.
 */
export function pathOf(url: string): string {
  const m = AFTER_AUTHORITY.exec(url)
  if (!m) return url
  const rest = m[1] ?? ''
  return rest.startsWith('/') ? rest : `/${rest}`
}

/** Mantine colour of an HTTP status (null: no answer). */
export function statusColor(status: number | null): string {
  if (status === null) return 'red'
  if (status < 300) return 'teal'
  if (status < 400) return 'blue'
  if (status < 500) return 'orange'
  return 'red'
}

/** The last path segment of an event-type URI. */
export function shortType(uri: string | null): string {
  if (!uri) return ''
  return uri.slice(uri.lastIndexOf('/') + 1) || uri
}

/** "in 3 s", "in 2 min", or "now" for a moment in the past. */
export function dueIn(at: number, now: number): string {
  const s = Math.round((at - now) / 1000)
  if (s <= 0) return 'now'
  if (s < 120) return `in ${s} s`
  return `in ${Math.round(s / 60)} min`
}
