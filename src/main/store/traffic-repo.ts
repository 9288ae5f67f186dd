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
  type TrafficKind
} from '../../shared/traffic'
import type { Db } from './sqlite'

/** A new exchange to store (no id yet). */
export type NewExchange = Omit<TrafficExchange, 'id'>

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

// Stored rows from another build never break a read: unknown values read as neutral ones.
function toExchange(r: Row): TrafficExchange {
  return {
    ...r,
    direction: isDirection(r.direction) ? r.direction : 'inbound',
    kind: isKind(r.kind) ? r.kind : 'other',
    request_headers: parseHeaders(r.request_headers),
    response_headers: parseHeaders(r.response_headers)
  }
}

/** Data access for the traffic log. */
export function createTrafficStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO traffic (at, duration_ms, direction, kind, method, url, status, request_headers,
       request_body, response_headers, response_body, error, stream_id, jti, event_type, receiver_id)
     VALUES (@at, @duration_ms, @direction, @kind, @method, @url, @status, @request_headers,
       @request_body, @response_headers, @response_body, @error, @stream_id, @jti, @event_type, @receiver_id)`
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
      const info = insert.run({
        ...x,
        request_headers: JSON.stringify(x.request_headers),
        response_headers: JSON.stringify(x.response_headers)
      })
      return Number(info.lastInsertRowid)
    },
    /** Insert many in one transaction (benchmarks, imports). */
    insertMany(xs: readonly NewExchange[]): void {
      db.transaction(() => {
        for (const x of xs)
          insert.run({
            ...x,
            request_headers: JSON.stringify(x.request_headers),
            response_headers: JSON.stringify(x.response_headers)
          })
      })()
    },
    get(id: number): TrafficExchange | undefined {
      const r = byId.get(id)
      return r && toExchange(r)
    },
    /** The newest exchange carrying a SET with this `jti`. */
    byJti(jti: string): TrafficExchange | undefined {
      const r = byJti.get(jti)
      return r && toExchange(r)
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
      return db
        .prepare<(string | number)[], Row>(sql)
        .all(...args, q.limit)
        .map(toExchange)
    },
    /** The newest `limit` exchanges (exports). */
    latest(limit: number): TrafficExchange[] {
      return all.all(limit).map(toExchange)
    },
    /** Keep only the newest `keep` ids. */
    prune(keep: number): number {
      return prune.run(keep).changes
    }
  }
}

/** The traffic store. */
export type TrafficStore = ReturnType<typeof createTrafficStore>
