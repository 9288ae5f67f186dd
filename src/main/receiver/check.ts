/**
 * "Check my Transmitter": a conformance report against the external Transmitter's metadata,
 * JWKS and management API, on a scratch stream, ending with a verification round trip to our
 * push endpoint.
 * @see SSF 1.0 §7, §8.1, interop notes §2 "Checks applied to Transmitters"
 * @module
 */
import { randomUUID } from 'node:crypto'
import {
  CAEP_EVENT_TYPES,
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
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
  readStreamRequest,
  setStatusRequest,
  subjectRequest,
  updateStreamRequest,
  verificationRequest,
  type ClientTarget,
  type Exchanged
} from './management-client'
import type { ReceiverService } from './service'

/** Options of a check run. */
export interface CheckOptions {
  /** How long to wait for the verification SET (ms). */
  verificationWaitMs: number
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text())
  } catch {
    return undefined
  }
}

/** Run the report. Never throws for Transmitter faults: each becomes a check. */
export async function runConformanceCheck(
  service: ReceiverService,
  receiverId: string,
  options: CheckOptions
): Promise<ConformanceCheck[]> {
  const { require, recorder, sourceOf } = service.internals
  const r = require(receiverId)
  const checks: ConformanceCheck[] = []
  const push = (
    id: string,
    title: string,
    rule: string,
    status: ConformanceCheck['status'],
    detail: string
  ) => checks.push({ id, title, rule, status, detail })

  // ---- metadata -------------------------------------------------------------------------------
  let raw: unknown
  try {
    raw = await service.internals.discoverRaw(receiverId, r.metadata_url)
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
  checks.push(...checkMetadata(raw, md, r.issuer, sourceOf(r), true))

  // ---- JWKS -----------------------------------------------------------------------------------
  try {
    const jwks = await service.internals.fetchJwks(r)
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
  const t: ClientTarget = { fetch: recorder(receiverId), token: r.settings.transmitter_token }
  const call = async (
    send: () => Promise<Exchanged>
  ): Promise<{ status?: number; body?: unknown; error?: string }> => {
    try {
      const { response } = await send()
      return { status: response.status, body: await jsonOf(response) }
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) }
    }
  }
  const statusCheck = (
    id: string,
    title: string,
    rule: string,
    got: { status?: number; error?: string },
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
      got.error ?? `HTTP ${got.status ?? '?'}${ok ? '' : ` (expected ${expected})`}`
    )
    return ok || soft
  }

  const requested: string[] = [
    CAEP_EVENT_TYPES['session-revoked'],
    CAEP_EVENT_TYPES['credential-change']
  ]
  const endpoint = service.pushEndpoint(receiverId)
  const created = await call(() =>
    createStreamRequest(t, config, {
      delivery: {
        method: DELIVERY_METHOD_PUSH,
        endpoint_url: endpoint,
        ...(r.settings.require_authorization && r.push_token
          ? { authorization_header: `Bearer ${r.push_token}` }
          : {})
      },
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
  const scratch = service.internals.scratchStreams
  const mine = scratch.get(receiverId) ?? new Map<string, string[]>()
  const aud = isRecord(created.body) ? created.body.aud : undefined
  const auds =
    typeof aud === 'string'
      ? [aud]
      : Array.isArray(aud)
        ? aud.filter((a): a is string => typeof a === 'string')
        : []
  const userSetNone = r.audience === service.pushEndpoint(receiverId)
  // aud is Transmitter-supplied (SSF 1.0 §8.1.1): with no audience typed, learn it.
  mine.set(sid, userSetNone ? auds : [])
  push(
    'stream.create.aud',
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
  scratch.set(receiverId, mine)
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
    if (md.status_endpoint !== undefined) {
      const statusEp = md.status_endpoint
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
      service.store.saveVerificationState(receiverId, state)
      const waiter = service.waitForSet(
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
            : (mediaType?.message ?? `Content-Type: ${SET_MEDIA_TYPE}`)
        )
        push(
          'verification.round_trip',
          'Verification SET arrives at our push endpoint, verified, with our state',
          'SSF 1.0 §8.1.4',
          set === undefined ? 'fail' : set.verdict === 'accepted' ? 'pass' : 'fail',
          set === undefined
            ? `no verification SET arrived within ${Math.round(options.verificationWaitMs / 1000)} s`
            : set.verdict === 'accepted'
              ? `accepted (inbox entry ${set.id})`
              : `rejected: ${set.err ?? ''} ${set.description ?? ''} (inbox entry ${set.id})`
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
      service.store.saveVerificationState(receiverId, undefined)
    } else
      push(
        'verification.round_trip',
        'Verification SET arrives at our push endpoint',
        'SSF 1.0 §8.1.4',
        'skip',
        'no verification_endpoint'
      )

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
      if (typeof pid === 'string') await call(() => deleteStreamRequest(t, config, pid))
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
    mine.delete(sid)
  }
  return checks
}
