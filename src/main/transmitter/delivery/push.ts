/**
 * RFC 8935 push sender: a request builder, a pure response classifier and the per-stream worker
 * that keeps order (one SET in flight per stream; streams in parallel), retries with exponential
 * backoff and jitter, and resumes from the store after a restart.
 * @see RFC 8935 §2, §2.3, §2.4; interop notes A14, A15
 * @module
 */
import { DELIVERY_METHOD_PUSH, SET_MEDIA_TYPE, type PushDelivery } from '../../../shared/ssf'
import type { Clock } from '../../core/clock'
import type { Logger } from '../../core/logger'
import type {
  DeliveryAttempt,
  NewOutboundSet,
  OutboundRepo,
  OutboundSet
} from '../../store/outbound-repo'
import type { StreamsRepo } from '../../store/streams-repo'
import type { DeliveryOptions } from './options'
import type { StreamFaults } from '../../traffic/faults'
import type { PushTransport } from './transport'

/** Longest response-body excerpt kept with an attempt. */
export const BODY_EXCERPT_CHARS = 2048

/** The headers of a push request. @see RFC 8935 §2, SSF 1.0 §6.1.1 */
export function pushHeaders(delivery: PushDelivery): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': SET_MEDIA_TYPE,
    Accept: 'application/json'
  }
  // SSF 1.0 §6.1.1: the stream's authorization_header is sent verbatim.
  if (delivery.authorization_header !== undefined)
    headers.Authorization = delivery.authorization_header
  return headers
}

/** Build the push request of one SET (as `fetch` arguments). @see RFC 8935 §2 */
export function pushRequest(
  delivery: PushDelivery,
  token: string,
  signal: AbortSignal
): { url: string; init: RequestInit } {
  const headers = pushHeaders(delivery)
  return {
    url: delivery.endpoint_url,
    init: { method: 'POST', headers, body: token, redirect: 'manual', signal }
  }
}

/** What a push attempt came to. */
export type PushOutcome =
  | { kind: 'delivered'; warning?: string }
  /** Refused by the Receiver; retrying the same SET is pointless. */
  | { kind: 'rejected'; error: string }
  /** Recoverable; `retryAfterMs` when the Receiver asked for a delay. */
  | { kind: 'retry'; error: string; retryAfterMs?: number }

/** Parse `Retry-After` (delta-seconds or HTTP-date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined
  const v = value.trim()
  if (/^\d+$/.test(v)) return Number(v) * 1000
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

function describeErrorBody(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed === 'object' && parsed !== null && 'err' in parsed) {
      const err = typeof parsed.err === 'string' ? parsed.err : JSON.stringify(parsed.err)
      const description =
        'description' in parsed && typeof parsed.description === 'string'
          ? `: ${parsed.description}`
          : ''
      return `${err}${description}`
    }
  } catch {
    // Not JSON: fall through to the raw excerpt.
  }
  return body.slice(0, 200)
}

/**
 * Classify a push response. Pure. 202 is success; 200/204 too, with a warning (A15); 408, 425,
 * 429 and 5xx are retried (honouring `Retry-After`); any other status — 400 with `{err}`, 401,
 * 403, redirects — is a refusal that is recorded and not retried.
 * @see RFC 8935 §2.3–§2.4
 */
export function classifyPushResponse(
  status: number,
  retryAfter: string | null,
  body: string,
  now: number
): PushOutcome {
  if (status === 202) return { kind: 'delivered' }
  if (status === 200 || status === 204)
    return { kind: 'delivered', warning: `HTTP ${status} instead of 202 Accepted` }
  const detail = body.length > 0 ? ` (${describeErrorBody(body)})` : ''
  if (status === 429 || status === 408 || status === 425 || status >= 500) {
    const ms = parseRetryAfter(retryAfter, now)
    return ms === undefined
      ? { kind: 'retry', error: `HTTP ${status}${detail}` }
      : { kind: 'retry', error: `HTTP ${status}${detail}`, retryAfterMs: ms }
  }
  if (status >= 300 && status < 400)
    return { kind: 'rejected', error: `HTTP ${status}: redirects are not followed${detail}` }
  return { kind: 'rejected', error: `HTTP ${status}${detail}` }
}

/** Read a push response and classify it (see {@link classifyPushResponse}). */
export async function processPushResponse(
  response: Response,
  now: number
): Promise<{ outcome: PushOutcome; body: string }> {
  const body = (await response.text()).slice(0, BODY_EXCERPT_CHARS)
  return {
    outcome: classifyPushResponse(response.status, response.headers.get('retry-after'), body, now),
    body
  }
}

/** Delay before retry number `attempt` (1-based): exponential, "equal jitter", capped. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random
): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exp / 2 + (exp / 2) * random())
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'timed out'
    const cause: unknown = err.cause
    if (cause instanceof Error) {
      const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message
      return `${err.message} (${code})`
    }
    return err.message
  }
  return String(err)
}

/** Longest a lone SET waits for a partner to swap with under the `reorder` fault, ms. */
export const REORDER_HOLD_MS = 10_000

/** The push worker. */
export interface PushWorker {
  /**
   * Deliver what is queued for a stream. `stored` names the SETs just stored (in queue order) when
   * that is all that changed, so the worker need not read the queue again; without it (a released
   * hold, a replay) the queue is read again.
   */
  kick(streamId: string, stored?: readonly NewOutboundSet[]): void
  /**
   * The stream's queue changed under the worker (status change, deletion): forget what it read
   * ahead, and read the queue again before the next send.
   */
  reread(streamId: string): void
  /** Store the outcomes not yet committed (tests and shutdown). */
  commit(): void
  /** Stop: abort in-flight requests and timers; queued SETs stay stored for the next start. */
  stop(): void
}

/** What the push worker needs. */
export interface PushWorkerDeps {
  streams: Pick<StreamsRepo, 'get'>
  outbound: OutboundRepo
  transport: PushTransport
  clock: Clock
  logger: Logger
  options: DeliveryOptions
  /** A SET changed state (published on the live feed once stored). */
  onState: (set: Pick<OutboundSet, 'jti' | 'stream_id'>, state: string) => void
  /** The stream's scheduling faults (`delay_ms`, `drop`, `reorder`); `{}` for most streams. */
  faults: { active(streamId: string): StreamFaults }
}

/** SETs read ahead from a stream's queue at once. */
const READ_AHEAD = 64
/** Longest a delivered outcome waits before it is committed, ms. */
const COMMIT_MS = 10
/** Delivered outcomes that trigger a commit at once. */
const COMMIT_ROWS = 256

/** Create the push worker; it starts with the streams that have queued SETs in the store. */
export function createPushWorker(deps: PushWorkerDeps): PushWorker {
  const { outbound, options, clock } = deps
  const active = new Set<string>()
  const again = new Set<string>()
  const timers = new Map<string, NodeJS.Timeout>()
  const controllers = new Set<AbortController>()
  /** Queued SETs read ahead, per stream, in queue order. */
  const ahead = new Map<string, OutboundSet[]>()
  /**
   * Streams whose read-ahead holds their whole stored queue: SETs stored later are appended to it
   * as they are stored (one fire → one push, no read of the store), and an empty read-ahead means
   * an empty queue.
   */
  const whole = new Set<string>()

  /** Forget what was read ahead of a stream: its queue is read again before the next send. */
  function forgetQueue(streamId: string): void {
    ahead.delete(streamId)
    whole.delete(streamId)
  }

  /**
   * Delivered outcomes not yet committed: one commit stores many (a commit per push was the
   * largest cost after signing in the profile). Until then the SET is still `queued` in the
   * store: a crash re-sends it after the restart, which push delivery allows (at least once),
   * and it is never reported delivered before it is stored.
   */
  let delivered: DeliveryAttempt[] = []
  let commitTimer: NodeJS.Timeout | undefined
  let stopped = false

  function commit(): void {
    if (commitTimer) clearTimeout(commitTimer)
    commitTimer = undefined
    const rows = delivered
    delivered = []
    if (rows.length === 0) return
    outbound.finishAttempts(rows, clock.now())
    for (const r of rows) deps.onState(r, 'delivered')
  }

  function safeCommit(): void {
    try {
      commit()
    } catch (err) {
      deps.logger.error('push outcomes could not be stored', err)
    }
  }

  function commitSoon(): void {
    if (delivered.length >= COMMIT_ROWS) return commit()
    if (!commitTimer) {
      commitTimer = setTimeout(safeCommit, COMMIT_MS)
      commitTimer.unref()
    }
  }

  function kick(streamId: string, stored?: readonly NewOutboundSet[]): void {
    if (stopped) return
    if (stored === undefined) forgetQueue(streamId)
    else if (whole.has(streamId)) {
      const queue = ahead.get(streamId) ?? []
      const now = clock.now()
      for (const set of stored)
        queue.push({
          ...set,
          seq: 0,
          state: 'queued',
          attempts: 0,
          next_attempt_at: null,
          last_error: null,
          created_at: now,
          updated_at: now
        })
      ahead.set(streamId, queue)
    }
    start(streamId)
  }

  function start(streamId: string): void {
    const timer = timers.get(streamId)
    if (timer) {
      clearTimeout(timer)
      timers.delete(streamId)
    }
    if (active.has(streamId)) {
      again.add(streamId)
      return
    }
    active.add(streamId)
    void run(streamId)
      .catch((err: unknown) => {
        if (!stopped) deps.logger.error(`push worker for ${streamId} failed`, err)
      })
      .finally(() => {
        active.delete(streamId)
        // An idle worker's outcomes wait for the commit timer too: one SET fired at a time (the
        // sequential bench, a user clicking Fire) would otherwise pay a commit per push, on the
        // way of the next fire.
        if (again.delete(streamId)) start(streamId)
      })
  }

  /** The next queued SET of a stream: from what was read ahead, else from the store. */
  function next(streamId: string): OutboundSet | undefined {
    let queue = ahead.get(streamId)
    if (!queue || queue.length === 0) {
      if (whole.has(streamId)) return undefined
      // Outcomes of this stream must be stored before its queue is read again.
      commit()
      queue = outbound.queued(streamId, READ_AHEAD)
      // A short read is the whole queue: later SETs are appended as they are stored.
      if (queue.length < READ_AHEAD) whole.add(streamId)
      if (queue.length === 0) {
        ahead.delete(streamId)
        return undefined
      }
      ahead.set(streamId, queue)
    }
    return queue.shift()
  }

  function wakeAt(streamId: string, ms: number): void {
    const t = setTimeout(() => {
      timers.delete(streamId)
      kick(streamId)
    }, ms)
    t.unref()
    timers.set(streamId, t)
  }

  // The scheduling faults (delay_ms, drop, reorder) act here, not in the transport, so the stored
  // state of every SET stays true: nothing is reported delivered that a Receiver did not accept.
  // Their per-SET bookkeeping is in memory: after a restart a SET is simply sent.
  const delayedUntil = new Map<string, number>()
  const heldSince = new Map<string, number>()
  const swapped = new Set<string>()

  function forget(jti: string): void {
    delayedUntil.delete(jti)
    heldSince.delete(jti)
    swapped.delete(jti)
  }

  /**
   * `reorder`: send the second queued SET before the head. A lone head waits for a partner (a
   * kick when the next SET is queued or the fault changes), at most {@link REORDER_HOLD_MS}.
   */
  function reorderPick(streamId: string, head: OutboundSet, now: number): OutboundSet | undefined {
    if (swapped.has(head.jti)) return head
    const next = outbound.queued(streamId, 2)[1]
    if (next && (next.next_attempt_at === null || next.next_attempt_at <= now)) {
      swapped.add(head.jti)
      return next
    }
    const since = heldSince.get(head.jti)
    if (since === undefined) {
      heldSince.set(head.jti, now)
      outbound.setState(
        head.jti,
        'queued',
        'held back by the reorder fault: waits for the next SET',
        now
      )
    } else if (now - since >= REORDER_HOLD_MS) return head
    wakeAt(streamId, (since ?? now) + REORDER_HOLD_MS - now)
    return undefined
  }

  function drop(set: OutboundSet, now: number): void {
    const why = 'dropped by the drop fault: nothing was sent'
    outbound.finishAttempt(
      {
        jti: set.jti,
        stream_id: set.stream_id,
        method: 'push',
        attempt: set.attempts + 1,
        started_at: now,
        duration_ms: 0,
        request_url: null,
        response_status: null,
        response_body: null,
        error: why,
        outcome: 'dropped'
      },
      'dropped',
      why,
      now
    )
    deps.onState(set, 'dropped')
  }

  async function run(streamId: string): Promise<void> {
    for (;;) {
      if (stopped) return
      again.delete(streamId)
      const stream = deps.streams.get(streamId)
      if (!stream || stream.config.delivery.method !== DELIVERY_METHOD_PUSH) return
      const now = clock.now()
      const f = deps.faults.active(streamId)
      const faulty = Object.keys(f).length > 0
      // Streams without faults read ahead; the scheduling faults look at the stored head.
      let head: OutboundSet | undefined
      if (faulty) {
        forgetQueue(streamId)
        commit()
        head = outbound.head(streamId)
      } else head = next(streamId)
      if (!head) return
      if (head.next_attempt_at !== null && head.next_attempt_at > now) {
        forgetQueue(streamId)
        return wakeAt(streamId, head.next_attempt_at - now)
      }
      const set = f.reorder ? reorderPick(streamId, head, now) : head
      if (!set) return
      if (f.delay_ms) {
        const due = delayedUntil.get(set.jti) ?? now + f.delay_ms
        delayedUntil.set(set.jti, due)
        if (due > now) return wakeAt(streamId, due - now)
      }
      if (f.drop) drop(set, now)
      else await attempt(set, stream.config.delivery)
      forget(set.jti)
    }
  }

  async function attempt(set: OutboundSet, delivery: PushDelivery): Promise<void> {
    const controller = new AbortController()
    controllers.add(controller)
    const timeout = setTimeout(
      () => controller.abort(new DOMException('push timed out', 'TimeoutError')),
      options.pushTimeoutMs
    )
    const url = delivery.endpoint_url
    const started = clock.now()
    const t0 = performance.now()
    let outcome: PushOutcome
    let status: number | null = null
    let body: string | null = null
    try {
      const reply = await deps.transport({
        stream_id: set.stream_id,
        jti: set.jti,
        eventType: set.event_type,
        url,
        body: set.token,
        headers: pushHeaders(delivery),
        signal: controller.signal
      })
      status = reply.status
      body = reply.body.slice(0, BODY_EXCERPT_CHARS)
      outcome = classifyPushResponse(
        reply.status,
        reply.headers['retry-after'] ?? null,
        body,
        clock.now()
      )
    } catch (err) {
      outcome = { kind: 'retry', error: errorText(err) }
    } finally {
      clearTimeout(timeout)
      controllers.delete(controller)
    }
    // Stopping aborts the request: leave the SET queued, it is resent after the restart.
    if (stopped) return
    const number = set.attempts + 1
    const now = clock.now()
    const final =
      outcome.kind === 'retry' && number >= options.pushMaxAttempts ? 'failed' : outcome.kind
    const record: DeliveryAttempt = {
      jti: set.jti,
      stream_id: set.stream_id,
      method: 'push',
      attempt: number,
      started_at: started,
      duration_ms: Math.round(performance.now() - t0),
      request_url: url,
      response_status: status,
      response_body: body,
      error: outcome.kind === 'delivered' ? (outcome.warning ?? null) : outcome.error,
      outcome: final
    }
    if (outcome.kind === 'delivered') {
      delivered.push(record)
      commitSoon()
    } else if (outcome.kind === 'rejected' || final === 'failed') {
      const why =
        final === 'failed' && outcome.kind === 'retry'
          ? `gave up after ${number} attempts: ${outcome.error}`
          : outcome.error
      commit()
      outbound.finishAttempt(record, 'failed', why, now)
      deps.onState(set, 'failed')
    } else {
      const delay = Math.min(
        options.pushBackoffCapMs,
        Math.max(
          backoffDelay(number, options.pushBackoffBaseMs, options.pushBackoffCapMs),
          outcome.retryAfterMs ?? 0
        )
      )
      commit()
      outbound.retryAttempt(record, number, now + delay, outcome.error, now)
      // The head waits now: read the queue again (it starts with this SET and its new time).
      forgetQueue(set.stream_id)
      // Still queued in the store; the live feed names it, so the UI can show "retrying".
      deps.onState(set, 'retrying')
    }
  }

  for (const streamId of outbound.streamsWithQueued()) kick(streamId)

  return {
    kick,
    reread: forgetQueue,
    commit,
    stop() {
      stopped = true
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
      delayedUntil.clear()
      heldSince.clear()
      swapped.clear()
      for (const c of controllers) c.abort()
      commit()
    }
  }
}
