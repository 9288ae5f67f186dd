/**
 * Conditions of scenario files, evaluated against the control API: what `wait` steps wait for
 * and what expectations assert. Each evaluation is one look; {@link waitFor} repeats it.
 * @module
 */
import { setTimeout as delay } from 'node:timers/promises'
import type {
  FireEventResponse,
  InboxEntryView,
  TrafficDetail,
  TrafficPage
} from '../../../shared/api/contract'
import { API_PATHS } from '../../../shared/api/paths'
import type { Condition } from '../../../shared/scenario/schema'
import { durationMs } from '../../../shared/scenario/schema'
import { ApiError, type ApiClient } from '../api-client'
import { eventTypeUri } from '../command'
import { runCheck } from '../commands/check'
import type { AppliedSetup } from './setup'

/** The scenario's state while it runs. */
export interface RunState {
  api: ApiClient
  setup: AppliedSetup
  /** `as` name of a fire step → the SETs it made. */
  fired: Map<string, FireEventResponse['sets']>
}

/** One look at a condition. */
export interface Verdict {
  ok: boolean
  detail: string
  /** Conditions that cannot change by waiting (a fire step that made no SET) are not repeated. */
  final?: boolean
}

const ACKNOWLEDGED = new Set(['delivered', 'acked'])

/** The stream_id of a stream named in setup. */
export function streamId(state: RunState, alias: string): string {
  const id = state.setup.streams.get(alias)
  if (id === undefined) throw new ApiError(`no stream "${alias}" in setup.streams`)
  return id
}

/** The receiver_id of a receiver named in setup. */
export function receiverId(state: RunState, alias: string): string {
  const r = state.setup.receivers.get(alias)
  if (r === undefined) throw new ApiError(`no receiver "${alias}" in setup.receivers`)
  return r.receiver_id
}

/** The SETs a fire step made, optionally only those on one stream. */
export function firedSets(
  state: RunState,
  name: string,
  stream?: string
): FireEventResponse['sets'] {
  const sets = state.fired.get(name)
  if (sets === undefined) throw new ApiError(`no fire step named "${name}" ran before this`)
  const only = stream === undefined ? undefined : streamId(state, stream)
  return sets.filter((s) => only === undefined || s.stream_id === only)
}

/** jti → state of every SET sent on a stream (`GET /api/sets/export.ndjson`). */
async function setStates(api: ApiClient, stream: string): Promise<Map<string, string>> {
  const res = await api.raw(
    'GET',
    `${API_PATHS.setsNdjson}?stream_id=${encodeURIComponent(stream)}`
  )
  const out = new Map<string, string>()
  for (const line of (await res.text()).split('\n')) {
    if (line.trim() === '') continue
    const row: unknown = JSON.parse(line)
    if (typeof row === 'object' && row !== null && 'jti' in row && 'state' in row)
      out.set(String(row.jti), String(row.state))
  }
  return out
}

async function acknowledged(state: RunState, name: string, stream?: string): Promise<Verdict> {
  const sets = firedSets(state, name, stream)
  if (sets.length === 0) return { ok: false, detail: `"${name}" made no SET`, final: true }
  const lines: string[] = []
  let ok = true
  for (const s of sets) {
    const st = (await setStates(state.api, s.stream_id)).get(s.jti) ?? 'unknown'
    if (!ACKNOWLEDGED.has(st)) ok = false
    lines.push(`SET ${s.jti}: ${st}`)
  }
  return { ok, detail: lines.join('; ') }
}

async function allAcknowledged(state: RunState, alias: string): Promise<Verdict> {
  const states = await setStates(state.api, streamId(state, alias))
  const open = [...states].filter(([, st]) => !ACKNOWLEDGED.has(st))
  return {
    ok: open.length === 0,
    detail:
      open.length === 0
        ? `all ${states.size} SETs on "${alias}" acknowledged`
        : `${open.length} of ${states.size} SETs not acknowledged: ${open
            .slice(0, 5)
            .map(([jti, st]) => `${jti} ${st}`)
            .join(', ')}`
  }
}

/** The error code the app answered a SET with: a push's 4xx body, or a poll's `setErrs`. */
async function answeredErr(
  api: ApiClient,
  stream: string,
  jti: string
): Promise<string | undefined | null> {
  const page = await api.json<TrafficPage>(
    'GET',
    `${API_PATHS.traffic}?stream_id=${encodeURIComponent(stream)}&limit=500`
  )
  for (const row of page.items) {
    const isPush =
      row.kind === 'push' && row.jti === jti && row.status !== null && row.status >= 400
    if (!isPush && row.kind !== 'poll') continue
    const detail = await api.json<TrafficDetail>('GET', API_PATHS.trafficOne(row.id))
    try {
      const body: unknown = JSON.parse((isPush ? detail.response_body : detail.request_body) ?? '')
      if (typeof body !== 'object' || body === null) continue
      if (isPush) return 'err' in body && typeof body.err === 'string' ? body.err : null
      const errs = 'setErrs' in body ? body.setErrs : undefined
      if (typeof errs === 'object' && errs !== null && jti in errs) {
        const e: unknown = Object.entries(errs).find(([k]) => k === jti)?.[1]
        return typeof e === 'object' && e !== null && 'err' in e && typeof e.err === 'string'
          ? e.err
          : null
      }
    } catch {
      if (isPush) return null
    }
  }
  return undefined
}

async function rejected(
  state: RunState,
  name: string,
  err?: string,
  stream?: string
): Promise<Verdict> {
  const sets = firedSets(state, name, stream)
  if (sets.length === 0) return { ok: false, detail: `"${name}" made no SET`, final: true }
  const lines: string[] = []
  let ok = true
  for (const s of sets) {
    const got = await answeredErr(state.api, s.stream_id, s.jti)
    const fine = got !== undefined && (err === undefined || got === err)
    if (!fine) ok = false
    lines.push(
      got === undefined
        ? `SET ${s.jti}: not refused`
        : `SET ${s.jti}: refused with ${got ?? 'no err code'}${fine ? '' : `, expected ${err}`}`
    )
  }
  return { ok, detail: lines.join('; ') }
}

function includes(actual: unknown, wanted: Record<string, unknown>): boolean {
  if (typeof actual !== 'object' || actual === null) return false
  const entries = Object.entries(actual)
  return Object.entries(wanted).every(([k, v]) =>
    entries.some(([ak, av]) => ak === k && JSON.stringify(av) === JSON.stringify(v))
  )
}

function eventsOf(payload: unknown): [string, unknown][] {
  if (typeof payload !== 'object' || payload === null || !('events' in payload)) return []
  const events = payload.events
  return typeof events === 'object' && events !== null ? Object.entries(events) : []
}

async function received(
  state: RunState,
  c: Extract<Condition, { received: string }>
): Promise<Verdict> {
  const inbox = await state.api.json<InboxEntryView[]>(
    'GET',
    `${API_PATHS.receiverInbox(receiverId(state, c.received))}?limit=500`
  )
  const event = c.event
  const matches = inbox.filter((e) => {
    const events = eventsOf(e.payload)
    const wanted = event === undefined ? undefined : eventTypeUri(event)
    const typed = events.filter(([uri]) => wanted === undefined || uri === wanted)
    if (typed.length === 0) return false
    if (c.subject) {
      const sub =
        typeof e.payload === 'object' && e.payload !== null && 'sub_id' in e.payload
          ? e.payload.sub_id
          : undefined
      const inEvent = typed.some(
        ([, body]) =>
          typeof body === 'object' &&
          body !== null &&
          'subject' in body &&
          includes(body.subject, c.subject ?? {})
      )
      if (!includes(sub, c.subject) && !inEvent) return false
    }
    return true
  })
  const verdictOk = matches.filter((e) => e.verdict === c.verdict)
  const clean = c.lint_clean
    ? verdictOk.filter(
        (e) => !e.findings.some((f) => f.severity === 'error' || f.severity === 'warning')
      )
    : verdictOk
  if (clean.length > 0) return { ok: true, detail: `SET ${clean[0]?.jti ?? '?'} ${c.verdict}` }
  const near = verdictOk[0] ?? matches[0]
  return {
    ok: false,
    detail:
      near === undefined
        ? `no matching SET among ${inbox.length} received`
        : `SET ${near.jti ?? '?'}: ${near.verdict}${near.err ? ` (${near.err})` : ''}; findings: ${
            near.findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`).join('; ') || 'none'
          }`
  }
}

async function checkPasses(
  state: RunState,
  c: Extract<Condition, { check_passes: unknown }>
): Promise<Verdict> {
  const target = c.check_passes
  const wait =
    c.verification_wait === undefined ? undefined : durationMs(c.verification_wait) / 1000
  const checks =
    'receiver' in target
      ? await runCheck(state.api, 'transmitter', receiverId(state, target.receiver), wait)
      : await runCheck(state.api, 'receiver', streamId(state, target.stream), wait)
  const failed = checks.filter((x) => x.status === 'fail')
  // Not final: an app under test may still be starting, so the report runs again until it
  // passes or the expectation's time is up, like every other condition.
  return {
    ok: failed.length === 0,
    detail:
      failed.length === 0
        ? `${checks.length} checks, none failed`
        : `${failed.length} of ${checks.length} checks failed: ${failed.map((x) => `${x.id} (${x.detail})`).join('; ')}`
  }
}

/** Look at a condition once. */
export function evaluate(state: RunState, c: Condition): Promise<Verdict> {
  if ('acknowledged' in c) return acknowledged(state, c.acknowledged, c.stream)
  if ('all_acknowledged' in c) return allAcknowledged(state, c.all_acknowledged)
  if ('rejected' in c) return rejected(state, c.rejected, c.err, c.stream)
  if ('received' in c) return received(state, c)
  return checkPasses(state, c)
}

/** Look until the condition holds or `timeoutMs` passes; the last verdict is returned. */
export async function waitFor(state: RunState, c: Condition, timeoutMs: number): Promise<Verdict> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const verdict = await evaluate(state, c)
    if (verdict.ok || verdict.final || Date.now() >= deadline) return verdict
    await delay(100)
  }
}

/** A short name for a condition, for reports. */
export function describeCondition(c: Condition): string {
  if ('acknowledged' in c) return `SET "${c.acknowledged}" acknowledged`
  if ('all_acknowledged' in c) return `every SET on "${c.all_acknowledged}" acknowledged`
  if ('rejected' in c) return `SET "${c.rejected}" refused${c.err ? ` with ${c.err}` : ''}`
  if ('received' in c)
    return `"${c.received}" received ${c.event ?? 'a SET'}${c.subject ? ` for ${JSON.stringify(c.subject)}` : ''}${c.lint_clean ? ' that lints clean' : ''}`
  return 'receiver' in c.check_passes
    ? `Transmitter behind "${c.check_passes.receiver}" passes the conformance report`
    : `Receiver of "${c.check_passes.stream}" passes the conformance report`
}
