/**
 * Subject consent: a stream can require that each subject's user consents before events about
 * that subject are shared. A simulated user grants consent on a consent screen (or through the
 * control API); a consented subject in such a stream is marked verified, and
 * {@link ConsentsService.allows} tells delivery whether an event about a subject may flow.
 * Revoking consent un-verifies the subject and stops the flow.
 * @see SSF 1.0 §9 (privacy: "consent rules for new data"), §8.1.3 (`verified`)
 * @module
 */
import { randomUUID } from 'node:crypto'
import { canonicalSubject, matchSubject, type SubjectIdentifier } from '../../shared/ssf'
import type { Bus } from '../core/bus'
import type { Clock } from '../core/clock'
import type { Db } from '../store/sqlite'
import { DEFAULT_TENANT, type StreamRecord, type StreamsRepo } from '../store/streams-repo'

/** A user's consent to share events about `subject` in `tenant` (with one client, or any). */
export interface ConsentRecord {
  consent_id: string
  tenant: string
  subject: SubjectIdentifier
  /** The Receiver (client) the user agreed to share with; absent = every Receiver of the tenant. */
  client_id?: string
  granted_at: number
  revoked_at?: number
}

interface ConsentRow {
  consent_id: string
  tenant: string
  subject: string
  client_id: string | null
  granted_at: number
  revoked_at: number | null
}

function toRecord(row: ConsentRow): ConsentRecord | undefined {
  let subject: SubjectIdentifier
  try {
    subject = JSON.parse(row.subject) as SubjectIdentifier
  } catch {
    return undefined
  }
  const out: ConsentRecord = {
    consent_id: row.consent_id,
    tenant: row.tenant,
    subject,
    granted_at: row.granted_at
  }
  if (row.client_id !== null) out.client_id = row.client_id
  if (row.revoked_at !== null) out.revoked_at = row.revoked_at
  return out
}

/** Consents and the rules built on them. */
export function createConsentsService(db: Db, streams: StreamsRepo, bus: Bus, clock: Clock) {
  const insert = db.prepare(
    `INSERT INTO subject_consents (consent_id, tenant, subject_key, subject, client_id, granted_at)
     VALUES (@consent_id, @tenant, @subject_key, @subject, @client_id, @granted_at)`
  )
  const all = db.prepare<[], ConsentRow>(
    'SELECT * FROM subject_consents ORDER BY granted_at, consent_id'
  )
  const activeOfTenant = db.prepare<[string], ConsentRow>(
    'SELECT * FROM subject_consents WHERE tenant = ? AND revoked_at IS NULL'
  )
  const byId = db.prepare<[string], ConsentRow>(
    'SELECT * FROM subject_consents WHERE consent_id = ?'
  )
  const revoke = db.prepare(
    'UPDATE subject_consents SET revoked_at = ? WHERE consent_id = ? AND revoked_at IS NULL'
  )

  const activeConsents = (tenant: string): ConsentRecord[] =>
    activeOfTenant.all(tenant).flatMap((r) => toRecord(r) ?? [])

  function allows(stream: StreamRecord, subject: SubjectIdentifier): boolean {
    if (stream.consent_required !== true) return true
    return activeConsents(stream.tenant ?? DEFAULT_TENANT).some(
      (c) =>
        (c.client_id === undefined || c.client_id === stream.client_id) &&
        matchSubject(c.subject, subject)
    )
  }

  /** Re-derive `verified` of the subjects of consent-required streams in `tenant`. */
  function reverify(tenant: string): void {
    const now = clock.now()
    for (const stream of streams.listAll()) {
      if ((stream.tenant ?? DEFAULT_TENANT) !== tenant || stream.consent_required !== true) continue
      let changed = false
      for (const s of streams.listSubjects(stream.stream_id)) {
        const verified = allows(stream, s.subject)
        if (verified !== s.verified) {
          streams.addSubject(stream.stream_id, s.subject, verified, now)
          changed = true
        }
      }
      if (changed) bus.publish({ type: 'stream.subjects', stream_id: stream.stream_id })
    }
  }

  return {
    allows,
    list(): ConsentRecord[] {
      return all.all().flatMap((r) => toRecord(r) ?? [])
    },
    get(consentId: string): ConsentRecord | undefined {
      const row = byId.get(consentId)
      return row && toRecord(row)
    },
    grant(tenant: string, subject: SubjectIdentifier, clientId?: string): ConsentRecord {
      const record: ConsentRecord = {
        consent_id: `cs_${randomUUID().replace(/-/g, '')}`,
        tenant,
        subject,
        granted_at: clock.now()
      }
      if (clientId !== undefined) record.client_id = clientId
      insert.run({
        consent_id: record.consent_id,
        tenant,
        subject_key: canonicalSubject(subject),
        subject: JSON.stringify(subject),
        client_id: clientId ?? null,
        granted_at: record.granted_at
      })
      reverify(tenant)
      bus.publish({ type: 'consent.changed', consent_id: record.consent_id, tenant, granted: true })
      return record
    },
    /** Revoke a consent; false when it does not exist or was revoked already. */
    revoke(consentId: string): boolean {
      const row = byId.get(consentId)
      if (!row || revoke.run(clock.now(), consentId).changes === 0) return false
      reverify(row.tenant)
      bus.publish({
        type: 'consent.changed',
        consent_id: consentId,
        tenant: row.tenant,
        granted: false
      })
      return true
    },
    /** Turn the consent requirement of a stream on/off and re-derive its subjects' `verified`. */
    setRequired(stream: StreamRecord, required: boolean): void {
      streams.setConsentRequired(stream.stream_id, required, clock.now())
      reverify(stream.tenant ?? DEFAULT_TENANT)
    },
    /**
     * The streams repository with consent-aware add-subject: in a consent-required stream a
     * subject is stored as verified exactly when its user has consented.
     */
    consentAware<R extends StreamsRepo>(repo: R): R {
      return {
        ...repo,
        addSubject(streamId: string, subject: SubjectIdentifier, verified: boolean, now: number) {
          const stream = repo.get(streamId)
          const v = stream?.consent_required === true ? allows(stream, subject) : verified
          repo.addSubject(streamId, subject, v, now)
        }
      }
    }
  }
}

/** The consents service. */
export type ConsentsService = ReturnType<typeof createConsentsService>
