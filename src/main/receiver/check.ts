/**
 * "Check my Transmitter": a conformance report against the external Transmitter's metadata,
 * JWKS and management API, on a scratch stream, ending with a verification round trip to our
 * push endpoint.
 * @see SSF 1.0 §7, §8.1, interop notes §2 "Checks applied to Transmitters"
 * @module
 */
import { randomUUID } from 'node:crypto'
import {
  judgeEventSets,
  judgeJwksPrivate,
  judgeRateLimit,
  judgeReplace
} from '../../shared/conformance/transmitter-plan'
import {
  CAEP_EVENT_TYPES,
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  EVENT_TYPE_STREAM_UPDATED,
  EVENT_TYPE_VERIFICATION,
  SET_MEDIA_TYPE
} from '../../shared/ssf'
import {
  checkMetadata,
  checkStreamFields,
  parseRemoteMetadata,
  PUSH_CONTENT_TYPE_PATH,
  type ConformanceCheck
} from '../../shared/ssf/receiver'
import {
  createStreamRequest,
  deleteStreamRequest,
  getStatusRequest,
  pollRequest,
  readStreamRequest,
  setStatusRequest,
  subjectRequest,
  updateStreamRequest,
  verificationRequest,
  type Exchanged
} from './management-client'
import type { ReceivedSetRecord } from '../store/received-sets-repo'
import type { Inbox } from './inbox'
import { NetworkError } from './recording-fetch'
import type { ReceiverRegistry } from './registry'

/** Options of a check run. */
export interface CheckOptions {
  /** How long to wait for the verification SET (ms). */
  verificationWaitMs: number
  /** How long to wait for the user to trigger event SETs (ms; 0 skips the step). */
  eventWaitMs?: number
  /** Told when a step waits for the user (the UI shows a countdown). */
  onWaiting?: (checkId: string, action: string, ms: number) => void
}

/** Event types the Transmitter sends on its own (not the user's events). */
const SSF_OWN_EVENTS: readonly string[] = [EVENT_TYPE_VERIFICATION, EVENT_TYPE_STREAM_UPDATED]

function eventTypesOf(payload: unknown): string[] {
  return isRecord(payload) && isRecord(payload.events) ? Object.keys(payload.events) : []
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The public parts of the Receiver a check runs on. */
export interface CheckedReceiver {
  parts: {
    registry: Pick<
      ReceiverRegistry,
      | 'require'
      | 'sourceOf'
      | 'fetchDocument'
      | 'fetchJwks'
      | 'target'
      | 'pushEndpoint'
      | 'audienceIsDefault'
      | 'expectVerification'
    >
    inbox: Pick<Inbox, 'waitForSet' | 'scratchStream'>
  }
}

/** What one management call came to. */
interface Called {
  status?: number
  body?: unknown
  headers?: Headers
  error?: string
  exchangeId?: number
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text())
  } catch {
    return undefined
  }
}

/**
 * Run the report. Never throws for Transmitter faults: each becomes a check. Every
 * `exchange_id` is the traffic-log entry behind the line (`GET /api/traffic/{id}`).
 */
export async function runConformanceCheck(
  receiver: CheckedReceiver,
  receiverId: string,
  options: CheckOptions
): Promise<ConformanceCheck[]> {
  const { registry, inbox } = receiver.parts
  const r = registry.require(receiverId)
  const checks: ConformanceCheck[] = []
  const push = (
    id: string,
    title: string,
    rule: string,
    status: ConformanceCheck['status'],
    detail: string,
    exchangeId?: number
  ) =>
    checks.push({
      id,
      title,
      rule,
      status,
      detail,
      ...(exchangeId === undefined ? {} : { exchange_id: exchangeId })
    })

  // ---- metadata -------------------------------------------------------------------------------
  let raw: unknown
  try {
    raw = await registry.fetchDocument(receiverId, 'metadata', r.metadata_url)
  } catch (err) {
    push(
      'metadata.fetch',
      'Metadata can be fetched',
      'SSF 1.0 §7.2',
      'fail',
      err instanceof Error ? err.message : String(err)
    )
    return checks
  }
  const parsed = parseRemoteMetadata(raw)
  if (!isRecord(raw) || !parsed.ok) {
    push(
      'metadata.parse',
      'Metadata is a valid JSON object',
      'SSF 1.0 §7.1',
      'fail',
      parsed.ok ? 'not an object' : parsed.error
    )
    return checks
  }
  const md = parsed.metadata
  checks.push(...checkMetadata(raw, md, r.issuer, registry.sourceOf(r), true))

  // ---- JWKS -----------------------------------------------------------------------------------
  try {
    const published = await registry.fetchDocument(receiverId, 'jwks', md.jwks_uri)
    const keys = isRecord(published) && Array.isArray(published.keys) ? published.keys : []
    const v = judgeJwksPrivate(keys.filter(isRecord))
    push(
      'jwks.public_only',
      'JWKS publishes public keys only',
      'RFC 7517 §4 / RFC 7518 §6',
      v.status,
      v.detail
    )
    const jwks = await registry.fetchJwks(r)
    const noKid = jwks.keys.filter((k) => typeof k.kid !== 'string').length
    push(
      'jwks.keys',
      'JWKS has keys, each with a kid',
      'RFC 7517 §5 / SSF 1.0 §10.1',
      jwks.keys.length === 0 ? 'fail' : noKid > 0 ? 'warn' : 'pass',
      jwks.keys.length === 0
        ? 'the JWKS has no keys'
        : `${jwks.keys.length} key(s)${noKid > 0 ? `, ${noKid} without kid` : ''}`
    )
  } catch (err) {
    push(
      'jwks.keys',
      'JWKS can be fetched',
      'SSF 1.0 §7.1',
      'fail',
      err instanceof Error ? err.message : String(err)
    )
  }

  // ---- management API -------------------------------------------------------------------------
  const skipRest = (why: string) => {
    for (const [id, title, rule] of [
      ['stream.create', 'Create stream → 201', 'SSF 1.0 §8.1.1.1'],
      ['verification.round_trip', 'Verification SET arrives at our push endpoint', 'SSF 1.0 §8.1.4']
    ] as const)
      push(id, title, rule, 'skip', why)
  }
  if (r.settings.transmitter_token === undefined) {
    skipRest('no transmitter_token set on this receiver; management checks need one')
    return checks
  }
  const config = md.configuration_endpoint
  if (config === undefined) {
    skipRest('the metadata has no configuration_endpoint')
    return checks
  }
  const t = registry.target(r)
  const call = async (send: () => Promise<Exchanged>): Promise<Called> => {
    try {
      const { response, exchangeId } = await send()
      return {
        status: response.status,
        body: await jsonOf(response),
        headers: response.headers,
        exchangeId
      }
    } catch (err) {
      return {
        error: err instanceof Error ? err.message : String(err),
        ...(err instanceof NetworkError ? { exchangeId: err.exchangeId } : {})
      }
    }
  }
  const statusCheck = (
    id: string,
    title: string,
    rule: string,
    got: Called,
    expected: number,
    tolerated: readonly number[] = []
  ): boolean => {
    const ok = got.status === expected
    const soft = got.status !== undefined && tolerated.includes(got.status)
    push(
      id,
      title,
      rule,
      ok ? 'pass' : soft ? 'warn' : 'fail',
      got.error ?? `HTTP ${got.status ?? '?'}${ok ? '' : ` (expected ${expected})`}`,
      got.exchangeId
    )
    return ok || soft
  }

  const requested: string[] = [
    CAEP_EVENT_TYPES['session-revoked'],
    CAEP_EVENT_TYPES['credential-change']
  ]
  const endpoint = registry.pushEndpoint(receiverId)
  const pushDelivery = {
    method: DELIVERY_METHOD_PUSH,
    endpoint_url: endpoint,
    ...(r.settings.require_authorization && r.push_token
      ? { authorization_header: `Bearer ${r.push_token}` }
      : {})
  }
  /** A SET the Transmitter should have sent to our push endpoint: arrived and accepted? */
  const arrived = (
    id: string,
    title: string,
    rule: string,
    set: ReceivedSetRecord | undefined,
    missing: ConformanceCheck['status'],
    missingDetail: string
  ): void => {
    if (set === undefined) return void push(id, title, rule, missing, missingDetail)
    const accepted = set.verdict === 'accepted'
    push(
      id,
      title,
      rule,
      accepted ? 'pass' : 'fail',
      accepted
        ? `accepted (inbox entry ${set.id})`
        : `rejected: ${set.err ?? ''} ${set.description ?? ''} (inbox entry ${set.id})`,
      set.exchange_id
    )
  }
  /** Errors the management API must answer: 401, 404, 400. @see SSF 1.0 §8.1.1 error table */
  const errorChecks = async (config: string, sid: string): Promise<void> => {
    const fetchRaw = t.fetch
    const url = new URL(config)
    url.searchParams.set('stream_id', sid)
    const noToken = await call(() =>
      fetchRaw('errors.no_token', url.href, {
        method: 'GET',
        headers: { Accept: 'application/json' }
      })
    )
    statusCheck(
      'errors.no_token',
      'A call without a token → 401',
      'SSF 1.0 §8.1.1.2 / RFC 6750 §3.1',
      noToken,
      401,
      [403]
    )
    const unknown = await call(() =>
      readStreamRequest(t, config, `ssf-sim-no-such-stream-${randomUUID()}`)
    )
    statusCheck(
      'errors.unknown_stream',
      'An unknown stream → 404',
      'SSF 1.0 §8.1.1.2',
      unknown,
      404
    )
    const malformed = await call(() =>
      fetchRaw('errors.malformed_body', config, {
        method: 'POST',
        headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'application/json' },
        body: '{"delivery": '
      })
    )
    statusCheck(
      'errors.malformed_body',
      'A malformed body → 400',
      'SSF 1.0 §8.1.1.1',
      malformed,
      400
    )
  }
  /**
   * RFC 8936 round trip on a scratch poll stream: a verification SET is requested, polled,
   * acknowledged (and not handed out again); `setErrs` is accepted.
   */
  const pollRoundTrip = async (pid: string, pollUrl: string, verifyEp: string): Promise<void> => {
    const title = 'A SET requested on a poll stream can be polled'
    const asked = await call(() =>
      verificationRequest(t, verifyEp, { stream_id: pid, state: randomUUID() })
    )
    if (asked.status !== 204 && asked.status !== 200) {
      push(
        'poll.receive',
        title,
        'RFC 8936 §2.1',
        'skip',
        'the verification request on the poll stream failed',
        asked.exchangeId
      )
      return
    }
    const deadline = Date.now() + options.verificationWaitMs
    let last: Called = {}
    let jti: string | undefined
    while (jti === undefined && Date.now() < deadline) {
      last = await call(() => pollRequest(t, pollUrl, { maxEvents: 10, returnImmediately: true }))
      if (last.status !== 200) break
      const sets = isRecord(last.body) && isRecord(last.body.sets) ? last.body.sets : {}
      jti = Object.keys(sets)[0]
      // An empty answer: the SET may not be queued yet; ask again shortly (bounded by the wait).
      if (jti === undefined) await new Promise((resolve) => setTimeout(resolve, 250))
    }
    push(
      'poll.receive',
      title,
      'RFC 8936 §2.1 / SSF 1.0 §8.1.4.2',
      jti === undefined ? 'fail' : 'pass',
      jti === undefined
        ? last.status === 200
          ? `no SET came by poll within ${Math.round(options.verificationWaitMs / 1000)} s`
          : (last.error ?? `HTTP ${last.status ?? '?'}`)
        : `SET ${jti} polled`,
      last.exchangeId
    )
    if (jti === undefined) return
    const acked = jti
    const ack = await call(() => pollRequest(t, pollUrl, { ack: [acked], returnImmediately: true }))
    const redelivered = isRecord(ack.body) && isRecord(ack.body.sets) && acked in ack.body.sets
    push(
      'poll.ack',
      'An acknowledged SET is not handed out again',
      'RFC 8936 §2.1 / §2.4',
      ack.status === 200 && !redelivered ? 'pass' : 'fail',
      ack.status !== 200
        ? (ack.error ?? `HTTP ${ack.status ?? '?'} to an acknowledgement`)
        : redelivered
          ? `SET ${acked} was acknowledged but handed out again`
          : `SET ${acked} acknowledged`,
      ack.exchangeId
    )
    const errs = await call(() =>
      pollRequest(t, pollUrl, {
        setErrs: {
          [`ssf-sim-check-${randomUUID()}`]: {
            err: 'invalid_request',
            description: 'ssf-sim conformance check: a setErrs report'
          }
        },
        returnImmediately: true
      })
    )
    push(
      'poll.set_errs',
      'A poll request carrying setErrs is accepted',
      'RFC 8936 §2.4',
      errs.status === 200 ? 'pass' : 'warn',
      errs.error ?? `HTTP ${errs.status ?? '?'}`,
      errs.exchangeId
    )
  }

  /** Wait while the user triggers events on their Transmitter; lint what arrives, per type. */
  const eventChecks = async (waitMs: number): Promise<ConformanceCheck[]> => {
    const seen: ReceivedSetRecord[] = []
    const waiter = inbox.waitForSet((rec) => {
      const types = eventTypesOf(rec.payload)
      if (rec.receiver_id === receiverId && !types.some((x) => SSF_OWN_EVENTS.includes(x)))
        seen.push(rec)
      return false
    }, waitMs)
    options.onWaiting?.(
      'events',
      'Trigger events on your Transmitter now, to this receiver: each SET is verified and linted as it arrives',
      waitMs
    )
    await waiter.promise
    if (seen.length === 0)
      return [
        {
          id: 'events.received',
          title: 'Event SETs the Transmitter sends are valid',
          rule: 'SSF 1.0 §4 / CAEP / RISC',
          status: 'skip',
          detail: `no event SETs arrived within ${Math.round(waitMs / 1000)} s`
        }
      ]
    return judgeEventSets(
      seen.map((rec) => ({
        eventTypes: eventTypesOf(rec.payload),
        accepted: rec.verdict === 'accepted',
        problem: `${rec.err ?? ''} ${rec.description ?? ''}`.trim(),
        findings: rec.findings
      }))
    ).map(({ eventType, verdict }) => ({
      id: `events.${eventType.slice(eventType.lastIndexOf('/') + 1)}`,
      title: `Event SETs of type ${eventType} are valid`,
      rule: 'SSF 1.0 §4 / the event catalog',
      ...verdict
    }))
  }

  const created = await call(() =>
    createStreamRequest(t, config, {
      delivery: pushDelivery,
      events_requested: requested,
      description: 'ssf-sim conformance check (scratch stream)'
    })
  )
  if (
    !statusCheck('stream.create', 'Create stream → 201', 'SSF 1.0 §8.1.1.1', created, 201, [200])
  ) {
    push(
      'verification.round_trip',
      'Verification SET arrives at our push endpoint',
      'SSF 1.0 §8.1.4',
      'skip',
      'no scratch stream'
    )
    return checks
  }
  checks.push(
    ...checkStreamFields(
      created.body,
      {
        issuer: md.issuer,
        events_requested: requested,
        method: DELIVERY_METHOD_PUSH,
        push_endpoint: endpoint
      },
      'stream.create'
    )
  )
  const sid =
    isRecord(created.body) && typeof created.body.stream_id === 'string'
      ? created.body.stream_id
      : undefined
  if (sid === undefined) return checks
  const aud = isRecord(created.body) ? created.body.aud : undefined
  const auds =
    typeof aud === 'string'
      ? [aud]
      : Array.isArray(aud)
        ? aud.filter((a): a is string => typeof a === 'string')
        : []
  const userSetNone = registry.audienceIsDefault(r)
  // aud is Transmitter-supplied (SSF 1.0 §8.1.1): with no audience typed, learn it.
  inbox.scratchStream(receiverId, sid, userSetNone ? auds : [])
  push(
    'stream.create.aud_usable',
    'aud of the stream (Transmitter-supplied) is usable',
    'SSF 1.0 §8.1.1',
    auds.length === 0 ? 'warn' : userSetNone || auds.includes(r.audience) ? 'pass' : 'warn',
    auds.length === 0
      ? 'the stream configuration has no "aud"'
      : userSetNone
        ? `the Transmitter chose ${JSON.stringify(aud)}; learned, as no audience was set`
        : auds.includes(r.audience)
          ? `contains the audience set on this receiver ("${r.audience}")`
          : `the Transmitter chose ${JSON.stringify(aud)}, not the audience set on this receiver ("${r.audience}"); clear the audience to accept it`
  )
  try {
    const read = await call(() => readStreamRequest(t, config, sid))
    if (statusCheck('stream.read', 'Read stream → 200', 'SSF 1.0 §8.1.1.2', read, 200))
      push(
        'stream.read.same',
        'Read returns the stream asked for',
        'SSF 1.0 §8.1.1.2',
        isRecord(read.body) && read.body.stream_id === sid ? 'pass' : 'fail',
        isRecord(read.body) ? `stream_id ${JSON.stringify(read.body.stream_id)}` : 'not an object'
      )
    const list = await call(() => readStreamRequest(t, config))
    if (statusCheck('stream.list', 'List streams → 200', 'SSF 1.0 §8.1.1.2', list, 200))
      push(
        'stream.list.contains',
        'List is an array containing the stream',
        'SSF 1.0 §8.1.1.2',
        Array.isArray(list.body) && list.body.some((s) => isRecord(s) && s.stream_id === sid)
          ? 'pass'
          : 'fail',
        Array.isArray(list.body) ? `${list.body.length} stream(s)` : 'not an array'
      )
    const description = 'ssf-sim conformance check (updated)'
    const updated = await call(() =>
      updateStreamRequest(t, config, { stream_id: sid, description }, 'update')
    )
    if (
      statusCheck('stream.update', 'Update stream (PATCH) → 200', 'SSF 1.0 §8.1.1.3', updated, 200)
    )
      push(
        'stream.update.applied',
        'Update applied the new description',
        'SSF 1.0 §8.1.1.3',
        isRecord(updated.body) && updated.body.description === description ? 'pass' : 'fail',
        isRecord(updated.body)
          ? `description ${JSON.stringify(updated.body.description)}`
          : 'not an object'
      )
    // PUT replaces: what is left out (here the description) must be gone afterwards.
    const replaced = await call(() =>
      updateStreamRequest(
        t,
        config,
        { stream_id: sid, delivery: pushDelivery, events_requested: requested },
        'replace'
      )
    )
    if (
      statusCheck('stream.replace', 'Replace stream (PUT) → 200', 'SSF 1.0 §8.1.1.4', replaced, 200)
    ) {
      const v = judgeReplace(replaced.body, 'description')
      push(
        'stream.replace.applied',
        'Replace (PUT) drops Receiver-supplied members left out',
        'SSF 1.0 §8.1.1.4',
        v.status,
        v.detail,
        replaced.exchangeId
      )
    }
    await errorChecks(config, sid)
    if (md.status_endpoint !== undefined) {
      const statusEp = md.status_endpoint
      const announced = inbox.waitForSet(
        (rec) =>
          rec.receiver_id === receiverId &&
          eventTypesOf(rec.payload).includes(EVENT_TYPE_STREAM_UPDATED),
        options.verificationWaitMs
      )
      const got = await call(() => getStatusRequest(t, statusEp, sid))
      if (statusCheck('status.read', 'Read status → 200', 'SSF 1.0 §8.1.2.1', got, 200))
        push(
          'status.read.shape',
          'Status is {stream_id, status} with a known status',
          'SSF 1.0 §8.1.2.1',
          isRecord(got.body) &&
            got.body.stream_id === sid &&
            ['enabled', 'paused', 'disabled'].includes(String(got.body.status))
            ? 'pass'
            : 'fail',
          String(JSON.stringify(got.body))
        )
      const paused = await call(() =>
        setStatusRequest(t, statusEp, { stream_id: sid, status: 'paused' })
      )
      if (statusCheck('status.update', 'Update status → 200', 'SSF 1.0 §8.1.2.2', paused, 200))
        push(
          'status.update.applied',
          'Updated status is returned',
          'SSF 1.0 §8.1.2.2',
          isRecord(paused.body) && paused.body.status === 'paused' ? 'pass' : 'fail',
          String(JSON.stringify(paused.body))
        )
      await call(() => setStatusRequest(t, statusEp, { stream_id: sid, status: 'enabled' }))
      arrived(
        'status.stream_updated',
        'A stream-updated SET follows the status change',
        'SSF 1.0 §8.1.5',
        await announced.promise,
        'warn',
        `no stream-updated SET arrived within ${Math.round(options.verificationWaitMs / 1000)} s (SSF 1.0 requires it only for changes the Transmitter makes)`
      )
    } else
      push('status.read', 'Read status → 200', 'SSF 1.0 §8.1.2.1', 'skip', 'no status_endpoint')
    const subject = { format: 'email', email: 'conformance-check@example.com' }
    if (md.add_subject_endpoint !== undefined) {
      const ep = md.add_subject_endpoint
      const added = await call(() =>
        subjectRequest(t, ep, 'add', { stream_id: sid, subject, verified: true })
      )
      statusCheck(
        'subjects.add',
        'Add subject → 200',
        'SSF 1.0 §8.1.3.2 / interop A1',
        added,
        200,
        [204]
      )
    } else
      push(
        'subjects.add',
        'Add subject → 200',
        'SSF 1.0 §8.1.3.2',
        'skip',
        'no add_subject_endpoint'
      )
    if (md.remove_subject_endpoint !== undefined) {
      const ep = md.remove_subject_endpoint
      const removed = await call(() => subjectRequest(t, ep, 'remove', { stream_id: sid, subject }))
      statusCheck(
        'subjects.remove',
        'Remove subject → 204',
        'SSF 1.0 §8.1.3.3',
        removed,
        204,
        [200]
      )
    } else
      push(
        'subjects.remove',
        'Remove subject → 204',
        'SSF 1.0 §8.1.3.3',
        'skip',
        'no remove_subject_endpoint'
      )

    // ---- verification round trip --------------------------------------------------------------
    if (md.verification_endpoint !== undefined) {
      const ep = md.verification_endpoint
      const state = randomUUID()
      registry.expectVerification(receiverId, state)
      const waiter = inbox.waitForSet(
        (rec) =>
          rec.receiver_id === receiverId &&
          isRecord(rec.payload) &&
          isRecord(rec.payload.events) &&
          Object.keys(rec.payload.events).some((k) => k.endsWith('/verification')),
        options.verificationWaitMs
      )
      const asked = await call(() => verificationRequest(t, ep, { stream_id: sid, state }))
      if (
        statusCheck(
          'verification.request',
          'Request verification → 204',
          'SSF 1.0 §8.1.4.2',
          asked,
          204,
          [200]
        )
      ) {
        const set = await waiter.promise
        const mediaType = set?.findings.find((f) => f.path === PUSH_CONTENT_TYPE_PATH)
        push(
          'push.content_type',
          `The pushed SET is sent as ${SET_MEDIA_TYPE}`,
          'RFC 8935 §2',
          set === undefined ? 'skip' : mediaType ? 'fail' : 'pass',
          set === undefined
            ? 'no SET was pushed to look at'
            : (mediaType?.message ?? `Content-Type: ${SET_MEDIA_TYPE}`),
          set?.exchange_id
        )
        arrived(
          'verification.round_trip',
          'Verification SET arrives at our push endpoint, verified, with our state',
          'SSF 1.0 §8.1.4',
          set,
          'fail',
          `no verification SET arrived within ${Math.round(options.verificationWaitMs / 1000)} s`
        )
      } else {
        waiter.cancel()
        push(
          'verification.round_trip',
          'Verification SET arrives at our push endpoint',
          'SSF 1.0 §8.1.4',
          'skip',
          'the verification request failed'
        )
      }
      registry.expectVerification(receiverId, undefined)
      const interval =
        isRecord(created.body) && typeof created.body.min_verification_interval === 'number'
          ? created.body.min_verification_interval
          : 0
      if (interval > 0) {
        const again = await call(() =>
          verificationRequest(t, ep, { stream_id: sid, state: randomUUID() })
        )
        const v = judgeRateLimit(interval, again.status, again.headers?.get('retry-after') ?? null)
        push(
          'verification.rate_limit',
          'A second request within min_verification_interval → 429 with Retry-After',
          'SSF 1.0 §8.1.4.2 / RFC 6585 §4',
          v.status,
          v.detail,
          again.exchangeId
        )
      } else
        push(
          'verification.rate_limit',
          'A second request within min_verification_interval → 429 with Retry-After',
          'SSF 1.0 §8.1.4.2',
          'skip',
          'the stream has no min_verification_interval'
        )
    } else
      push(
        'verification.round_trip',
        'Verification SET arrives at our push endpoint',
        'SSF 1.0 §8.1.4',
        'skip',
        'no verification_endpoint'
      )

    // ---- event SETs the user triggers ---------------------------------------------------------
    if ((options.eventWaitMs ?? 0) > 0)
      checks.push(...(await eventChecks(options.eventWaitMs ?? 0)))

    // ---- poll stream ----------------------------------------------------------------------------
    const pollStream = await call(() =>
      createStreamRequest(t, config, {
        delivery: { method: DELIVERY_METHOD_POLL },
        description: 'ssf-sim conformance check (poll)'
      })
    )
    if (pollStream.status === 201 || pollStream.status === 200) {
      checks.push(
        ...checkStreamFields(
          pollStream.body,
          { issuer: md.issuer, method: DELIVERY_METHOD_POLL },
          'stream.create_poll'
        ).filter((c) => c.id.endsWith('delivery.endpoint_url'))
      )
      const pid = isRecord(pollStream.body) ? pollStream.body.stream_id : undefined
      const delivery = isRecord(pollStream.body) ? pollStream.body.delivery : undefined
      const pollUrl = isRecord(delivery) ? delivery.endpoint_url : undefined
      if (typeof pid === 'string') {
        if (typeof pollUrl === 'string' && md.verification_endpoint !== undefined)
          await pollRoundTrip(pid, pollUrl, md.verification_endpoint)
        else
          push(
            'poll.receive',
            'A SET can be polled, acknowledged and reported in setErrs',
            'RFC 8936 §2',
            'skip',
            'the poll stream has no endpoint_url, or the metadata no verification_endpoint'
          )
        await call(() => deleteStreamRequest(t, config, pid))
      }
    } else
      push(
        'stream.create_poll',
        'Create a poll stream',
        'SSF 1.0 §6.1.2',
        md.delivery_methods_supported?.includes(DELIVERY_METHOD_POLL) ? 'fail' : 'skip',
        pollStream.error ?? `HTTP ${pollStream.status ?? '?'}`
      )
  } finally {
    const deleted = await call(() => deleteStreamRequest(t, config, sid))
    statusCheck('stream.delete', 'Delete stream → 204', 'SSF 1.0 §8.1.1.5', deleted, 204, [200])
    const gone = await call(() => readStreamRequest(t, config, sid))
    statusCheck('stream.read_deleted', 'Read a deleted stream → 404', 'SSF 1.0 §8.1.1.2', gone, 404)
    inbox.scratchStream(receiverId, sid, undefined)
  }
  return checks
}
