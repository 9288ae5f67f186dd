/**
 * Subject consents (table `subject_consents`): who consented to share events about which subject
 * in which tenant, and when it was revoked. The rules built on them live in `tenants/consents`.
 * @module
 */
import type { ConsentView } from '../../shared/api/contract'
import { canonicalSubject, type SubjectIdentifier } from '../../shared/ssf'
import type { Db } from './sqlite'

/**
 * A user's consent to share events about `subject` in `tenant` (with one client, or any); stored
 * exactly as the control API shows it.
 */
export type ConsentRecord = ConsentView

interface ConsentRow {
  consent_id: string
  tenant: string
  subject: string
  client_id: string | null
  granted_at: number
  revoked_at: number | null
}

/** A stored row as a record; a row whose subject no longer parses is skipped, never thrown. */
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

/** Data access for subject consents. */
export function createConsentsRepo(db: Db) {
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
  const revoke = db.prepare<[number, string]>(
    'UPDATE subject_consents SET revoked_at = ? WHERE consent_id = ? AND revoked_at IS NULL'
  )
  return {
    list(): ConsentRecord[] {
      return all.all().flatMap((r) => toRecord(r) ?? [])
    },
    /** The consents of `tenant` that are not revoked. */
    active(tenant: string): ConsentRecord[] {
      return activeOfTenant.all(tenant).flatMap((r) => toRecord(r) ?? [])
    },
    get(consentId: string): ConsentRecord | undefined {
      const row = byId.get(consentId)
      return row && toRecord(row)
    },
    /** The tenant of a stored consent (even one whose subject no longer parses). */
    tenantOf(consentId: string): string | undefined {
      return byId.get(consentId)?.tenant
    },
    insert(record: ConsentRecord): void {
      insert.run({
        consent_id: record.consent_id,
        tenant: record.tenant,
        subject_key: canonicalSubject(record.subject),
        subject: JSON.stringify(record.subject),
        client_id: record.client_id ?? null,
        granted_at: record.granted_at
      })
    },
    /** Mark a consent revoked; false when it does not exist or was revoked already. */
    revoke(consentId: string, now: number): boolean {
      return revoke.run(now, consentId).changes > 0
    }
  }
}

/** The consents repository. */
export type ConsentsRepo = ReturnType<typeof createConsentsRepo>
