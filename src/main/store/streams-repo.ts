/**
 * Streams, their subjects and recorded verification requests.
 * @module
 */
import type { StreamView } from '../../shared/api/contract'
import type { Delivery, StreamStatusValue, SubjectIdentifier } from '../../shared/ssf'
import { canonicalSubject } from '../../shared/ssf'
import type { Db } from './sqlite'

/** What we persist of a stream's configuration; `events_supported`/`events_delivered` are derived. */
export interface StoredStreamConfig {
  iss: string
  aud: string | string[]
  events_requested?: string[]
  delivery: Delivery
  description?: string
  min_verification_interval?: number
  inactivity_timeout?: number
}

/** A stored stream. */
export interface StreamRecord {
  stream_id: string
  client_id: string
  config: StoredStreamConfig
  status: StreamStatusValue
  reason?: string
  created_at: number
  updated_at: number
  last_verification_at?: number
  /** The tenant the stream lives in (absent on insert = the default tenant). */
  tenant?: string
  /** Subjects need the user's consent before events about them flow (subject consent). */
  consent_required?: boolean
}

/** Id of the tenant that keeps the root issuer. */
export const DEFAULT_TENANT = 'default'

/** A subject in a stream. */
/** A stream's removals and verification requests (the members of the UI's stream view). */
export type StreamHistoryRecord = Required<
  Pick<StreamView, 'removed_subjects' | 'verification_requests'>
>

export interface StreamSubjectRecord {
  subject: SubjectIdentifier
  verified: boolean
  added_at: number
}

interface StreamRow {
  stream_id: string
  client_id: string
  config: string
  status: string
  reason: string | null
  created_at: number
  updated_at: number
  last_verification_at: number | null
  tenant: string
  consent_required: number
}

const STATUSES = new Set<string>(['enabled', 'paused', 'disabled'])

function toRecord(row: StreamRow): StreamRecord {
  const record: StreamRecord = {
    stream_id: row.stream_id,
    client_id: row.client_id,
    config: JSON.parse(row.config) as StoredStreamConfig,
    status: STATUSES.has(row.status) ? (row.status as StreamStatusValue) : 'disabled',
    created_at: row.created_at,
    updated_at: row.updated_at,
    tenant: row.tenant,
    consent_required: row.consent_required === 1
  }
  if (row.reason !== null) record.reason = row.reason
  if (row.last_verification_at !== null) record.last_verification_at = row.last_verification_at
  return record
}

/** Data access for streams and their subjects. */
export function createStreamsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO streams (stream_id, client_id, config, status, reason, created_at, updated_at, tenant, consent_required)
     VALUES (@stream_id, @client_id, @config, @status, @reason, @created_at, @updated_at, @tenant, @consent_required)`
  )
  const byId = db.prepare<[string], StreamRow>('SELECT * FROM streams WHERE stream_id = ?')
  const byClient = db.prepare<[string], StreamRow>(
    'SELECT * FROM streams WHERE client_id = ? ORDER BY created_at, stream_id'
  )
  const all = db.prepare<[], StreamRow>('SELECT * FROM streams ORDER BY created_at, stream_id')
  const updateConfig = db.prepare(
    'UPDATE streams SET config = ?, updated_at = ? WHERE stream_id = ?'
  )
  const updateStatus = db.prepare(
    'UPDATE streams SET status = ?, reason = ?, updated_at = ? WHERE stream_id = ?'
  )
  const remove = db.prepare('DELETE FROM streams WHERE stream_id = ?')
  const touchVerification = db.prepare(
    'UPDATE streams SET last_verification_at = ? WHERE stream_id = ?'
  )
  const insertVerification = db.prepare(
    'INSERT INTO verification_requests (stream_id, state, requested_at) VALUES (?, ?, ?)'
  )
  const upsertSubject = db.prepare(
    `INSERT INTO stream_subjects (stream_id, subject_key, subject, verified, added_at)
     VALUES (@stream_id, @subject_key, @subject, @verified, @added_at)
     ON CONFLICT (stream_id, subject_key) DO UPDATE SET verified = excluded.verified`
  )
  const deleteSubject = db.prepare(
    'DELETE FROM stream_subjects WHERE stream_id = ? AND subject_key = ?'
  )
  const byTenantClient = db.prepare<[string, string], StreamRow>(
    'SELECT * FROM streams WHERE tenant = ? AND client_id = ? ORDER BY created_at, stream_id'
  )
  const setConsentRequired = db.prepare(
    'UPDATE streams SET consent_required = ?, updated_at = ? WHERE stream_id = ?'
  )
  const upsertRemoved = db.prepare(
    `INSERT INTO stream_removed_subjects (stream_id, subject_key, subject, removed_at, until)
     VALUES (@stream_id, @subject_key, @subject, @removed_at, @until)
     ON CONFLICT (stream_id, subject_key) DO UPDATE SET removed_at = excluded.removed_at, until = excluded.until`
  )
  const deleteRemoved = db.prepare(
    'DELETE FROM stream_removed_subjects WHERE stream_id = ? AND subject_key = ?'
  )
  const removedOf = db.prepare<[string], { subject: string; until: number }>(
    'SELECT subject, until FROM stream_removed_subjects WHERE stream_id = ?'
  )
  const removalsOf = db.prepare<[string], { subject: string; removed_at: number }>(
    'SELECT subject, removed_at FROM stream_removed_subjects WHERE stream_id = ? ORDER BY removed_at'
  )
  const verificationsOf = db.prepare<[string], { state: string | null; requested_at: number }>(
    'SELECT state, requested_at FROM verification_requests WHERE stream_id = ? ORDER BY requested_at, id'
  )
  const subjectsOf = db.prepare<[string], { subject: string; verified: number; added_at: number }>(
    'SELECT subject, verified, added_at FROM stream_subjects WHERE stream_id = ? ORDER BY added_at, subject_key'
  )

  // Stream records are read on every fire, wake-up and push; they change rarely. The cache holds
  // parsed records (frozen, so no caller can change a shared one) and drops one on each write.
  const cache = new Map<string, Readonly<StreamRecord>>()
  // Removed subjects are read on every fire (fire checks each stream) and written only by
  // addSubject, removeSubject and delete below: kept per stream until one of those.
  const removedCache = new Map<string, readonly { subject: SubjectIdentifier; until: number }[]>()
  const cached = (row: StreamRow): StreamRecord => {
    const hit = cache.get(row.stream_id)
    if (hit && hit.updated_at === row.updated_at) return hit
    const record = Object.freeze(toRecord(row))
    cache.set(row.stream_id, record)
    return record
  }
  const read = (streamId: string): StreamRecord | undefined => {
    const hit = cache.get(streamId)
    if (hit) return hit
    const row = byId.get(streamId)
    return row && cached(row)
  }

  const base = {
    insert(record: StreamRecord): void {
      cache.delete(record.stream_id)
      insert.run({
        stream_id: record.stream_id,
        client_id: record.client_id,
        config: JSON.stringify(record.config),
        status: record.status,
        reason: record.reason ?? null,
        created_at: record.created_at,
        updated_at: record.updated_at,
        tenant: record.tenant ?? DEFAULT_TENANT,
        consent_required: record.consent_required === true ? 1 : 0
      })
    },
    /** A stream (cached; the record is read-only: copy it to change it). */
    get(streamId: string): StreamRecord | undefined {
      return read(streamId)
    },
    /** A stream only if `clientId` owns it: foreign streams look exactly like missing ones. */
    getOwned(streamId: string, clientId: string): StreamRecord | undefined {
      const record = read(streamId)
      return record?.client_id === clientId ? record : undefined
    },
    listByClient(clientId: string): StreamRecord[] {
      return byClient.all(clientId).map(cached)
    },
    listAll(): StreamRecord[] {
      return all.all().map(cached)
    },
    saveConfig(streamId: string, config: StoredStreamConfig, now: number): void {
      cache.delete(streamId)
      updateConfig.run(JSON.stringify(config), now, streamId)
    },
    saveStatus(
      streamId: string,
      status: StreamStatusValue,
      reason: string | undefined,
      now: number
    ): void {
      cache.delete(streamId)
      updateStatus.run(status, reason ?? null, now, streamId)
    },
    delete(streamId: string): boolean {
      cache.delete(streamId)
      removedCache.delete(streamId)
      return remove.run(streamId).changes > 0
    },
    recordVerification(streamId: string, state: string | undefined, now: number): void {
      cache.delete(streamId)
      db.transaction(() => {
        insertVerification.run(streamId, state ?? null, now)
        touchVerification.run(now, streamId)
      })()
    },
    /** Add a subject (re-adding a removed one restores its events). */
    addSubject(streamId: string, subject: SubjectIdentifier, verified: boolean, now: number): void {
      removedCache.delete(streamId)
      deleteRemoved.run(streamId, canonicalSubject(subject))
      upsertSubject.run({
        stream_id: streamId,
        subject_key: canonicalSubject(subject),
        subject: JSON.stringify(subject),
        verified: verified ? 1 : 0,
        added_at: now
      })
    },
    /**
     * Remove a subject; false when it was not explicitly in the stream. The removal is kept too,
     * so that a removed subject gets no more events even under `default_subjects` ALL; events
     * still flow until `until` (the grace period, SSF 1.0 §8.1.3.3).
     */
    removeSubject(
      streamId: string,
      subject: SubjectIdentifier,
      now: number,
      until: number = now
    ): boolean {
      const key = canonicalSubject(subject)
      removedCache.delete(streamId)
      return db.transaction(() => {
        upsertRemoved.run({
          stream_id: streamId,
          subject_key: key,
          subject: JSON.stringify(subject),
          removed_at: now,
          until
        })
        return deleteSubject.run(streamId, key).changes > 0
      })()
    },
    /** Subjects removed from a stream, with the end of each one's grace period. */
    removedSubjects(streamId: string): { subject: SubjectIdentifier; until: number }[] {
      let removed = removedCache.get(streamId)
      if (!removed) {
        removed = removedOf.all(streamId).map((r) => ({
          subject: JSON.parse(r.subject) as SubjectIdentifier,
          until: r.until
        }))
        removedCache.set(streamId, removed)
      }
      return [...removed]
    },
    /** What a stream's timeline needs beside its traffic: removals and verification requests. */
    history(streamId: string): StreamHistoryRecord {
      return {
        removed_subjects: removalsOf.all(streamId).map((r) => ({
          subject: JSON.parse(r.subject) as SubjectIdentifier,
          removed_at: r.removed_at
        })),
        verification_requests: verificationsOf
          .all(streamId)
          .map((r) =>
            r.state === null
              ? { requested_at: r.requested_at }
              : { state: r.state, requested_at: r.requested_at }
          )
      }
    },
    listSubjects(streamId: string): StreamSubjectRecord[] {
      return subjectsOf.all(streamId).map((r) => ({
        subject: JSON.parse(r.subject) as SubjectIdentifier,
        verified: r.verified === 1,
        added_at: r.added_at
      }))
    },
    /** Turn the subject-consent requirement of a stream on or off. */
    setConsentRequired(streamId: string, required: boolean, now: number): boolean {
      cache.delete(streamId)
      return setConsentRequired.run(required ? 1 : 0, now, streamId).changes > 0
    }
  }
  type Base = typeof base
  type Scoped = Base & { forTenant(tenant: string): Scoped }

  /**
   * The same repository seen from one tenant: new streams land in `tenant`, and ownership
   * lookups and per-client lists only see that tenant's streams (a stream of another tenant
   * looks exactly like a missing one). Unscoped reads (`get`, `listAll`) stay global for the
   * control API and delivery.
   */
  function scope(tenant: string): Scoped {
    return withScopes({
      ...base,
      insert: (record) => base.insert({ ...record, tenant }),
      getOwned(streamId, clientId) {
        const record = read(streamId)
        return record?.client_id === clientId && record.tenant === tenant ? record : undefined
      },
      listByClient: (clientId) => byTenantClient.all(tenant, clientId).map(cached)
    })
  }
  const withScopes = (view: Base): Scoped => ({
    ...view,
    forTenant: (tenant) => scope(tenant)
  })
  return withScopes(base)
}

/** The streams repository. */
export type StreamsRepo = ReturnType<typeof createStreamsRepo>
