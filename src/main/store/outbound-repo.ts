/**
 * Outbound SETs (the delivery queue, per stream, in `queue_pos` order), their delivery attempts
 * and the `setErrs` Receivers reported over poll. Everything a restart needs to resume.
 * @module
 */
import { SET_STATES } from '../../shared/api/deliveries'
import type { Db } from './sqlite'

/**
 * Life of an outbound SET: `queued` (waiting for push or poll) → `delivered` (push 2xx) |
 * `polled` (handed out, not yet acknowledged) → `acked`; `failed` (refused or out of retries, or
 * a poll `setErrs`); `held` (stream paused); `dropped` (stream disabled or deleted).
 */
export const OUTBOUND_STATES = SET_STATES
/** One of {@link OUTBOUND_STATES}. */
export type OutboundState = (typeof OUTBOUND_STATES)[number]

/** A stored outbound SET. */
export interface OutboundSet {
  seq: number
  jti: string
  stream_id: string
  event_type: string
  token: string
  claims: string
  state: OutboundState
  attempts: number
  next_attempt_at: number | null
  last_error: string | null
  created_at: number
  updated_at: number
}

/** One recorded delivery attempt (push request/response, or a poll hand-out). */
export interface DeliveryAttempt {
  jti: string
  stream_id: string
  method: 'push' | 'poll'
  attempt: number
  started_at: number
  duration_ms: number
  request_url: string | null
  response_status: number | null
  response_body: string | null
  error: string | null
  /** `dropped`: the stream's `drop` fault took it (nothing was sent). */
  outcome: 'delivered' | 'retry' | 'rejected' | 'failed' | 'polled' | 'dropped'
}

/** A new SET to store. */
export interface NewOutboundSet {
  jti: string
  stream_id: string
  event_type: string
  token: string
  claims: string
  state: 'queued' | 'held' | 'dropped'
}

const isState = (s: string): s is OutboundState =>
  (OUTBOUND_STATES as readonly string[]).includes(s)

interface Row extends Omit<OutboundSet, 'state'> {
  state: string
}

// Rows written by an older or newer build with an unknown state are read as failed, never crash.
const toSet = (r: Row): OutboundSet => ({ ...r, state: isState(r.state) ? r.state : 'failed' })

/** A stored SET as exported (claims still as stored JSON text). */
export type ExportRow = Pick<
  OutboundSet,
  'jti' | 'stream_id' | 'event_type' | 'token' | 'claims' | 'created_at'
> & { state: string }

/**
 * The stored tokens of SETs by `jti` (jti → token; unknown jtis are left out). The traffic log
 * uses it to show the SETs a recorded poll response carried without storing them twice.
 */
export function storedTokens(db: Db): (jtis: readonly string[]) => Map<string, string> {
  const tokensOf = db.prepare<[string], { jti: string; token: string }>(
    `SELECT o.jti, t.token FROM outbound_sets o JOIN outbound_tokens t USING (seq)
     WHERE o.jti IN (SELECT value FROM json_each(?))`
  )
  return (jtis) =>
    jtis.length === 0
      ? new Map()
      : new Map(tokensOf.all(JSON.stringify(jtis)).map((r) => [r.jti, r.token]))
}

/** Most handed-out SETs remembered per poll stream for acknowledgement by seq. */
const MAX_HANDED_OUT = 10_000

/** Data access for outbound SETs and delivery attempts. */
export function createOutboundRepo(db: Db) {
  // The token and claims live in their own table, written once: the state changes of delivery
  // (a poll turn updates every SET twice) rewrite narrow rows only.
  const insert = db.prepare(
    `INSERT INTO outbound_sets (jti, stream_id, event_type, state, queue_pos, created_at, updated_at)
     VALUES (@jti, @stream_id, @event_type, @state,
             (SELECT COALESCE(MAX(queue_pos), 0) + 1 FROM outbound_sets), @now, @now)`
  )
  const insertToken = db.prepare<[number | bigint, string, string]>(
    'INSERT INTO outbound_tokens (seq, token, claims) VALUES (?, ?, ?)'
  )
  const withToken =
    'SELECT o.*, t.token, t.claims FROM outbound_sets o JOIN outbound_tokens t USING (seq)'
  const byJti = db.prepare<[string], Row>(`${withToken} WHERE o.jti = ?`)
  const headOf = db.prepare<[string, number], Row>(
    `${withToken} WHERE o.stream_id = ? AND o.state = 'queued' ORDER BY o.queue_pos LIMIT ?`
  )
  const outstanding = db.prepare<
    [string, number],
    Pick<Row, 'seq' | 'jti' | 'token' | 'event_type'>
  >(
    `SELECT o.seq, o.jti, t.token, o.event_type FROM outbound_sets o JOIN outbound_tokens t USING (seq)
     WHERE o.stream_id = ? AND o.state IN ('queued', 'polled') ORDER BY o.queue_pos LIMIT ?`
  )
  const tokens = storedTokens(db)
  const streamsWithQueued = db.prepare<[], { stream_id: string }>(
    "SELECT DISTINCT stream_id FROM outbound_sets WHERE state = 'queued'"
  )
  const setState = db.prepare(
    'UPDATE outbound_sets SET state = ?, last_error = ?, updated_at = ? WHERE jti = ?'
  )
  const scheduleRetry = db.prepare(
    'UPDATE outbound_sets SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE jti = ?'
  )
  // One statement per poll request for every jti it hands out or acknowledges (a JSON array).
  const markPolled = db.prepare(
    "UPDATE outbound_sets SET state = 'polled', attempts = attempts + 1, updated_at = ? WHERE jti IN (SELECT value FROM json_each(?)) AND state IN ('queued', 'polled')"
  )
  // The hand-out of a poll turn, by `seq` (the rows it just read): no jti index lookups.
  const markPolledSeqs = db.prepare(
    "UPDATE outbound_sets SET state = 'polled', attempts = attempts + 1, updated_at = ? WHERE seq IN (SELECT value FROM json_each(?)) AND state IN ('queued', 'polled')"
  )
  // `+stream_id` keeps the planner on the jti index: through the stream's outstanding index an
  // acknowledgement scanned every un-acked SET of the stream (a poll drain was quadratic).
  const ack = db.prepare(
    "UPDATE outbound_sets SET state = 'acked', updated_at = ? WHERE +stream_id = ? AND jti IN (SELECT value FROM json_each(?)) AND state IN ('queued', 'polled')"
  )
  // The same acknowledgement by `seq`, for the jtis this repo handed out (rowid lookups instead
  // of jti index lookups: a third of the poll turn's time). A jti's seq never changes.
  const ackSeqs = db.prepare(
    "UPDATE outbound_sets SET state = 'acked', updated_at = ? WHERE +stream_id = ? AND seq IN (SELECT value FROM json_each(?)) AND state IN ('queued', 'polled')"
  )
  const setErr = db.prepare(
    "UPDATE outbound_sets SET state = 'failed', last_error = ?, updated_at = ? WHERE +stream_id = ? AND jti = ? AND state IN ('queued', 'polled')"
  )
  const insertSetErr = db.prepare(
    'INSERT INTO poll_set_errors (stream_id, jti, err, description, received_at) VALUES (?, ?, ?, ?, ?)'
  )
  // Released SETs go behind everything queued so far, keeping their relative order (seq).
  const release = db.prepare(
    `UPDATE outbound_sets SET state = 'queued', updated_at = @now,
       queue_pos = (SELECT COALESCE(MAX(queue_pos), 0) FROM outbound_sets) + seq
     WHERE stream_id = @stream_id AND state = 'held'`
  )
  const dropPending = db.prepare(
    `UPDATE outbound_sets SET state = 'dropped', last_error = @reason, updated_at = @now
     WHERE stream_id = @stream_id AND state IN ('queued', 'held', 'polled') AND jti <> @keep`
  )
  const insertAttempt = db.prepare(
    `INSERT INTO delivery_attempts (jti, stream_id, method, attempt, started_at, duration_ms, request_url,
       response_status, response_body, error, outcome)
     VALUES (@jti, @stream_id, @method, @attempt, @started_at, @duration_ms, @request_url,
       @response_status, @response_body, @error, @outcome)`
  )
  const depthOf = db.prepare<[string], { waiting: number; held: number }>(
    `SELECT COALESCE(SUM(state IN ('queued', 'polled')), 0) AS waiting,
            COALESCE(SUM(state = 'held'), 0) AS held
     FROM outbound_sets WHERE stream_id = ?`
  )
  const attemptsOf = db.prepare<[string], DeliveryAttempt>(
    'SELECT jti, stream_id, method, attempt, started_at, duration_ms, request_url, response_status, response_body, error, outcome FROM delivery_attempts WHERE jti = ? ORDER BY id'
  )
  const listByStream = db.prepare<[string, number], Row>(
    `${withToken} WHERE o.stream_id = ? ORDER BY o.seq DESC LIMIT ?`
  )
  const exportOf = db.prepare<[string | null, string | null], ExportRow>(
    `SELECT o.jti, o.stream_id, o.event_type, o.state, t.token, t.claims, o.created_at
     FROM outbound_sets o JOIN outbound_tokens t USING (seq)
     WHERE (? IS NULL OR o.stream_id = ?) ORDER BY o.seq`
  )
  const setErrsOf = db.prepare<[string], { jti: string; err: string; description: string }>(
    'SELECT jti, err, description FROM poll_set_errors WHERE stream_id = ? ORDER BY id'
  )

  /**
   * Per poll stream, the seq of each SET handed out and not yet acknowledged here (jti → seq).
   * Only a shortcut: a jti missing from it is acknowledged through the jti index.
   */
  const handedOut = new Map<string, Map<string, number>>()

  function rememberHanded(streamId: string, rows: readonly { seq: number; jti: string }[]): void {
    let seqs = handedOut.get(streamId)
    // Bounded: a Receiver that never acknowledges does not grow it without end.
    if (!seqs || seqs.size > MAX_HANDED_OUT) handedOut.set(streamId, (seqs = new Map()))
    for (const r of rows) seqs.set(r.jti, r.seq)
  }

  function acknowledgeJtis(streamId: string, acks: readonly string[], now: number): void {
    const seqs = handedOut.get(streamId)
    const known: number[] = []
    const unknown: string[] = []
    for (const jti of acks) {
      const seq = seqs?.get(jti)
      if (seq === undefined) unknown.push(jti)
      else {
        known.push(seq)
        seqs?.delete(jti)
      }
    }
    if (known.length > 0) ackSeqs.run(now, streamId, JSON.stringify(known))
    if (unknown.length > 0) ack.run(now, streamId, JSON.stringify(unknown))
  }

  function applyAcks(
    streamId: string,
    acks: readonly string[],
    errs: readonly { jti: string; err: string; description: string }[],
    now: number
  ): void {
    if (acks.length > 0) acknowledgeJtis(streamId, acks, now)
    for (const e of errs) {
      insertSetErr.run(streamId, e.jti, e.err, e.description, now)
      setErr.run(`${e.err}: ${e.description}`, now, streamId, e.jti)
    }
  }

  const finishAttempts: (delivered: readonly DeliveryAttempt[], now: number) => void =
    db.transaction((delivered: readonly DeliveryAttempt[], now: number) => {
      for (const a of delivered) {
        insertAttempt.run(a)
        setState.run('delivered', a.error, now, a.jti)
      }
    })

  const insertMany: (sets: readonly NewOutboundSet[], now: number) => void = db.transaction(
    (sets: readonly NewOutboundSet[], now: number) => {
      for (const s of sets) insertOne(s, now)
    }
  )

  /**
   * Serve one poll request in one commit: apply its `ack` and `setErrs`, then hand out up to
   * `max` outstanding SETs (read `max + 1` to know whether more are available).
   */
  const pollTurn: (
    streamId: string,
    acks: readonly string[],
    errs: readonly { jti: string; err: string; description: string }[],
    max: number,
    now: number
  ) => { sets: { jti: string; token: string; event_type: string }[]; more: boolean } =
    db.transaction((streamId, acks, errs, max, now) => {
      applyAcks(streamId, acks, errs, now)
      const rows = outstanding.all(streamId, max + 1)
      const handed = rows.length > max ? rows.slice(0, max) : rows
      if (handed.length > 0) {
        markPolledSeqs.run(now, JSON.stringify(handed.map((r) => r.seq)))
        rememberHanded(streamId, handed)
      }
      return {
        sets: handed.map((r) => ({ jti: r.jti, token: r.token, event_type: r.event_type })),
        more: rows.length > max
      }
    })

  function insertOne(set: NewOutboundSet, now: number): void {
    const { lastInsertRowid } = insert.run({
      jti: set.jti,
      stream_id: set.stream_id,
      event_type: set.event_type,
      state: set.state,
      now
    })
    insertToken.run(lastInsertRowid, set.token, set.claims)
  }

  return {
    insert(set: NewOutboundSet, now: number): void {
      db.transaction(insertOne)(set, now)
    },
    /** Insert several SETs in one transaction (one fire = one commit). */
    insertMany,
    get(jti: string): OutboundSet | undefined {
      const r = byJti.get(jti)
      return r && toSet(r)
    },
    /** The oldest queued SET of a stream (push order). */
    head(streamId: string): OutboundSet | undefined {
      const r = headOf.get(streamId, 1)
      return r && toSet(r)
    },
    /** The oldest `limit` queued SETs of a stream, in push order. */
    queued(streamId: string, limit: number): OutboundSet[] {
      return headOf.all(streamId, limit).map(toSet)
    },
    /** Up to `limit` outstanding (queued or un-acked) SETs of a poll stream, oldest first. */
    outstanding(
      streamId: string,
      limit: number
    ): { jti: string; token: string; event_type: string }[] {
      return outstanding
        .all(streamId, limit)
        .map((r) => ({ jti: r.jti, token: r.token, event_type: r.event_type }))
    },
    /** The stored tokens of these SETs (jti → token; unknown jtis are left out). */
    tokens,
    streamsWithQueued(): string[] {
      return streamsWithQueued.all().map((r) => r.stream_id)
    },
    setState(jti: string, state: OutboundState, error: string | null, now: number): void {
      setState.run(state, error, now, jti)
    },
    scheduleRetry(jti: string, attempts: number, at: number, error: string, now: number): void {
      scheduleRetry.run(attempts, at, error, now, jti)
    },
    markPolled(jtis: readonly string[], now: number): void {
      if (jtis.length > 0) markPolled.run(now, JSON.stringify(jtis))
    },
    /**
     * Serve one poll request in one commit: apply its `ack` and `setErrs`, then hand out up to
     * `max` outstanding SETs (read `max + 1` to know whether more are available).
     */
    pollTurn,
    /** Apply a poll request's `ack` and `setErrs`. */
    acknowledge(
      streamId: string,
      acks: readonly string[],
      errs: readonly { jti: string; err: string; description: string }[],
      now: number
    ): void {
      db.transaction(() => applyAcks(streamId, acks, errs, now))()
    },
    /** Held → queued, in their original order. Returns how many were released. */
    releaseHeld(streamId: string, now: number): number {
      return release.run({ stream_id: streamId, now }).changes
    },
    /** Drop every undelivered SET of a stream except `keep` (a jti). */
    dropPending(streamId: string, reason: string, keep: string, now: number): number {
      return dropPending.run({ stream_id: streamId, reason, keep, now }).changes
    },
    recordAttempt(a: DeliveryAttempt): void {
      insertAttempt.run(a)
    },
    /** Record an attempt and the SET's new state in one commit. */
    finishAttempt(
      a: DeliveryAttempt,
      state: OutboundState,
      error: string | null,
      now: number
    ): void {
      db.transaction(() => {
        insertAttempt.run(a)
        setState.run(state, error, now, a.jti)
      })()
    },
    /** Record delivered attempts and their SETs' new state, many in one commit. */
    finishAttempts,
    /** Record an attempt and schedule the next one in one commit. */
    retryAttempt(
      a: DeliveryAttempt,
      attempts: number,
      at: number,
      error: string,
      now: number
    ): void {
      db.transaction(() => {
        insertAttempt.run(a)
        scheduleRetry.run(attempts, at, error, now, a.jti)
      })()
    },
    attempts(jti: string): DeliveryAttempt[] {
      return attemptsOf.all(jti)
    },
    listByStream(streamId: string, limit = 100): OutboundSet[] {
      return listByStream.all(streamId, limit).map(toSet)
    },
    /** Every stored SET (of one stream, or all), oldest first: `GET /api/sets/export.ndjson`. */
    exportRows(streamId: string | undefined): ExportRow[] {
      return exportOf.all(streamId ?? null, streamId ?? null)
    },
    setErrs(streamId: string): { jti: string; err: string; description: string }[] {
      return setErrsOf.all(streamId)
    },
    /** How many SETs of a stream wait (queued or handed out un-acknowledged) and are held. */
    depth(streamId: string): { waiting: number; held: number } {
      return depthOf.get(streamId) ?? { waiting: 0, held: 0 }
    }
  }
}

/** The outbound repository. */
export type OutboundRepo = ReturnType<typeof createOutboundRepo>
