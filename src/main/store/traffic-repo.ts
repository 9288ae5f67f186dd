/**
 * The traffic log table (the only owner of its SQL): insert, filtered newest-first queries with a `before` cursor, one
 * exchange, and batch pruning to the retention cap.
 * @module
 */
import { z } from 'zod'
import {
  TRAFFIC_DIRECTIONS,
  TRAFFIC_KINDS,
  type StatusFilter,
  type TrafficDirection,
  type TrafficExchange,
  type TrafficKind,
  expandPollBody
} from '../../shared/traffic'
import { storedTokens } from './outbound-repo'
import type { Db } from './sqlite'

/**
 * A new exchange to store (no id yet). `response_set_refs`: the response body left out the
 * tokens of these stored SETs (a poll response, see `pollBodyForLog`); reads put them back.
 */
export type NewExchange = Omit<TrafficExchange, 'id'> & {
  response_set_refs?: readonly string[] | null
}

/** Filters of `GET /api/traffic`. */
export interface TrafficQuery {
  stream_id?: string
  direction?: TrafficDirection
  kind?: TrafficKind
  status?: StatusFilter
  event_type?: string
  text?: string
  jti?: string
  /** Exchanges of one receiver of the embedded Receiver (its pushes, polls and calls). */
  receiver_id?: string
  before?: number
  limit: number
}

/** A stored row: the exchange with its enums and headers as stored text. */
type Row = Omit<TrafficExchange, 'direction' | 'kind' | 'request_headers' | 'response_headers'> & {
  direction: string
  kind: string
  request_headers: string
  response_headers: string
  /** JSON array of jtis, or null. */
  response_set_refs: string | null
}

const headersSchema = z.record(z.string(), z.string())

function parseHeaders(text: string): Record<string, string> {
  try {
    const parsed = headersSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

const isDirection = (s: string): s is TrafficDirection =>
  (TRAFFIC_DIRECTIONS as readonly string[]).includes(s)
const isKind = (s: string): s is TrafficKind => (TRAFFIC_KINDS as readonly string[]).includes(s)

const refsSchema = z.array(z.string())

function parseRefs(text: string | null): string[] {
  if (text === null) return []
  try {
    const parsed = refsSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : []
  } catch {
    return []
  }
}

// Stored rows from another build never break a read: unknown values read as neutral ones.
function toExchange(
  { response_set_refs, ...r }: Row,
  tokens: ReadonlyMap<string, string>
): TrafficExchange {
  const refs = parseRefs(response_set_refs)
  return {
    ...r,
    direction: isDirection(r.direction) ? r.direction : 'inbound',
    kind: isKind(r.kind) ? r.kind : 'other',
    request_headers: parseHeaders(r.request_headers),
    response_headers: parseHeaders(r.response_headers),
    response_body:
      refs.length > 0 && r.response_body !== null
        ? expandPollBody(r.response_body, refs, tokens)
        : r.response_body
  }
}

/** Data access for the traffic log. */
export function createTrafficStore(db: Db) {
  const tokensOf = storedTokens(db)
  /** Rows as exchanges, with the SETs of recorded poll responses put back (one lookup). */
  const exchanges = (rows: readonly Row[]): TrafficExchange[] => {
    const refs = rows.flatMap((r) => parseRefs(r.response_set_refs))
    const tokens = tokensOf(refs)
    return rows.map((r) => toExchange(r, tokens))
  }
  const one = (r: Row | undefined): TrafficExchange | undefined => r && exchanges([r])[0]
  const toRow = (x: NewExchange) => ({
    ...x,
    request_headers: JSON.stringify(x.request_headers),
    response_headers: JSON.stringify(x.response_headers),
    response_set_refs:
      x.response_set_refs && x.response_set_refs.length > 0
        ? JSON.stringify(x.response_set_refs)
        : null
  })
  const insert = db.prepare(
    `INSERT INTO traffic (at, duration_ms, direction, kind, method, url, status, request_headers,
       request_body, response_headers, response_body, error, stream_id, jti, event_type, receiver_id,
       response_set_refs)
     VALUES (@at, @duration_ms, @direction, @kind, @method, @url, @status, @request_headers,
       @request_body, @response_headers, @response_body, @error, @stream_id, @jti, @event_type, @receiver_id,
       @response_set_refs)`
  )
  const byId = db.prepare<[number], Row>('SELECT * FROM traffic WHERE id = ?')
  const byJti = db.prepare<[string], Row>(
    'SELECT * FROM traffic WHERE jti = ? ORDER BY id DESC LIMIT 1'
  )
  const prune = db.prepare<[number]>(
    'DELETE FROM traffic WHERE id <= (SELECT MAX(id) FROM traffic) - ?'
  )
  const all = db.prepare<[number], Row>('SELECT * FROM traffic ORDER BY id DESC LIMIT ?')

  return {
    insert(x: NewExchange): number {
      return Number(insert.run(toRow(x)).lastInsertRowid)
    },
    /** Insert many in one transaction (benchmarks, imports). */
    insertMany(xs: readonly NewExchange[]): void {
      db.transaction(() => {
        for (const x of xs) insert.run(toRow(x))
      })()
    },
    get(id: number): TrafficExchange | undefined {
      return one(byId.get(id))
    },
    /** The newest exchange carrying a SET with this `jti`. */
    byJti(jti: string): TrafficExchange | undefined {
      return one(byJti.get(jti))
    },
    /** Filtered, newest first. */
    query(q: TrafficQuery): TrafficExchange[] {
      const where: string[] = []
      const args: (string | number)[] = []
      const add = (clause: string, ...values: (string | number)[]): void => {
        where.push(clause)
        args.push(...values)
      }
      if (q.stream_id !== undefined) add('stream_id = ?', q.stream_id)
      if (q.direction !== undefined) add('direction = ?', q.direction)
      if (q.kind !== undefined) add('kind = ?', q.kind)
      if (q.status !== undefined) {
        if ('exact' in q.status) add('status = ?', q.status.exact)
        // Unary + keeps SQLite off the status index for a class: a range over it needs a sort,
        // walking ids newest first and filtering is far quicker (bench/traffic.ts).
        else add('+status BETWEEN ? AND ?', q.status.min, q.status.max)
      }
      if (q.event_type !== undefined) add('event_type = ?', q.event_type)
      if (q.jti !== undefined) add('jti = ?', q.jti)
      if (q.receiver_id !== undefined) add('receiver_id = ?', q.receiver_id)
      if (q.text !== undefined) {
        const like = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        add(
          "(url LIKE ? ESCAPE '\\' OR request_body LIKE ? ESCAPE '\\' OR response_body LIKE ? ESCAPE '\\' OR jti LIKE ? ESCAPE '\\')",
          like,
          like,
          like,
          like
        )
      }
      if (q.before !== undefined) add('id < ?', q.before)
      const sql = `SELECT * FROM traffic ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`
      return exchanges(db.prepare<(string | number)[], Row>(sql).all(...args, q.limit))
    },
    /** The newest `limit` exchanges (exports). */
    latest(limit: number): TrafficExchange[] {
      return exchanges(all.all(limit))
    },
    /** Keep only the newest `keep` ids. */
    prune(keep: number): number {
      return prune.run(keep).changes
    }
  }
}

/** The traffic store. */
export type TrafficStore = ReturnType<typeof createTrafficStore>
