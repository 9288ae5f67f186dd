/**
 * Registered external Transmitters of the embedded Receiver (table `receivers`, migration 4):
 * settings, fetched metadata and JWKS, the stream managed on the Transmitter, the verification
 * awaited. Stored JSON is re-validated on read, so a damaged row never breaks a later read.
 * @module
 */
import { z } from 'zod'
import { receiverStreamViewSchema } from '../../shared/api/receivers'
import { publicPart } from '../../shared/conformance/transmitter-plan'
import type { Db } from './sqlite'

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

/** What we know of the stream we manage on the external Transmitter: stored as the UI sees it. */
export const remoteStreamSchema = receiverStreamViewSchema

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

/** Parse stored JSON with `schema`; undefined when absent or damaged (never throws). */
export function parseStoredJson<S extends z.ZodType>(
  schema: S,
  text: string | null
): z.output<S> | undefined {
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
    metadata: parseStoredJson(objectSchema, row.metadata) ?? {},
    settings:
      parseStoredJson(receiverSettingsSchema, row.settings) ?? receiverSettingsSchema.parse({}),
    created_at: row.created_at,
    updated_at: row.updated_at
  }
  const jwks = parseStoredJson(jwksSchema, row.jwks)
  if (jwks) record.jwks = jwks
  if (row.jwks_fetched_at !== null) record.jwks_fetched_at = row.jwks_fetched_at
  if (row.push_token !== null) record.push_token = row.push_token
  const stream = parseStoredJson(remoteStreamSchema, row.remote_stream)
  if (stream) record.remote_stream = stream
  if (row.verification_pending === 1) record.verification_state = row.verification_state
  return record
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v))

/** Data access for registered Transmitters. */
export function createReceiverRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO receivers (receiver_id, issuer, audience, metadata_url, metadata, jwks, jwks_fetched_at,
       settings, push_token, created_at, updated_at)
     VALUES (@receiver_id, @issuer, @audience, @metadata_url, @metadata, @jwks, @jwks_fetched_at,
       @settings, @push_token, @created_at, @updated_at)`
  )
  const byId = db.prepare<[string], ReceiverRow>('SELECT * FROM receivers WHERE receiver_id = ?')
  const all = db.prepare<[], ReceiverRow>(
    'SELECT * FROM receivers ORDER BY created_at, receiver_id'
  )
  const deleteSets = db.prepare<[string]>('DELETE FROM received_sets WHERE receiver_id = ?')
  const deleteOne = db.prepare<[string]>('DELETE FROM receivers WHERE receiver_id = ?')
  const settings = db.prepare<[string, string | null, number, string]>(
    'UPDATE receivers SET settings = ?, push_token = ?, updated_at = ? WHERE receiver_id = ?'
  )
  const audience = db.prepare<[string, number, string]>(
    'UPDATE receivers SET audience = ?, updated_at = ? WHERE receiver_id = ?'
  )
  const jwks = db.prepare<[string, number, string]>(
    'UPDATE receivers SET jwks = ?, jwks_fetched_at = ? WHERE receiver_id = ?'
  )
  const remoteStream = db.prepare<[string | null, number, string]>(
    'UPDATE receivers SET remote_stream = ?, updated_at = ? WHERE receiver_id = ?'
  )
  const verification = db.prepare<[string | null, number, string]>(
    'UPDATE receivers SET verification_state = ?, verification_pending = ? WHERE receiver_id = ?'
  )

  return {
    insert(r: ReceiverRecord): void {
      insert.run({
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
    /** Remove a receiver and its inbox. */
    delete(id: string): boolean {
      return db.transaction(() => {
        deleteSets.run(id)
        return deleteOne.run(id).changes > 0
      })()
    },
    saveSettings(
      id: string,
      s: ReceiverSettings,
      pushToken: string | undefined,
      now: number
    ): void {
      settings.run(JSON.stringify(s), pushToken ?? null, now, id)
    },
    saveAudience(id: string, value: string, now: number): void {
      audience.run(value, now, id)
    },
    saveJwks(id: string, value: Jwks, now: number): void {
      jwks.run(JSON.stringify(value), now, id)
    },
    saveRemoteStream(id: string, stream: RemoteStream | undefined, now: number): void {
      remoteStream.run(json(stream), now, id)
    },
    /** Remember the last verification requested (`undefined` clears it). */
    saveVerificationState(id: string, state: string | null | undefined): void {
      verification.run(state ?? null, state === undefined ? 0 : 1, id)
    }
  }
}

/** The receivers repo. */
export type ReceiverRepo = ReturnType<typeof createReceiverRepo>
