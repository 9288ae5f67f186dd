/**
 * "Check my Receiver": a scripted series of SETs and exchanges against the app that owns a stream
 * of our Transmitter (push or poll), each judged against its spec rule and linked to its traffic
 * entry. Refused SETs come from the one signer plus token faults; the stream's status and faults
 * are restored as they were found.
 * @see docs/conformance.md, RFC 8935, RFC 8936, SSF 1.0 §8.1.4–§8.1.5, CAEP interop profile
 * @module
 */
import type { ReportCheck } from '../../shared/api/conformance'
import {
  REFUSAL_CASES,
  judgeAcceptance,
  judgePollAck,
  judgePollRefusals,
  judgeRefusal,
  type PollFate,
  type PushAnswerSeen,
  type Verdict
} from '../../shared/conformance/receiver-plan'
import {
  CAEP_EVENT_TYPES,
  DELIVERY_METHOD_PUSH,
  EVENT_TYPE_STREAM_UPDATED,
  EVENT_TYPE_VERIFICATION,
  NotFoundError,
  type PushDelivery,
  type StreamStatusValue
} from '../../shared/ssf'
import type { Bus } from '../core/bus'
import type { StreamRecord, StreamsRepo } from '../store/streams-repo'
import type { Faults } from '../traffic/faults'
import type { TrafficRecorder } from '../traffic/recorder'
import type { DeliveryService } from '../transmitter/delivery/service'
import type { StreamsService } from '../transmitter/streams-service'
import { pushRequest } from '../transmitter/delivery/push'
import { makeCheckSet, type CheckSet, type CheckSetDeps } from './check-sets'
import { waitOnBus } from './wait'

/** Bounds of a run. */
export interface ReceiverCheckOptions {
  /** Every answer must come within this many ms (the timing check). */
  answerBoundMs: number
  /** How long a step that needs the app to act waits, ms. */
  waitMs: number
}

/** What a run uses: the default tenant's streams and delivery, the fault layer and the traffic log. */
export interface ReceiverCheckDeps extends CheckSetDeps {
  streams: Pick<StreamsRepo, 'get' | 'listSubjects'>
  /** The stream service that changes a stream's status as the Transmitter. */
  streamsService: Pick<StreamsService, 'setStatusAsTransmitter'>
  delivery: Pick<DeliveryService, 'outbound' | 'wake' | 'hooks'>
  faults: Pick<Faults, 'stream' | 'clearStream' | 'setStream'>
  traffic: Pick<TrafficRecorder, 'flush' | 'store'>
  bus: Bus
  fetch: typeof fetch
}

/** The CAEP interop events, sent out of catalog order (the app must accept any order). */
const INTEROP_EVENTS: readonly { name: string; type: string; payload: Record<string, unknown> }[] =
  [
    {
      name: 'device_compliance_change',
      type: CAEP_EVENT_TYPES['device-compliance-change'],
      payload: { previous_status: 'compliant', current_status: 'not-compliant' }
    },
    {
      name: 'session_revoked',
      type: CAEP_EVENT_TYPES['session-revoked'],
      payload: {}
    },
    {
      name: 'credential_change',
      type: CAEP_EVENT_TYPES['credential-change'],
      payload: { credential_type: 'password', change_type: 'update' }
    }
  ]

/** Run "Check my Receiver" on a stream of our Transmitter. Never throws for the app's faults. */
export async function checkReceiver(
  deps: ReceiverCheckDeps,
  streamId: string,
  options: ReceiverCheckOptions
): Promise<ReportCheck[]> {
  const found = deps.streams.get(streamId)
  if (!found) throw new NotFoundError(`stream ${streamId} not found`)
  const run = createRun(deps, found, options)
  const savedFaults = deps.faults.stream(streamId)
  const hadFaults = Object.keys(savedFaults).length > 0
  if (hadFaults) deps.faults.clearStream(streamId)
  const savedStatus = { status: found.status, reason: found.reason }
  try {
    if (found.status !== 'enabled') await run.setStatus('enabled', 'ssf-sim conformance check')
    if (found.config.delivery.method === DELIVERY_METHOD_PUSH) await run.pushChecks()
    else await run.pollChecks()
    await run.verificationChecks()
    await run.statusChecks()
  } finally {
    const now = deps.streams.get(streamId)
    if (now && (now.status !== savedStatus.status || now.reason !== savedStatus.reason))
      await run.setStatus(savedStatus.status, savedStatus.reason)
    if (hadFaults) deps.faults.setStream(streamId, savedFaults)
    deps.bus.publish({ type: 'check.finished', target: 'stream', id: streamId })
  }
  return run.checks
}

function createRun(deps: ReceiverCheckDeps, initial: StreamRecord, options: ReceiverCheckOptions) {
  const streamId = initial.stream_id
  const checks: ReportCheck[] = []
  const delivery = deps.delivery
  const stream = () => deps.streams.get(streamId) ?? initial
  const timings: { id: string; ms: number }[] = []

  function add(
    id: string,
    title: string,
    rule: string,
    verdict: Verdict,
    exchangeId?: number
  ): void {
    checks.push({
      id,
      title,
      rule,
      ...verdict,
      ...(exchangeId === undefined ? {} : { exchange_id: exchangeId })
    })
  }

  function waiting(checkId: string, action: string, ms: number): void {
    deps.bus.publish({
      type: 'check.waiting',
      target: 'stream',
      id: streamId,
      check_id: checkId,
      action,
      deadline: Date.now() + ms
    })
  }

  /** The traffic entry of the latest exchange that carried `jti` (or `marker` in its body). */
  function exchangeOf(jti: string, marker?: string): number | undefined {
    deps.traffic.flush()
    if (marker !== undefined)
      return deps.traffic.store.query({ direction: 'outbound', text: marker, limit: 1 })[0]?.id
    return deps.traffic.store.byJti(jti)?.id
  }

  /** Push one token straight to the app (no queue, no retry), recorded in the traffic log. */
  async function pushOnce(
    set: CheckSet,
    marker?: string
  ): Promise<PushAnswerSeen & { exchangeId?: number }> {
    const d = stream().config.delivery as PushDelivery
    const { url, init } = pushRequest(
      d,
      set.token,
      AbortSignal.timeout(Math.max(options.answerBoundMs, 10_000))
    )
    const t0 = performance.now()
    let seen: PushAnswerSeen
    try {
      const response = await deps.fetch(url, init)
      seen = { status: response.status, body: await response.text() }
    } catch (err) {
      seen = { error: err instanceof Error ? err.message : String(err) }
    }
    seen.ms = Math.round(performance.now() - t0)
    const exchangeId = exchangeOf(set.jti, marker)
    return exchangeId === undefined ? seen : { ...seen, exchangeId }
  }

  function timed(id: string, answer: PushAnswerSeen): void {
    if (answer.ms !== undefined && answer.status !== undefined) timings.push({ id, ms: answer.ms })
  }

  /** What became of a SET in the outbound queue (poll streams, and pipeline SETs on push). */
  function fate(jti: string): PollFate | { kind: 'delivered'; status?: number } {
    const set = delivery.outbound.get(jti)
    if (!set) return { kind: 'pending' }
    if (set.state === 'acked') return { kind: 'acked' }
    if (set.state === 'delivered') {
      const last = delivery.outbound.attempts(jti).at(-1)
      return last?.response_status == null
        ? { kind: 'delivered' }
        : { kind: 'delivered', status: last.response_status }
    }
    if (set.state === 'failed') {
      const e = delivery.outbound.setErrs(streamId).find((x) => x.jti === jti)
      return e
        ? { kind: 'set_err', err: e.err, description: e.description }
        : { kind: 'set_err', err: 'refused', description: set.last_error ?? '' }
    }
    return { kind: 'pending' }
  }

  const settled = (jti: string) => fate(jti).kind !== 'pending'

  /** A poll stream's SET is never "delivered" (that is push); anything else is pending. */
  function pollFate(jti: string): PollFate {
    const f = fate(jti)
    return f.kind === 'delivered' ? { kind: 'pending' } : f
  }

  /** Offer SETs on the poll queue and wait (bounded) until each is acked or in setErrs. */
  async function offer(sets: readonly CheckSet[], checkId: string, action: string): Promise<void> {
    delivery.outbound.insertMany(
      sets.map((s) => ({
        jti: s.jti,
        stream_id: streamId,
        event_type: s.eventType,
        token: s.token,
        claims: JSON.stringify(s.claims),
        state: 'queued' as const
      })),
      deps.clock.now()
    )
    delivery.wake(streamId)
    if (sets.every((s) => settled(s.jti))) return
    waiting(checkId, action, options.waitMs)
    await waitOnBus(
      deps.bus,
      () => (sets.every((s) => settled(s.jti)) ? true : undefined),
      options.waitMs
    )
  }

  /** Run `emit`, capture the SETs it makes for this stream, wait for their fate. */
  async function throughPipeline(
    eventType: string,
    emit: () => unknown,
    checkId: string,
    action: string
  ): Promise<{ jti?: string }> {
    const made: string[] = []
    const unsubscribe = deps.bus.subscribe((e) => {
      if (e.type === 'set.state' && e.stream_id === streamId && e.state === 'queued')
        made.push(e.jti)
    })
    try {
      await emit()
    } finally {
      unsubscribe()
    }
    const jti = made.find((j) => delivery.outbound.get(j)?.event_type === eventType)
    if (jti === undefined) return {}
    if (!settled(jti)) {
      waiting(checkId, action, options.waitMs)
      await waitOnBus(deps.bus, () => (settled(jti) ? true : undefined), options.waitMs)
    }
    return { jti }
  }

  function judgeFate(jti: string | undefined): Verdict {
    if (jti === undefined) return { status: 'fail', detail: 'no SET was emitted' }
    const f = fate(jti)
    if (f.kind === 'delivered')
      return {
        status: 'pass',
        detail: `acknowledged${f.status === undefined ? '' : ` (HTTP ${f.status})`}`
      }
    if (f.kind === 'set_err' && stream().config.delivery.method === DELIVERY_METHOD_PUSH)
      return { status: 'fail', detail: `refused: ${f.description || f.err}` }
    return judgePollAck(f)
  }

  const action = () =>
    stream().config.delivery.method === DELIVERY_METHOD_PUSH
      ? 'waiting for the app to answer the push'
      : 'poll this stream now (RFC 8936) and acknowledge or report each SET'

  return {
    checks,

    async setStatus(status: StreamStatusValue, reason: string | undefined): Promise<void> {
      await deps.streamsService.setStatusAsTransmitter(streamId, status, reason)
    },

    async pushChecks(): Promise<void> {
      const s = stream()
      const valid = await makeCheckSet(deps, s, CAEP_EVENT_TYPES['session-revoked'], {})
      const first = await pushOnce(valid)
      timed('push.valid', first)
      add(
        'push.valid',
        'A valid SET is acknowledged with 202 Accepted',
        'RFC 8935 §2.2',
        judgeAcceptance(first, true),
        first.exchangeId
      )
      for (const c of REFUSAL_CASES) {
        const set = await makeCheckSet(deps, s, CAEP_EVENT_TYPES['session-revoked'], {}, c.defect)
        const a = await pushOnce(set, c.defect === 'malformed' ? set.token : undefined)
        timed(`push.${c.name}`, a)
        add(`push.${c.name}`, c.title, c.rule, judgeRefusal(a, c.codes), a.exchangeId)
      }
      const again = await pushOnce(valid)
      timed('push.duplicate', again)
      add(
        'push.duplicate',
        'A redelivered SET (same jti) is acknowledged again',
        'RFC 8935 §2.2 / §4 (retransmission)',
        judgeAcceptance(again, false),
        again.exchangeId
      )
      for (const e of INTEROP_EVENTS) {
        const set = await makeCheckSet(deps, s, e.type, e.payload)
        const a = await pushOnce(set)
        timed(`events.${e.name}`, a)
        add(
          `events.${e.name}`,
          `CAEP ${e.name.replace(/_/g, '-')} is accepted (in any order)`,
          'CAEP interop profile §3 / RFC 8935 §2.2',
          judgeAcceptance(a, false),
          a.exchangeId
        )
      }
      const slow = timings.filter((t) => t.ms > options.answerBoundMs)
      add(
        'timing.answers',
        `Every answer within ${options.answerBoundMs} ms`,
        'RFC 8935 §2 (timely acknowledgement); bound set by the user',
        slow.length === 0
          ? {
              status: 'pass',
              detail: `${timings.length} answers, slowest ${Math.max(0, ...timings.map((t) => t.ms))} ms`
            }
          : {
              status: 'fail',
              detail: slow.map((t) => `${t.id}: ${t.ms} ms`).join(', ')
            }
      )
    },

    async pollChecks(): Promise<void> {
      const s = stream()
      const valid = await makeCheckSet(deps, s, CAEP_EVENT_TYPES['session-revoked'], {})
      const invalid = await Promise.all(
        REFUSAL_CASES.map(async (c) => ({
          case: c,
          set: await makeCheckSet(deps, s, CAEP_EVENT_TYPES['session-revoked'], {}, c.defect)
        }))
      )
      await offer([valid, ...invalid.map((i) => i.set)], 'poll.valid', action())
      const pollCheck = (id: string, title: string, rule: string) =>
        add(id, title, rule, judgePollAck(pollFate(valid.jti)), exchangeOf(valid.jti))
      pollCheck('poll.valid', 'A valid SET is acknowledged (ack)', 'RFC 8936 §2.1')
      add(
        'poll.invalid',
        'Invalid SETs come back in setErrs with the RFC 8935 codes and are not acknowledged',
        'RFC 8936 §2.1 / §2.4',
        judgePollRefusals(invalid.map((i) => ({ case: i.case, fate: pollFate(i.set.jti) }))),
        exchangeOf(invalid[0]?.set.jti ?? '')
      )
      if (pollFate(valid.jti).kind === 'acked') {
        // Redeliver: the same SET, same jti, handed out again.
        delivery.outbound.setState(valid.jti, 'queued', null, deps.clock.now())
        delivery.wake(streamId)
        waiting('poll.duplicate', action(), options.waitMs)
        await waitOnBus(deps.bus, () => (settled(valid.jti) ? true : undefined), options.waitMs)
        pollCheck(
          'poll.duplicate',
          'A redelivered SET (same jti) is acknowledged again',
          'RFC 8936 §2.1 / RFC 8935 §4'
        )
      } else
        add(
          'poll.duplicate',
          'A redelivered SET (same jti) is acknowledged again',
          'RFC 8936 §2.1',
          {
            status: 'skip',
            detail: 'the first delivery was not acknowledged'
          }
        )
      const events = await Promise.all(
        INTEROP_EVENTS.map((e) => makeCheckSet(deps, s, e.type, e.payload))
      )
      await offer(events, 'events', action())
      INTEROP_EVENTS.forEach((e, i) => {
        const jti = events[i]?.jti ?? ''
        add(
          `events.${e.name}`,
          `CAEP ${e.name.replace(/_/g, '-')} is accepted (in any order)`,
          'CAEP interop profile §3 / RFC 8936 §2.1',
          judgeFate(jti),
          exchangeOf(jti)
        )
      })
      add(
        'timing.answers',
        'Every answer within the bound',
        'RFC 8936 (the app polls at its pace)',
        {
          status: 'skip',
          detail: 'poll streams: the app sets the pace'
        }
      )
    },

    async verificationChecks(): Promise<void> {
      const unsolicited = await throughPipeline(
        EVENT_TYPE_VERIFICATION,
        () => delivery.hooks.verificationRequested(stream(), undefined),
        'verification.unsolicited',
        action()
      )
      add(
        'verification.unsolicited',
        'A Transmitter-initiated verification SET without state is accepted',
        'SSF 1.0 §8.1.4.1',
        judgeFate(unsolicited.jti),
        unsolicited.jti === undefined ? undefined : exchangeOf(unsolicited.jti)
      )
      // The app must act: request verification on its stream (SSF 1.0 §8.1.4.2).
      const since = deps.clock.now()
      waiting(
        'verification.requested',
        `request verification for stream ${streamId} from your app (POST ${deps.issuer}/ssf/verify with a state)`,
        options.waitMs
      )
      let state: string | undefined
      let jti: string | undefined
      const captured: string[] = []
      const asked = await waitOnBus(
        deps.bus,
        (e) => {
          if (e?.type === 'set.state' && e.stream_id === streamId && e.state === 'queued')
            captured.push(e.jti)
          if (e?.type === 'stream.verification' && e.stream_id === streamId) state = e.state
          jti = captured.find((j) => {
            const set = delivery.outbound.get(j)
            return set?.event_type === EVENT_TYPE_VERIFICATION && set.created_at >= since
          })
          return jti === undefined ? undefined : true
        },
        options.waitMs
      )
      if (asked === undefined || jti === undefined) {
        add(
          'verification.requested',
          'A verification the app requests comes back with its state and is accepted',
          'SSF 1.0 §8.1.4.2',
          {
            status: 'skip',
            detail: `the app did not request verification within ${Math.round(options.waitMs / 1000)} s`
          }
        )
        return
      }
      const requested = jti
      if (!settled(requested))
        await waitOnBus(deps.bus, () => (settled(requested) ? true : undefined), options.waitMs)
      const verdict = judgeFate(requested)
      add(
        'verification.requested',
        'A verification the app requests comes back with its state and is accepted',
        'SSF 1.0 §8.1.4.2',
        {
          ...verdict,
          detail: `${state === undefined ? 'requested without state' : `state "${state}" sent back`}; ${verdict.detail}`
        },
        exchangeOf(requested)
      )
    },

    async statusChecks(): Promise<void> {
      for (const status of ['paused', 'enabled'] as const) {
        const r = await throughPipeline(
          EVENT_TYPE_STREAM_UPDATED,
          () =>
            deps.streamsService.setStatusAsTransmitter(
              streamId,
              status,
              'ssf-sim conformance check'
            ),
          `status.${status}`,
          action()
        )
        add(
          `status.${status}`,
          `The stream-updated SET for "${status}" is accepted`,
          'SSF 1.0 §8.1.5',
          judgeFate(r.jti),
          r.jti === undefined ? undefined : exchangeOf(r.jti)
        )
      }
    }
  }
}
