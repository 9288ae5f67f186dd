/**
 * The Receiver's inbox: verify a received SET (signature, claims, the expectations of its
 * receiver), lint it with the catalog, store it with its verdict, link it to the traffic-log
 * entry that carried it and announce it (`receiver.set` on the live feed, and to waiters).
 * @see RFC 8935 §2, RFC 8936 §2.5, SSF 1.0 §4
 * @module
 */
import { EventEmitter } from 'node:events'
import type { CustomEventType } from '../../shared/ssf'
import type { Finding, SetExpectations, SetRejection } from '../../shared/ssf/receiver'
import { capBody } from '../../shared/traffic'
import type { Bus } from '../core/bus'
import type { Clock } from '../core/clock'
import type {
  NewReceivedSet,
  ReceivedSetRecord,
  ReceivedSetsRepo
} from '../store/received-sets-repo'
import type { ReceiverRecord } from '../store/receiver-repo'
import type { ReceiverRegistry } from './registry'
import { verifySet } from './verifier'

/** A SET judged but not stored yet (the exchange that carried it may still be recorded). */
export interface JudgedSet {
  entry: Omit<NewReceivedSet, 'exchange_id'>
  /** It answers the verification its receiver awaits. */
  answersVerification: boolean
}

/** What the inbox needs. */
export interface InboxDeps {
  sets: ReceivedSetsRepo
  registry: Pick<ReceiverRegistry, 'fetchJwks' | 'expectVerification'>
  bus: Bus
  clock: Clock
  /** The user's custom event types (the linter knows them). */
  customTypes(): readonly CustomEventType[]
}

/** Build the inbox. */
export function createInbox(deps: InboxDeps) {
  const { sets, bus, clock } = deps
  const received = new EventEmitter()
  received.setMaxListeners(100)
  /**
   * Scratch streams of a running check, per receiver: stream id → the `aud` values learned from
   * its configuration (verification `sub_id` may name them; SETs may carry that `aud`).
   */
  const scratch = new Map<string, Map<string, string[]>>()

  function expectations(r: ReceiverRecord, jti: string | undefined): SetExpectations {
    const mine = scratch.get(r.receiver_id) ?? new Map<string, string[]>()
    const ids = [...(r.remote_stream ? [r.remote_stream.stream_id] : []), ...mine.keys()]
    const extra = [...mine.values()].flat()
    const e: SetExpectations = {
      issuer: r.issuer,
      audience: r.audience,
      strict: r.settings.strict,
      rejectForeignVerificationSubject: r.settings.reject_foreign_verification_subject,
      duplicateJti: jti !== undefined && sets.hasJti(r.receiver_id, jti)
    }
    if (ids.length > 0) e.streamIds = ids
    if (extra.length > 0) e.extraAudiences = extra
    if (r.remote_stream?.events_delivered) e.eventsDelivered = r.remote_stream.events_delivered
    if (r.verification_state !== undefined) e.expectedState = r.verification_state
    return e
  }

  /**
   * Verify and lint one SET for receiver `r`. `extra` findings come from outside the SET (e.g.
   * the media type); `refusal` refuses it even when it verifies (a rule outside the SET).
   */
  async function judge(
    r: ReceiverRecord,
    raw: string,
    via: 'push' | 'poll',
    extra: Finding[] = [],
    refusal?: SetRejection
  ): Promise<JudgedSet> {
    let jwks = r.jwks
    const outcome = await verifySet(raw, {
      jwks: async (refresh) => {
        if (!refresh && jwks) return jwks
        jwks = await deps.registry.fetchJwks(r)
        return jwks
      },
      expectations: (jti) => expectations(r, jti),
      lintOptions: {
        now: Math.floor(clock.now() / 1000),
        customTypes: deps.customTypes(),
        ...(r.remote_stream?.events_delivered
          ? { eventsDelivered: r.remote_stream.events_delivered }
          : {})
      }
    })
    const rejection = outcome.rejection ?? refusal
    const entry: JudgedSet['entry'] = {
      receiver_id: r.receiver_id,
      via,
      received_at: clock.now(),
      raw: capBody(raw),
      verdict: rejection ? 'rejected' : 'accepted',
      findings: [...extra, ...outcome.findings]
    }
    if (outcome.jti !== undefined) entry.jti = outcome.jti
    if (outcome.header !== undefined) entry.header = outcome.header
    if (outcome.payload !== undefined) entry.payload = outcome.payload
    if (rejection) {
      entry.err = rejection.code
      entry.description = rejection.description
    }
    const answersVerification =
      !rejection &&
      outcome.summary?.is_verification === true &&
      r.verification_state !== undefined &&
      (r.verification_state === null || outcome.summary.verification_state === r.verification_state)
    return { entry, answersVerification }
  }

  /** Store a judged SET, linked to the exchange that carried it, and announce it. */
  function keep(judged: JudgedSet, exchangeId: number | undefined): ReceivedSetRecord {
    const entry: NewReceivedSet =
      exchangeId === undefined ? judged.entry : { ...judged.entry, exchange_id: exchangeId }
    // A matching verification answers the outstanding request.
    if (judged.answersVerification) deps.registry.expectVerification(entry.receiver_id, undefined)
    const record: ReceivedSetRecord = { id: sets.add(entry), ...entry }
    received.emit('set', record)
    bus.publish({
      type: 'receiver.set',
      receiver_id: record.receiver_id,
      id: record.id,
      verdict: record.verdict
    })
    return record
  }

  /** A SET refused before verification (authentication, unreadable body), as a judged SET. */
  function refused(
    receiverId: string,
    raw: string,
    via: 'push' | 'poll',
    rejection: SetRejection,
    findings: Finding[] = []
  ): JudgedSet {
    return {
      entry: {
        receiver_id: receiverId,
        via,
        received_at: clock.now(),
        raw: capBody(raw),
        verdict: 'rejected',
        err: rejection.code,
        description: rejection.description,
        findings
      },
      answersVerification: false
    }
  }

  return {
    judge,
    keep,
    refused,

    /** A receiver's inbox, newest first; `before` is an exclusive id cursor. */
    list(receiverId: string, limit: number, before?: number): ReceivedSetRecord[] {
      return sets.list(receiverId, limit, before)
    },

    /**
     * Accept SETs of a scratch stream (a check's) for this receiver, with the `aud` values its
     * configuration names; `undefined` forgets the stream.
     */
    scratchStream(receiverId: string, streamId: string, audiences: string[] | undefined): void {
      const mine = scratch.get(receiverId) ?? new Map<string, string[]>()
      if (audiences === undefined) mine.delete(streamId)
      else mine.set(streamId, audiences)
      if (mine.size === 0) scratch.delete(receiverId)
      else scratch.set(receiverId, mine)
    },

    /** Wait (bounded) for a received SET matching `predicate`; undefined on timeout. */
    waitForSet(
      predicate: (record: ReceivedSetRecord) => boolean,
      timeoutMs: number
    ): { promise: Promise<ReceivedSetRecord | undefined>; cancel(): void } {
      let cancel = () => {}
      const promise = new Promise<ReceivedSetRecord | undefined>((resolve) => {
        const onSet = (record: ReceivedSetRecord) => {
          if (!predicate(record)) return
          cancel()
          resolve(record)
        }
        const timer = setTimeout(() => {
          cancel()
          resolve(undefined)
        }, timeoutMs)
        cancel = () => {
          clearTimeout(timer)
          received.off('set', onSet)
        }
        received.on('set', onSet)
      })
      return { promise, cancel: () => cancel() }
    }
  }
}

/** The inbox. */
export type Inbox = ReturnType<typeof createInbox>
