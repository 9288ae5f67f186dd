/**
 * The embedded Receiver's inbox (table `received_sets`, migration 4): every SET that arrived by
 * push or poll, accepted or not, with its decoded form, verdict and lint findings. `exchange_id`
 * is the traffic-log entry that carried it.
 * @module
 */
import { z } from 'zod'
import type { InboxEntryView } from '../../shared/api/contract'
import { parseStoredJson } from './receiver-repo'
import type { Db } from './sqlite'

/** Verdict of a received SET. */
export type Verdict = 'accepted' | 'rejected'

/**
 * One received SET (inbox entry), as the control API serves it; `exchange_id` is the traffic-log
 * entry (`GET /api/traffic/{id}`) of the push or poll that carried it.
 */
export type ReceivedSetRecord = InboxEntryView

/** A new inbox entry (id assigned on insert). */
export type NewReceivedSet = Omit<ReceivedSetRecord, 'id'>

interface ReceivedRow {
  id: number
  receiver_id: string
  via: string
  received_at: number
  jti: string | null
  raw: string
  header: string | null
  payload: string | null
  verdict: string
  err: string | null
  description: string | null
  findings: string
  exchange_id: number | null
}

const findingsSchema = z.array(
  z.object({
    severity: z.enum(['error', 'warning', 'info']),
    rule: z.string(),
    path: z.string(),
    message: z.string()
  })
)

function toReceived(row: ReceivedRow): ReceivedSetRecord {
  const record: ReceivedSetRecord = {
    id: row.id,
    receiver_id: row.receiver_id,
    via: row.via === 'poll' ? 'poll' : 'push',
    received_at: row.received_at,
    raw: row.raw,
    verdict: row.verdict === 'accepted' ? 'accepted' : 'rejected',
    findings: parseStoredJson(findingsSchema, row.findings) ?? []
  }
  if (row.jti !== null) record.jti = row.jti
  const header = parseStoredJson(z.unknown(), row.header)
  if (header !== undefined) record.header = header
  const payload = parseStoredJson(z.unknown(), row.payload)
  if (payload !== undefined) record.payload = payload
  if (row.err !== null) record.err = row.err
  if (row.description !== null) record.description = row.description
  if (row.exchange_id !== null) record.exchange_id = row.exchange_id
  return record
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v))

/** Data access for received SETs. */
export function createReceivedSetsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO received_sets (receiver_id, via, received_at, jti, raw, header, payload, verdict, err,
       description, findings, exchange_id)
     VALUES (@receiver_id, @via, @received_at, @jti, @raw, @header, @payload, @verdict, @err,
       @description, @findings, @exchange_id)`
  )
  const jtiSeen = db.prepare<[string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM received_sets WHERE receiver_id = ? AND jti = ?'
  )
  const page = db.prepare<[string, number, number], ReceivedRow>(
    'SELECT * FROM received_sets WHERE receiver_id = ? AND id < ? ORDER BY id DESC LIMIT ?'
  )

  return {
    add(r: NewReceivedSet): number {
      return Number(
        insert.run({
          receiver_id: r.receiver_id,
          via: r.via,
          received_at: r.received_at,
          jti: r.jti ?? null,
          raw: r.raw,
          header: json(r.header),
          payload: json(r.payload),
          verdict: r.verdict,
          err: r.err ?? null,
          description: r.description ?? null,
          findings: JSON.stringify(r.findings),
          exchange_id: r.exchange_id ?? null
        }).lastInsertRowid
      )
    },
    /** True when this receiver already stored a SET with this `jti`. */
    hasJti(receiverId: string, jti: string): boolean {
      return (jtiSeen.get(receiverId, jti)?.n ?? 0) > 0
    },
    /** Newest first; `before` is an exclusive id cursor. */
    list(receiverId: string, limit: number, before?: number): ReceivedSetRecord[] {
      return page.all(receiverId, before ?? Number.MAX_SAFE_INTEGER, limit).map(toReceived)
    }
  }
}

/** The received-SETs repo. */
export type ReceivedSetsRepo = ReturnType<typeof createReceivedSetsRepo>
