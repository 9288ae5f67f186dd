/**
 * Persistence of the embedded Receiver: registered Transmitters, the exchanges log and the inbox
 * (migration 4). Stored JSON is re-validated on read so a damaged row never breaks a later read.
 * @module
 */
import { z } from 'zod'
import { publicPart } from '../../shared/conformance/transmitter-plan'
import type { ReceiverExchangeView } from '../../shared/api/contract'
import { findingSchema, type Finding } from '../../shared/ssf'
import type { Db } from '../store/sqlite'

/** Per-receiver settings (defaults per interop notes A14, A22, A23). */
export const receiverSettingsSchema = z.object({
  /** The push endpoint requires `Authorization` (then the registration answer carries it). */
  require_authorization: z.boolean().default(false),
  /** Status for a missing/wrong push `Authorization`: 401 (A14 default) or 400 `authentication_failed`. */
  auth_failure_status: z.union([z.literal(401), z.literal(400)]).default(401),
  /** Poll interval in seconds; 0 = poll only on demand. */
  poll_interval_seconds: z.number().int().min(0).max(86_400).default(0),
  /** `maxEvents` of each poll request. */
  poll_max_events: z.number().int().min(1).max(1000).default(16),
  /** Refuse SETs with more than one event (A23). */
  strict: z.boolean().default(false),
  /** Refuse verification SETs whose `sub_id` is not the stream (A22). */
  reject_foreign_verification_subject: z.boolean().default(true),
  /** Allow `http:` Transmitter URLs that are not loopback (development only). */
  allow_http: z.boolean().default(false),
  /** Bearer token for the external Transmitter's management API and poll endpoint. */
  transmitter_token: z.string().min(1).max(4096).optional()
})

/** Settings of one receiver. */
export type ReceiverSettings = z.output<typeof receiverSettingsSchema>

/** What we know of the stream we manage on the external Transmitter. */
export const remoteStreamSchema = z.object({
  stream_id: z.string(),
  method: z.string(),
  poll_endpoint: z.string().optional(),
  events_delivered: z.array(z.string()).optional(),
  config: z.unknown()
})

/** The stream we manage on the external Transmitter. */
export type RemoteStream = z.output<typeof remoteStreamSchema>

const jwkString = z.string().optional()

/**
 * A JWKS as fetched: `kty` required (RFC 7517 §4.1); jose validates the rest on use. Private
 * members a broken Transmitter publishes are dropped (the check reports the leak), so the public
 * part still verifies.
 */
export const jwksSchema = z.object({
  keys: z.array(
    z
      .looseObject({
        kty: z.string(),
        kid: jwkString,
        alg: jwkString,
        use: jwkString,
        crv: jwkString,
        n: jwkString,
        e: jwkString,
        x: jwkString,
        y: jwkString,
        key_ops: z.array(z.string()).optional(),
        ext: z.boolean().optional()
      })
      .transform(publicPart)
  )
})

/** A fetched JWKS. */
export type Jwks = z.output<typeof jwksSchema>

/** A registered external Transmitter. */
export interface ReceiverRecord {
  receiver_id: string
  issuer: string
  audience: string
  metadata_url: string
  metadata: Record<string, unknown>
  jwks?: Jwks
  jwks_fetched_at?: number
  settings: ReceiverSettings
  push_token?: string
  remote_stream?: RemoteStream
  /** Last verification state requested (null = requested without state). */
  verification_state?: string | null
  created_at: number
  updated_at: number
}

interface ReceiverRow {
  receiver_id: string
  issuer: string
  audience: string
  metadata_url: string
  metadata: string
  jwks: string | null
  jwks_fetched_at: number | null
  settings: string
  push_token: string | null
  remote_stream: string | null
  verification_state: string | null
  verification_pending: number
  created_at: number
  updated_at: number
}

function parseJson<S extends z.ZodType>(schema: S, text: string | null): z.output<S> | undefined {
  if (text === null) return undefined
  try {
    const result = schema.safeParse(JSON.parse(text))
    return result.success ? result.data : undefined
  } catch {
    return undefined
  }
}

const objectSchema = z.record(z.string(), z.unknown())

function toRecord(row: ReceiverRow): ReceiverRecord {
  const record: ReceiverRecord = {
    receiver_id: row.receiver_id,
    issuer: row.issuer,
    audience: row.audience,
    metadata_url: row.metadata_url,
    metadata: parseJson(objectSchema, row.metadata) ?? {},
    settings: parseJson(receiverSettingsSchema, row.settings) ?? receiverSettingsSchema.parse({}),
    created_at: row.created_at,
    updated_at: row.updated_at
  }
  const jwks = parseJson(jwksSchema, row.jwks)
  if (jwks) record.jwks = jwks
  if (row.jwks_fetched_at !== null) record.jwks_fetched_at = row.jwks_fetched_at
  if (row.push_token !== null) record.push_token = row.push_token
  const stream = parseJson(remoteStreamSchema, row.remote_stream)
  if (stream) record.remote_stream = stream
  if (row.verification_pending === 1) record.verification_state = row.verification_state
  return record
}

/**
 * One recorded HTTP exchange (management call, poll, push received, metadata/JWKS fetch): stored
 * exactly in the shape the control API serves.
 */
export type ExchangeRecord = ReceiverExchangeView

/** A new exchange (id assigned on insert). */
export type NewExchange = Omit<ExchangeRecord, 'id'>

interface ExchangeRow {
  id: number
  receiver_id: string
  direction: string
  operation: string
  method: string
  url: string
  request_headers: string
  request_body: string | null
  status: number | null
  response_headers: string | null
  response_body: string | null
  error: string | null
  started_at: number
  duration_ms: number
}

const headersSchema = z.record(z.string(), z.string())

function toExchange(row: ExchangeRow): ExchangeRecord {
  const record: ExchangeRecord = {
    id: row.id,
    receiver_id: row.receiver_id,
    direction: row.direction === 'inbound' ? 'inbound' : 'outbound',
    operation: row.operation,
    method: row.method,
    url: row.url,
    request_headers: parseJson(headersSchema, row.request_headers) ?? {},
    started_at: row.started_at,
    duration_ms: row.duration_ms
  }
  if (row.request_body !== null) record.request_body = row.request_body
  if (row.status !== null) record.status = row.status
  const rh = parseJson(headersSchema, row.response_headers)
  if (rh) record.response_headers = rh
  if (row.response_body !== null) record.response_body = row.response_body
  if (row.error !== null) record.error = row.error
  return record
}

/** Verdict of a received SET. */
export type Verdict = 'accepted' | 'rejected'

/** One received SET (inbox entry). */
export interface ReceivedSetRecord {
  id: number
  receiver_id: string
  via: 'push' | 'poll'
  received_at: number
  jti?: string
  raw: string
  header?: unknown
  payload?: unknown
  verdict: Verdict
  err?: string
  description?: string
  findings: Finding[]
  exchange_id?: number
}

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

function toReceived(row: ReceivedRow): ReceivedSetRecord {
  const record: ReceivedSetRecord = {
    id: row.id,
    receiver_id: row.receiver_id,
    via: row.via === 'poll' ? 'poll' : 'push',
    received_at: row.received_at,
    raw: row.raw,
    verdict: row.verdict === 'accepted' ? 'accepted' : 'rejected',
    findings: parseJson(z.array(findingSchema), row.findings) ?? []
  }
  if (row.jti !== null) record.jti = row.jti
  const header = parseJson(z.unknown(), row.header)
  if (header !== undefined) record.header = header
  const payload = parseJson(z.unknown(), row.payload)
  if (payload !== undefined) record.payload = payload
  if (row.err !== null) record.err = row.err
  if (row.description !== null) record.description = row.description
  if (row.exchange_id !== null) record.exchange_id = row.exchange_id
  return record
}

/** Data access for receivers, their exchanges and their inbox. */
export function createReceiverStore(db: Db) {
  const insertReceiver = db.prepare(
    `INSERT INTO receivers (receiver_id, issuer, audience, metadata_url, metadata, jwks, jwks_fetched_at,
       settings, push_token, created_at, updated_at)
     VALUES (@receiver_id, @issuer, @audience, @metadata_url, @metadata, @jwks, @jwks_fetched_at,
       @settings, @push_token, @created_at, @updated_at)`
  )
  const byId = db.prepare<[string], ReceiverRow>('SELECT * FROM receivers WHERE receiver_id = ?')
  const all = db.prepare<[], ReceiverRow>(
    'SELECT * FROM receivers ORDER BY created_at, receiver_id'
  )
  const insertExchange = db.prepare(
    `INSERT INTO receiver_exchanges (receiver_id, direction, operation, method, url, request_headers,
       request_body, status, response_headers, response_body, error, started_at, duration_ms)
     VALUES (@receiver_id, @direction, @operation, @method, @url, @request_headers, @request_body,
       @status, @response_headers, @response_body, @error, @started_at, @duration_ms)`
  )
  const insertReceived = db.prepare(
    `INSERT INTO received_sets (receiver_id, via, received_at, jti, raw, header, payload, verdict, err,
       description, findings, exchange_id)
     VALUES (@receiver_id, @via, @received_at, @jti, @raw, @header, @payload, @verdict, @err,
       @description, @findings, @exchange_id)`
  )
  const jtiSeen = db.prepare<[string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM received_sets WHERE receiver_id = ? AND jti = ?'
  )
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v))

  return {
    insert(r: ReceiverRecord): void {
      insertReceiver.run({
        receiver_id: r.receiver_id,
        issuer: r.issuer,
        audience: r.audience,
        metadata_url: r.metadata_url,
        metadata: JSON.stringify(r.metadata),
        jwks: json(r.jwks),
        jwks_fetched_at: r.jwks_fetched_at ?? null,
        settings: JSON.stringify(r.settings),
        push_token: r.push_token ?? null,
        created_at: r.created_at,
        updated_at: r.updated_at
      })
    },
    get(id: string): ReceiverRecord | undefined {
      const row = byId.get(id)
      return row && toRecord(row)
    },
    list(): ReceiverRecord[] {
      return all.all().map(toRecord)
    },
    delete(id: string): boolean {
      return db.transaction(() => {
        db.prepare('DELETE FROM received_sets WHERE receiver_id = ?').run(id)
        db.prepare('DELETE FROM receiver_exchanges WHERE receiver_id = ?').run(id)
        return db.prepare('DELETE FROM receivers WHERE receiver_id = ?').run(id).changes > 0
      })()
    },
    saveSettings(
      id: string,
      settings: ReceiverSettings,
      pushToken: string | undefined,
      now: number
    ): void {
      db.prepare(
        'UPDATE receivers SET settings = ?, push_token = ?, updated_at = ? WHERE receiver_id = ?'
      ).run(JSON.stringify(settings), pushToken ?? null, now, id)
    },
    saveAudience(id: string, audience: string, now: number): void {
      db.prepare('UPDATE receivers SET audience = ?, updated_at = ? WHERE receiver_id = ?').run(
        audience,
        now,
        id
      )
    },
    saveJwks(id: string, jwks: Jwks, now: number): void {
      db.prepare('UPDATE receivers SET jwks = ?, jwks_fetched_at = ? WHERE receiver_id = ?').run(
        JSON.stringify(jwks),
        now,
        id
      )
    },
    saveRemoteStream(id: string, stream: RemoteStream | undefined, now: number): void {
      db.prepare(
        'UPDATE receivers SET remote_stream = ?, updated_at = ? WHERE receiver_id = ?'
      ).run(json(stream), now, id)
    },
    /** Remember the last verification requested (`undefined` clears it). */
    saveVerificationState(id: string, state: string | null | undefined): void {
      db.prepare(
        'UPDATE receivers SET verification_state = ?, verification_pending = ? WHERE receiver_id = ?'
      ).run(state ?? null, state === undefined ? 0 : 1, id)
    },
    addExchange(e: NewExchange): number {
      return Number(
        insertExchange.run({
          receiver_id: e.receiver_id,
          direction: e.direction,
          operation: e.operation,
          method: e.method,
          url: e.url,
          request_headers: JSON.stringify(e.request_headers),
          request_body: e.request_body ?? null,
          status: e.status ?? null,
          response_headers: json(e.response_headers),
          response_body: e.response_body ?? null,
          error: e.error ?? null,
          started_at: e.started_at,
          duration_ms: e.duration_ms
        }).lastInsertRowid
      )
    },
    /** Fill in the answer of an inbound exchange once it is known. */
    completeExchange(
      id: number,
      status: number,
      headers: Record<string, string>,
      body: string | undefined,
      durationMs: number
    ): void {
      db.prepare(
        'UPDATE receiver_exchanges SET status = ?, response_headers = ?, response_body = ?, duration_ms = ? WHERE id = ?'
      ).run(status, JSON.stringify(headers), body ?? null, durationMs, id)
    },
    getExchange(receiverId: string, id: number): ExchangeRecord | undefined {
      const row = db
        .prepare<[string, number], ExchangeRow>(
          'SELECT * FROM receiver_exchanges WHERE receiver_id = ? AND id = ?'
        )
        .get(receiverId, id)
      return row && toExchange(row)
    },
    /** Newest first; `before` is an exclusive id cursor. */
    listExchanges(receiverId: string, limit: number, before?: number): ExchangeRecord[] {
      return db
        .prepare<[string, number, number], ExchangeRow>(
          'SELECT * FROM receiver_exchanges WHERE receiver_id = ? AND id < ? ORDER BY id DESC LIMIT ?'
        )
        .all(receiverId, before ?? Number.MAX_SAFE_INTEGER, limit)
        .map(toExchange)
    },
    addReceived(r: NewReceivedSet): number {
      return Number(
        insertReceived.run({
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
    listReceived(receiverId: string, limit: number, before?: number): ReceivedSetRecord[] {
      return db
        .prepare<[string, number, number], ReceivedRow>(
          'SELECT * FROM received_sets WHERE receiver_id = ? AND id < ? ORDER BY id DESC LIMIT ?'
        )
        .all(receiverId, before ?? Number.MAX_SAFE_INTEGER, limit)
        .map(toReceived)
    }
  }
}

/** The receiver store. */
export type ReceiverStore = ReturnType<typeof createReceiverStore>
