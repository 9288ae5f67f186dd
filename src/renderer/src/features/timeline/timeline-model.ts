/**
 * A stream's story in time order, built from what the engine records: the stream itself, its
 * traffic (management calls, pushes, polls) and its outbound SETs with their delivery attempts.
 * Pure, so it is unit-tested without a browser.
 * @module
 */
import type { StreamView, TrafficSummary } from '../../../../shared/api/contract'

/** An outbound SET of the stream (a line of `GET /api/sets/export.ndjson?stream_id=`). */
export interface OutboundSet {
  jti: string
  event_type: string
  state: string
  created_at: number
  claims: unknown
}

/** One step of the story. */
export type TimelineItem =
  | { kind: 'created'; at: number; key: string; title: string }
  | { kind: 'subject'; at: number; key: string; title: string }
  | { kind: 'verification'; at: number; key: string; title: string }
  | { kind: 'call'; at: number; key: string; title: string; exchange: TrafficSummary }
  | {
      kind: 'set'
      at: number
      key: string
      title: string
      set: OutboundSet
      /** Pushes (or polls) that carried this SET, oldest first. */
      attempts: TrafficSummary[]
    }

/** Last path segment of an event-type URI (`session-revoked`). */
export function eventName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1) || uri
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

/** What a recorded exchange did, in words. */
export function describeCall(x: TrafficSummary): string {
  const path = pathOf(x.url)
  const answer = x.status === null ? (x.error ?? 'no answer') : String(x.status)
  if (x.kind === 'poll') return `Poll by the Receiver → ${answer}`
  if (x.kind === 'push') return `Push → ${answer}`
  if (x.kind === 'management') {
    const what =
      /\/status$/.test(path) && x.method !== 'GET'
        ? 'Status change requested'
        : /\/status$/.test(path)
          ? 'Status read'
          : /subjects[:/]?add|\/add$/.test(path)
            ? 'Subject added'
            : /subjects[:/]?remove|\/remove$/.test(path)
              ? 'Subject removed'
              : /verif/.test(path)
                ? 'Verification requested'
                : x.method === 'POST'
                  ? 'Stream created'
                  : x.method === 'GET'
                    ? 'Stream read'
                    : x.method === 'DELETE'
                      ? 'Stream deleted'
                      : 'Stream updated'
    return `${what} (${x.method} ${path}) → ${answer}`
  }
  return `${x.method} ${path} → ${answer}`
}

/** Is there a recorded management call matching `path` around `at` (the same step)? */
function recordedCall(traffic: readonly TrafficSummary[], path: RegExp, at: number): boolean {
  return traffic.some(
    (x) =>
      x.kind === 'management' &&
      path.test(pathOf(x.url)) &&
      at >= x.at - 50 &&
      at <= x.at + x.duration_ms + 50
  )
}

/** Words for a SET: stream-updated and verification SETs are named as such. */
function describeSet(s: OutboundSet): string {
  const name = eventName(s.event_type)
  if (name === 'stream-updated') return `Stream-updated SET (${s.state})`
  if (name === 'verification') return `Verification SET (${s.state})`
  return `SET ${name} (${s.state})`
}

/** The story: every step, oldest first (ties keep the order they were recorded in). */
export function buildTimeline(
  stream: StreamView | undefined,
  traffic: readonly TrafficSummary[],
  sets: readonly OutboundSet[]
): TimelineItem[] {
  const items: TimelineItem[] = []
  const createdByCall = traffic.some(
    (x) => x.kind === 'management' && x.method === 'POST' && /\/streams\/?$/.test(pathOf(x.url))
  )
  if (stream && !createdByCall)
    items.push({ kind: 'created', at: stream.created_at, key: 'created', title: 'Stream created' })
  for (const [i, s] of (stream?.subjects ?? []).entries())
    if (!recordedCall(traffic, /subjects[:/]?add|\/add$/, s.added_at))
      items.push({
        kind: 'subject',
        at: s.added_at,
        key: `subject-${i}`,
        title: `Subject added (${s.subject.format})`
      })
  // Subjects and verification requests come from the stream's own record too: those made through
  // the control API (UI, CLI) leave no SSF management call in the traffic. Steps that did come
  // as an SSF call are listed as that call (with its answer), not twice.
  for (const [i, r] of (stream?.removed_subjects ?? []).entries())
    if (!recordedCall(traffic, /subjects[:/]?remove|\/remove$/, r.removed_at))
      items.push({
        kind: 'subject',
        at: r.removed_at,
        key: `subject-removed-${i}`,
        title: `Subject removed (${r.subject.format})`
      })
  for (const [i, v] of (stream?.verification_requests ?? []).entries())
    if (!recordedCall(traffic, /verif/, v.requested_at))
      items.push({
        kind: 'verification',
        at: v.requested_at,
        key: `verification-${i}`,
        title:
          v.state === undefined
            ? 'Verification requested'
            : `Verification requested (state ${v.state})`
      })
  const byJti = new Map<string, TrafficSummary[]>()
  for (const x of traffic)
    if (x.jti !== null && (x.kind === 'push' || x.kind === 'poll'))
      byJti.set(x.jti, [...(byJti.get(x.jti) ?? []), x])
  const setJtis = new Set(sets.map((s) => s.jti))
  for (const s of sets)
    items.push({
      kind: 'set',
      at: s.created_at,
      key: `set-${s.jti}`,
      title: describeSet(s),
      set: s,
      attempts: [...(byJti.get(s.jti) ?? [])].sort((a, b) => a.at - b.at || a.id - b.id)
    })
  for (const x of traffic)
    if (x.jti === null || !setJtis.has(x.jti) || (x.kind !== 'push' && x.kind !== 'poll'))
      items.push({ kind: 'call', at: x.at, key: `x-${x.id}`, title: describeCall(x), exchange: x })
  // Stable sort: steps recorded at the same millisecond keep their order.
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.at - b.item.at || a.i - b.i)
    .map(({ item }) => item)
}
