/**
 * Firing events: pick the streams an event goes to (events delivered, subject in stream,
 * status), build one SET per stream, sign it and store it (queued, held or dropped).
 * @see SSF 1.0 §4, §8.1.2 (status), §8.1.3.1 (subjects); interop notes A9, A24, A26
 * @module
 */
import { randomUUID } from 'node:crypto'
import {
  NotFoundError,
  isSsfEventType,
  matchSubject,
  type Finding,
  type StreamStatusValue,
  type SubjectIdentifier
} from '../../shared/ssf'
import type { FireEventRequest } from '../../shared/api/events'
import type { Clock } from '../core/clock'
import type { CustomEventsRepo } from '../store/custom-events-repo'
import type { KeyStore } from '../store/keys'
import type { NewOutboundSet, OutboundRepo } from '../store/outbound-repo'
import type { StreamRecord, StreamsRepo } from '../store/streams-repo'
import { planEvent, planSetClaims } from './delivery/plan'
import { signSet } from './signer'
import { eventsDelivered } from './streams-service'

/** A fire request, validated (`POST /api/events`). */
export type FireInput = FireEventRequest

/** One SET made by a fire request. */
export interface FiredSet {
  stream_id: string
  jti: string
  /** `queued` (enabled stream), `held` (paused) or `dropped` (disabled). */
  state: 'queued' | 'held' | 'dropped'
}

/** What the status of a stream does to a new SET (interop notes A9, A10). */
export function stateForStatus(status: StreamStatusValue): FiredSet['state'] {
  return status === 'enabled' ? 'queued' : status === 'paused' ? 'held' : 'dropped'
}

/** Whether events about `subject` may flow on `stream` (subject consent). */
export type SubjectPolicy = (stream: StreamRecord, subject: SubjectIdentifier) => boolean

/** What a fire request produced: the SETs and the catalog's findings about the event. */
export interface FireResult {
  sets: FiredSet[]
  /** Catalog errors (only when `allow_invalid` let an invalid event through) and warnings. */
  findings: Finding[]
}

/** What the emitter needs. */
export interface EmitterDeps {
  streams: Pick<StreamsRepo, 'get' | 'listAll' | 'listSubjects' | 'removedSubjects'>
  customEvents: Pick<CustomEventsRepo, 'list'>
  /** Every event type the Transmitter supports (catalog and custom). */
  eventsSupported(): string[]
  keys: KeyStore
  clock: Clock
  /** The root issuer; a stream's tenant issuer is derived from it. */
  issuer: string
  defaultSubjects: 'ALL' | 'NONE'
  outbound: OutboundRepo
  /** Stored SETs: publish their state and wake delivery. */
  onStored(sets: readonly NewOutboundSet[]): void
  /** Subject consent; every subject is allowed when absent. */
  subjectAllowed?: SubjectPolicy
}

/** The emitter: turns events into stored, signed SETs; `onStored` wakes delivery. */
export function createEmitter(deps: EmitterDeps) {
  const { streams, outbound, clock } = deps
  const subjectAllowed = deps.subjectAllowed ?? (() => true)

  function subjectInStream(stream: StreamRecord, subject: SubjectIdentifier): boolean {
    // Consent-required streams carry events only about subjects whose user consented.
    if (!subjectAllowed(stream, subject)) return false
    // A removed subject gets no more events, whatever default_subjects says, once its grace
    // period is over (SSF 1.0 §8.1.3.3: Transmitters MAY keep sending for a short while).
    const removed = streams
      .removedSubjects(stream.stream_id)
      .find((r) => matchSubject(r.subject, subject))
    if (removed) return removed.until > clock.now()
    // default_subjects ALL: every other subject is in every stream (SSF 1.0 §7.1).
    if (deps.defaultSubjects === 'ALL') return true
    const explicit = streams.listSubjects(stream.stream_id)
    return explicit.some((s) => matchSubject(s.subject, subject))
  }

  /** Build and sign one SET for a stream (not stored). */
  async function makeSet(
    stream: StreamRecord,
    eventType: string,
    subId: SubjectIdentifier,
    payload: Record<string, unknown>,
    txn: string | undefined,
    state: FiredSet['state']
  ): Promise<NewOutboundSet> {
    const claims = planSetClaims(deps.issuer, stream, {
      jti: randomUUID(),
      iat: clock.now() / 1000,
      txn,
      sub_id: subId,
      eventType,
      payload
    })
    return {
      jti: claims.jti,
      stream_id: stream.stream_id,
      event_type: eventType,
      token: await signSet(deps.keys, claims),
      claims: JSON.stringify(claims),
      state
    }
  }

  /** SETs waiting for the next group commit, with the callers waiting on them. */
  let pending: { sets: readonly NewOutboundSet[]; done: (err?: unknown) => void }[] = []

  /**
   * Store in one commit every batch handed in during this turn of the event loop (concurrent
   * fires share a commit: a commit per fire was the largest cost after signing), then announce
   * them. Callers resume only once their SETs are stored: a 201 still means stored.
   */
  function commitPending(): void {
    const batch = pending
    pending = []
    try {
      outbound.insertMany(
        batch.flatMap((b) => b.sets),
        clock.now()
      )
    } catch (err) {
      for (const b of batch) b.done(err)
      return
    }
    for (const b of batch) deps.onStored(b.sets)
    for (const b of batch) b.done()
  }

  function store(sets: readonly NewOutboundSet[]): Promise<void> {
    if (sets.length === 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      pending.push({ sets, done: (err) => (err === undefined ? resolve() : reject(err)) })
      if (pending.length === 1) setImmediate(commitPending)
    })
  }

  return {
    /** Store signed SETs and wake delivery: the one way a SET enters the queue. */
    store,
    /** Fire an event at every matching stream. @see DESIGN.md `POST /api/events` */
    async fire(input: FireInput): Promise<FireResult> {
      // The catalog checks type, subject and claims once, naming the JSON path and rule broken.
      const plan = planEvent(input, {
        customTypes: deps.customEvents.list(),
        nowSeconds: Math.floor(clock.now() / 1000)
      })
      const { eventType, subject, payload } = plan
      let candidates: StreamRecord[]
      if (input.stream_ids === undefined) candidates = streams.listAll()
      else
        candidates = [...new Set(input.stream_ids)].map((id) => {
          const s = streams.get(id)
          if (!s) throw new NotFoundError(`stream ${id} not found`)
          return s
        })
      const supported = deps.eventsSupported()
      const txn = input.txn ?? randomUUID()
      const sets: NewOutboundSet[] = []
      for (const stream of candidates) {
        // SSF's own events are exempt from events_delivered (interop note A24).
        if (
          !isSsfEventType(eventType) &&
          !eventsDelivered(stream.config, supported).includes(eventType)
        )
          continue
        if (!subjectInStream(stream, subject)) continue
        sets.push(
          await makeSet(stream, eventType, subject, payload, txn, stateForStatus(stream.status))
        )
      }
      await store(sets)
      return {
        sets: sets.map((s) => ({ stream_id: s.stream_id, jti: s.jti, state: s.state })),
        findings: plan.findings
      }
    },

    /**
     * Emit an SSF stream-management event (verification, stream-updated) to one stream, with
     * `sub_id` the opaque stream id. @see SSF 1.0 §8.1.4.1, §8.1.5
     */
    async emitToStream(
      stream: StreamRecord,
      eventType: string,
      payload: Record<string, unknown>,
      state: FiredSet['state']
    ): Promise<FiredSet> {
      const set = await makeSet(
        stream,
        eventType,
        { format: 'opaque', id: stream.stream_id },
        payload,
        undefined,
        state
      )
      await store([set])
      return { stream_id: set.stream_id, jti: set.jti, state: set.state }
    }
  }
}

/** The emitter. */
export type Emitter = ReturnType<typeof createEmitter>
