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
import { matchSubject, type SubjectIdentifier } from '../../shared/ssf'
import type { Bus } from '../core/bus'
import type { Clock } from '../core/clock'
import type { ConsentRecord, ConsentsRepo } from '../store/consents-repo'
import { DEFAULT_TENANT, type StreamRecord, type StreamsRepo } from '../store/streams-repo'

/** What the consents service works with. */
export interface ConsentsDeps {
  consents: ConsentsRepo
  streams: StreamsRepo
  bus: Bus
  clock: Clock
}

/** Consents and the rules built on them. */
export function createConsentsService({ consents, streams, bus, clock }: ConsentsDeps) {
  function allows(stream: StreamRecord, subject: SubjectIdentifier): boolean {
    if (stream.consent_required !== true) return true
    return consents
      .active(stream.tenant ?? DEFAULT_TENANT)
      .some(
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
    list: consents.list,
    get: consents.get,
    grant(tenant: string, subject: SubjectIdentifier, clientId?: string): ConsentRecord {
      const record: ConsentRecord = {
        consent_id: `cs_${randomUUID().replace(/-/g, '')}`,
        tenant,
        subject,
        granted_at: clock.now()
      }
      if (clientId !== undefined) record.client_id = clientId
      consents.insert(record)
      reverify(tenant)
      bus.publish({ type: 'consent.changed', consent_id: record.consent_id, tenant, granted: true })
      return record
    },
    /** Revoke a consent; false when it does not exist or was revoked already. */
    revoke(consentId: string): boolean {
      const tenant = consents.tenantOf(consentId)
      if (tenant === undefined || !consents.revoke(consentId, clock.now())) return false
      reverify(tenant)
      bus.publish({ type: 'consent.changed', consent_id: consentId, tenant, granted: false })
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
