/**
 * The embedded Receiver: registered external Transmitters, the push endpoint's logic, the
 * management client's operations, polling and the inbox. HTTP handlers are thin adapters.
 * @module
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { z } from 'zod'
import {
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  InvalidRequestError,
  NotFoundError,
  SsfError,
  parseWith,
  requireJsonObject,
  isSubject,
  validateSubject,
  type ErrorBody,
  type SubjectIdentifier
} from '../../shared/ssf'
import {
  checkPushContentType,
  metadataCandidates,
  metadataFindings,
  parseRemoteMetadata,
  sniffSpecVersion,
  type Finding,
  type RemoteMetadata,
  type SetExpectations,
  type SetRejection,
  type SpecGeneration,
  type WellKnownKind
} from '../../shared/ssf/receiver'
import type { CoreContext } from '../core/core-context'
import { capBody, createRecordingFetch, maskedHeaders, NetworkError } from './exchanges'
import {
  RemoteResponseError,
  createStreamRequest,
  deleteStreamRequest,
  documentRequest,
  getStatusRequest,
  processCreateStreamResponse,
  processDeleteStreamResponse,
  processDocumentResponse,
  processListStreamsResponse,
  processReadStreamResponse,
  processStatusResponse,
  processSubjectResponse,
  processUpdateStreamResponse,
  processVerificationResponse,
  readStreamRequest,
  setStatusRequest,
  subjectRequest,
  updateStreamRequest,
  verificationRequest,
  type ClientTarget,
  type Exchanged,
  type RemoteStreamConfig,
  type StreamRequestBody
} from './management-client'
import { createPollScheduler, pollOnce, type PollResult } from './poller'
import {
  createReceiverStore,
  jwksSchema,
  receiverSettingsSchema,
  type ExchangeRecord,
  type Jwks,
  type ReceivedSetRecord,
  type ReceiverRecord,
  type ReceiverSettings,
  type RemoteStream
} from './store'
import { verifySet } from './verifier'

/** A receiver as the control API shows it (secrets masked, push endpoint derived). */
export interface ReceiverView {
  receiver_id: string
  issuer: string
  audience: string
  push_endpoint: string
  /** The `Authorization` value the Transmitter must send, when required. */
  authorization_header?: string
  metadata_url: string
  metadata: Record<string, unknown>
  spec_generation: SpecGeneration
  settings: Omit<ReceiverSettings, 'transmitter_token'> & { has_transmitter_token: boolean }
  stream?: RemoteStream
  verification_pending: boolean
  findings: Finding[]
  created_at: number
  updated_at: number
}

/** Result of a management operation against the external Transmitter (errors are data). */
export interface OperationResult {
  ok: boolean
  operation: string
  status?: number
  exchange_id?: number
  result?: unknown
  error?: { status?: number; err?: string; description: string }
}

/** The answer of the push endpoint. */
export interface PushAnswer {
  status: number
  headers: Record<string, string>
  body?: ErrorBody
}

/** An incoming push request, as the endpoint saw it. */
export interface PushInput {
  url: string
  headers: Record<string, string | string[] | undefined>
  body: Buffer | undefined
}

const createSchema = z.strictObject({
  issuer: z.string().min(1),
  audience: z.string().min(1).max(2048).optional(),
  require_authorization: z.boolean().optional(),
  auth_failure_status: z.union([z.literal(401), z.literal(400)]).optional(),
  poll_interval_seconds: z.number().int().min(0).max(86_400).optional(),
  poll_max_events: z.number().int().min(1).max(1000).optional(),
  strict: z.boolean().optional(),
  reject_foreign_verification_subject: z.boolean().optional(),
  allow_http: z.boolean().optional(),
  transmitter_token: z.string().min(1).max(4096).optional()
})

const updateSchema = createSchema.omit({ issuer: true, transmitter_token: true }).extend({
  transmitter_token: z.string().min(1).max(4096).nullable().optional(),
  rotate_push_token: z.boolean().optional()
})

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

function newReceiverId(): string {
  return `rcv_${randomUUID().replace(/-/g, '')}`
}

function newPushToken(): string {
  return randomBytes(24).toString('base64url')
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** 502: the external Transmitter could not be used. */
export class UpstreamError extends SsfError {
  constructor(code: string, description: string) {
    super(502, code, description)
    this.name = 'UpstreamError'
  }
}

function operationError(err: unknown): OperationResult['error'] {
  if (err instanceof RemoteResponseError)
    return {
      status: err.status,
      description: err.message,
      ...(err.err === undefined ? {} : { err: err.err })
    }
  return { description: err instanceof Error ? err.message : String(err) }
}

/** Build the receiver service. */
export function createReceiverService(ctx: CoreContext) {
  const store = createReceiverStore(ctx.db)
  const now = () => ctx.clock.now()
  const received = new EventEmitter()
  received.setMaxListeners(100)
  const abort = new AbortController()
  /**
   * Scratch streams of a running check, per receiver: stream id → the `aud` values learned from
   * its configuration (verification `sub_id` may name them; SETs may carry that `aud`).
   */
  const scratchStreams = new Map<string, Map<string, string[]>>()
  const scheduler = createPollScheduler(ctx.logger, (id) => poll(id))

  const pushEndpoint = (id: string) => `${ctx.origin}/receiver/${encodeURIComponent(id)}/push`

  function recorder(id: string) {
    return createRecordingFetch(ctx.fetch, store, id, now, abort.signal)
  }

  function require(id: string): ReceiverRecord {
    const record = store.get(id)
    if (!record) throw new NotFoundError(`receiver ${id} not found`)
    return record
  }

  function metadataOf(r: ReceiverRecord): RemoteMetadata {
    const parsed = parseRemoteMetadata(r.metadata)
    if (!parsed.ok) throw new InvalidRequestError(`stored metadata is unusable: ${parsed.error}`)
    return parsed.metadata
  }

  function sourceOf(r: ReceiverRecord): WellKnownKind {
    for (const c of metadataCandidates(r.issuer)) if (c.url === r.metadata_url) return c.kind
    return 'ssf-configuration'
  }

  function view(r: ReceiverRecord): ReceiverView {
    const { transmitter_token, ...settings } = r.settings
    const md = parseRemoteMetadata(r.metadata)
    const source = sourceOf(r)
    const v: ReceiverView = {
      receiver_id: r.receiver_id,
      issuer: r.issuer,
      audience: r.audience,
      push_endpoint: pushEndpoint(r.receiver_id),
      metadata_url: r.metadata_url,
      metadata: r.metadata,
      spec_generation: md.ok ? sniffSpecVersion(md.metadata, source) : 'unknown',
      settings: { ...settings, has_transmitter_token: transmitter_token !== undefined },
      verification_pending: r.verification_state !== undefined,
      findings: md.ok ? metadataFindings(md.metadata, r.issuer, source) : [],
      created_at: r.created_at,
      updated_at: r.updated_at
    }
    if (r.settings.require_authorization && r.push_token)
      v.authorization_header = `Bearer ${r.push_token}`
    if (r.remote_stream) v.stream = r.remote_stream
    return v
  }

  function checkUrl(raw: string, what: string, allowHttp: boolean): URL {
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      throw new InvalidRequestError(`${what} must be an absolute URL, got "${raw}"`)
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new InvalidRequestError(`${what} must be an https URL`)
    if (url.protocol === 'http:' && !allowHttp && !LOOPBACK.has(url.hostname))
      throw new InvalidRequestError(
        `${what} is http but not loopback; use https, or set "allow_http": true for development`
      )
    return url
  }

  async function fetchJson(id: string, operation: string, url: string): Promise<unknown> {
    const { response } = await documentRequest({ fetch: recorder(id) }, operation, url)
    return processDocumentResponse(response, operation)
  }

  async function discover(
    id: string,
    issuer: string
  ): Promise<{
    raw: Record<string, unknown>
    metadata: RemoteMetadata
    url: string
    kind: WellKnownKind
  }> {
    const tried: string[] = []
    for (const candidate of metadataCandidates(issuer)) {
      let exchanged: Exchanged
      try {
        exchanged = await documentRequest({ fetch: recorder(id) }, 'metadata', candidate.url)
      } catch (err) {
        throw new UpstreamError(
          'transmitter_unreachable',
          err instanceof Error ? err.message : String(err)
        )
      }
      if (exchanged.response.status === 404) {
        tried.push(candidate.url)
        continue
      }
      let body: unknown
      try {
        body = await processDocumentResponse(exchanged.response, `metadata at ${candidate.url}`)
      } catch (err) {
        throw new UpstreamError(
          'invalid_metadata',
          err instanceof Error ? err.message : String(err)
        )
      }
      const parsed = parseRemoteMetadata(body)
      if (!parsed.ok)
        throw new UpstreamError('invalid_metadata', `metadata at ${candidate.url}: ${parsed.error}`)
      if (parsed.metadata.issuer !== issuer)
        throw new UpstreamError(
          'invalid_metadata',
          `metadata at ${candidate.url} has "issuer" "${parsed.metadata.issuer}", not "${issuer}"; SSF 1.0 §7.2 requires them to be identical (compared byte for byte)`
        )
      return {
        raw: requireJsonObject(body, 'metadata'),
        metadata: parsed.metadata,
        url: candidate.url,
        kind: candidate.kind
      }
    }
    throw new UpstreamError(
      'metadata_not_found',
      `no Transmitter metadata found for "${issuer}" (404 at ${tried.join(', ')})`
    )
  }

  async function fetchJwks(r: ReceiverRecord): Promise<Jwks> {
    const md = metadataOf(r)
    const body = await fetchJson(r.receiver_id, 'jwks', md.jwks_uri)
    const parsed = jwksSchema.safeParse(body)
    if (!parsed.success) throw new Error(`the JWKS at ${md.jwks_uri} is not {"keys": [...]}`)
    store.saveJwks(r.receiver_id, parsed.data, now())
    return parsed.data
  }

  function target(r: ReceiverRecord): ClientTarget {
    const token = r.settings.transmitter_token
    if (token === undefined)
      throw new InvalidRequestError(
        'set "transmitter_token" on this receiver (PATCH /api/receivers/{id}) before calling the Transmitter'
      )
    return { fetch: recorder(r.receiver_id), token }
  }

  function endpoint(
    r: ReceiverRecord,
    member: keyof RemoteMetadata & `${string}_endpoint`
  ): string {
    const value = metadataOf(r)[member]
    if (typeof value !== 'string')
      throw new InvalidRequestError(`the Transmitter's metadata has no "${member}"`)
    return value
  }

  function streamIdOf(r: ReceiverRecord, given: unknown): string {
    if (typeof given === 'string' && given.length > 0) return given
    if (r.remote_stream) return r.remote_stream.stream_id
    throw new InvalidRequestError('no stream: create one first or pass "stream_id"')
  }

  /** Whether the user set no audience (the receiver still has the push endpoint's default). */
  function audienceIsDefault(r: ReceiverRecord): boolean {
    return r.audience === pushEndpoint(r.receiver_id)
  }

  /**
   * `aud` is Transmitter-supplied (SSF 1.0 §8.1.1): when the user typed none, the Receiver
   * expects what the stream configuration says.
   */
  function audiencesOf(r: ReceiverRecord, config: RemoteStreamConfig): string[] {
    if (!audienceIsDefault(r) || config.aud === undefined) return []
    return typeof config.aud === 'string' ? [config.aud] : config.aud
  }

  function rememberStream(id: string, config: RemoteStreamConfig): RemoteStream {
    const stream: RemoteStream = {
      stream_id: config.stream_id,
      method: config.delivery.method,
      config
    }
    if (config.delivery.method === DELIVERY_METHOD_POLL && config.delivery.endpoint_url)
      stream.poll_endpoint = config.delivery.endpoint_url
    if (config.events_delivered) stream.events_delivered = config.events_delivered
    store.saveRemoteStream(id, stream, now())
    const r = store.get(id)
    const learned = r ? audiencesOf(r, config)[0] : undefined
    if (learned !== undefined) store.saveAudience(id, learned, now())
    return stream
  }

  /** Run one management operation; remote failures come back as data. */
  async function operate<T>(
    operation: string,
    send: () => Promise<Exchanged>,
    process: (response: Response) => Promise<T>,
    after?: (result: T) => unknown
  ): Promise<OperationResult> {
    let exchanged: Exchanged
    try {
      exchanged = await send()
    } catch (err) {
      if (err instanceof SsfError) throw err
      const out: OperationResult = { ok: false, operation, error: operationError(err) }
      if (err instanceof NetworkError) out.exchange_id = err.exchangeId
      return out
    }
    const base = { operation, status: exchanged.response.status, exchange_id: exchanged.exchangeId }
    try {
      const result = await process(exchanged.response)
      const shown = after ? after(result) : result
      return shown === undefined ? { ok: true, ...base } : { ok: true, ...base, result: shown }
    } catch (err) {
      return { ok: false, ...base, error: operationError(err) }
    }
  }

  function expectations(r: ReceiverRecord, jti: string | undefined): SetExpectations {
    const scratch = scratchStreams.get(r.receiver_id) ?? new Map<string, string[]>()
    const ids = [...(r.remote_stream ? [r.remote_stream.stream_id] : []), ...scratch.keys()]
    const extra = [...scratch.values()].flat()
    const e: SetExpectations = {
      issuer: r.issuer,
      audience: r.audience,
      strict: r.settings.strict,
      rejectForeignVerificationSubject: r.settings.reject_foreign_verification_subject,
      duplicateJti: jti !== undefined && store.hasJti(r.receiver_id, jti)
    }
    if (ids.length > 0) e.streamIds = ids
    if (extra.length > 0) e.extraAudiences = extra
    if (r.remote_stream?.events_delivered) e.eventsDelivered = r.remote_stream.events_delivered
    if (r.verification_state !== undefined) e.expectedState = r.verification_state
    return e
  }

  /** Verify and store one SET; returns the inbox entry. */
  async function receive(
    r: ReceiverRecord,
    raw: string,
    via: 'push' | 'poll',
    exchangeId: number | undefined,
    extra: Finding[],
    /** Refuse the SET with this even when it verifies (a rule outside the SET, e.g. media type). */
    refusal?: SetRejection
  ): Promise<ReceivedSetRecord> {
    const outcome = await verifySet(raw, {
      jwks: async (refresh) => {
        if (!refresh && r.jwks) return r.jwks
        const fresh = await fetchJwks(r)
        r.jwks = fresh
        return fresh
      },
      expectations: (jti) => expectations(r, jti),
      lintOptions: {
        now: Math.floor(now() / 1000),
        customTypes: ctx.repos.customEvents.list(),
        ...(r.remote_stream?.events_delivered
          ? { eventsDelivered: r.remote_stream.events_delivered }
          : {})
      }
    })
    const rejection = outcome.rejection ?? refusal
    const entry: Omit<ReceivedSetRecord, 'id'> = {
      receiver_id: r.receiver_id,
      via,
      received_at: now(),
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
    if (exchangeId !== undefined) entry.exchange_id = exchangeId
    // A matching verification answers the outstanding request.
    if (
      !rejection &&
      outcome.summary?.is_verification &&
      r.verification_state !== undefined &&
      (r.verification_state === null || outcome.summary.verification_state === r.verification_state)
    ) {
      store.saveVerificationState(r.receiver_id, undefined)
      delete r.verification_state
    }
    const id = store.addReceived(entry)
    const record: ReceivedSetRecord = { id, ...entry }
    received.emit('set', record)
    ctx.bus.publish({
      type: 'receiver.set',
      receiver_id: record.receiver_id,
      id: record.id,
      verdict: record.verdict
    })
    return record
  }

  function storeRejected(
    r: ReceiverRecord,
    raw: string,
    via: 'push' | 'poll',
    exchangeId: number | undefined,
    code: string,
    description: string,
    findings: Finding[]
  ): ReceivedSetRecord {
    const entry: Omit<ReceivedSetRecord, 'id'> = {
      receiver_id: r.receiver_id,
      via,
      received_at: now(),
      raw: capBody(raw),
      verdict: 'rejected',
      err: code,
      description,
      findings
    }
    if (exchangeId !== undefined) entry.exchange_id = exchangeId
    const record: ReceivedSetRecord = { id: store.addReceived(entry), ...entry }
    received.emit('set', record)
    ctx.bus.publish({
      type: 'receiver.set',
      receiver_id: record.receiver_id,
      id: record.id,
      verdict: record.verdict
    })
    return record
  }

  async function poll(id: string): Promise<PollResult> {
    const r = require(id)
    const pollUrl = r.remote_stream?.poll_endpoint
    if (pollUrl === undefined)
      throw new InvalidRequestError(
        'this receiver has no poll stream (create one with delivery "poll")'
      )
    return pollOnce(
      target(r),
      pollUrl,
      r.settings.poll_max_events,
      async (jti, value, exchangeId) => {
        const fresh = require(id)
        if (typeof value !== 'string') {
          const description = `the poll response's value for "${jti}" is not a SET string`
          storeRejected(
            fresh,
            JSON.stringify(value) ?? '',
            'poll',
            exchangeId,
            'invalid_request',
            description,
            []
          )
          return { err: 'invalid_request', description }
        }
        const entry = await receive(fresh, value, 'poll', exchangeId, [])
        if (entry.verdict === 'accepted' && entry.jti !== undefined && entry.jti !== jti)
          entry.findings.push({
            severity: 'warning',
            rule: 'RFC 8936 §2.5',
            path: 'sets',
            message: `the poll response keyed this SET "${jti}" but its jti is "${entry.jti}"`
          })
        return entry.verdict === 'accepted'
          ? undefined
          : { err: entry.err ?? 'invalid_request', description: entry.description ?? 'rejected' }
      }
    )
  }

  function reschedule(r: ReceiverRecord): void {
    if (r.remote_stream?.poll_endpoint !== undefined && r.settings.poll_interval_seconds > 0)
      scheduler.schedule(r.receiver_id, r.settings.poll_interval_seconds)
    else scheduler.cancel(r.receiver_id)
  }

  for (const r of store.list()) reschedule(r)

  return {
    store,
    pushEndpoint,

    /** Register an external Transmitter. @see DESIGN.md `POST /api/receivers` */
    async register(body: unknown): Promise<ReceiverView> {
      const input = parseWith(createSchema, requireJsonObject(body, 'receiver'), 'receiver')
      const url = checkUrl(input.issuer, '"issuer"', input.allow_http ?? false)
      if (url.search || url.hash)
        throw new InvalidRequestError('"issuer" must not have a query or fragment (SSF 1.0 §7.1)')
      const id = newReceiverId()
      try {
        const found = await discover(id, input.issuer)
        checkUrl(found.metadata.jwks_uri, 'metadata "jwks_uri"', input.allow_http ?? false)
        const settings = receiverSettingsSchema.parse({
          require_authorization: input.require_authorization,
          auth_failure_status: input.auth_failure_status,
          poll_interval_seconds: input.poll_interval_seconds,
          poll_max_events: input.poll_max_events,
          strict: input.strict,
          reject_foreign_verification_subject: input.reject_foreign_verification_subject,
          allow_http: input.allow_http,
          transmitter_token: input.transmitter_token
        })
        const at = now()
        const record: ReceiverRecord = {
          receiver_id: id,
          issuer: input.issuer,
          audience: input.audience ?? pushEndpoint(id),
          metadata_url: found.url,
          metadata: found.raw,
          settings,
          created_at: at,
          updated_at: at
        }
        if (settings.require_authorization) record.push_token = newPushToken()
        let jwksBody: unknown
        try {
          jwksBody = await fetchJson(id, 'jwks', found.metadata.jwks_uri)
        } catch (err) {
          throw new UpstreamError(
            'invalid_jwks',
            `the JWKS at ${found.metadata.jwks_uri} could not be fetched: ${err instanceof Error ? err.message : String(err)}`
          )
        }
        const jwks = jwksSchema.safeParse(jwksBody)
        if (!jwks.success)
          throw new UpstreamError(
            'invalid_jwks',
            `the JWKS at ${found.metadata.jwks_uri} is not {"keys": [...]}`
          )
        record.jwks = jwks.data
        record.jwks_fetched_at = at
        store.insert(record)
        return view(record)
      } catch (err) {
        store.delete(id)
        throw err
      }
    },

    list(): ReceiverView[] {
      return store.list().map(view)
    },

    get(id: string): ReceiverView {
      return view(require(id))
    },

    update(id: string, body: unknown): ReceiverView {
      const r = require(id)
      const input = parseWith(updateSchema, requireJsonObject(body, 'receiver'), 'receiver')
      const { audience, transmitter_token, rotate_push_token, ...rest } = input
      const settings: ReceiverSettings = { ...r.settings }
      for (const [key, value] of Object.entries(rest))
        if (value !== undefined) Object.assign(settings, { [key]: value })
      if (transmitter_token === null) delete settings.transmitter_token
      else if (transmitter_token !== undefined) settings.transmitter_token = transmitter_token
      let pushToken = r.push_token
      if (settings.require_authorization && (pushToken === undefined || rotate_push_token))
        pushToken = newPushToken()
      if (!settings.require_authorization) pushToken = undefined
      const at = now()
      store.saveSettings(id, settings, pushToken, at)
      if (audience !== undefined) store.saveAudience(id, audience, at)
      const updated = require(id)
      reschedule(updated)
      return view(updated)
    },

    remove(id: string): void {
      require(id)
      scheduler.cancel(id)
      store.delete(id)
    },

    /** The push endpoint's logic: never throws for bad input; always stores what arrived. */
    async handlePush(id: string, input: PushInput): Promise<PushAnswer> {
      const r = require(id)
      const t0 = performance.now()
      const raw = input.body ? new TextDecoder().decode(input.body) : ''
      const exchangeId = store.addExchange({
        receiver_id: id,
        direction: 'inbound',
        operation: 'push',
        method: 'POST',
        url: input.url,
        request_headers: maskedHeaders(input.headers),
        ...(raw === '' ? {} : { request_body: capBody(raw) }),
        started_at: now(),
        duration_ms: 0
      })
      const answer = (a: PushAnswer): PushAnswer => {
        store.completeExchange(
          exchangeId,
          a.status,
          a.headers,
          a.body === undefined ? undefined : JSON.stringify(a.body),
          Math.round(performance.now() - t0)
        )
        return a
      }
      const errorAnswer = (status: number, body: ErrorBody, extra: Record<string, string> = {}) =>
        answer({
          status,
          headers: { 'Content-Type': 'application/json', 'Content-Language': 'en', ...extra },
          body
        })
      const contentType = input.headers['content-type']
      const findings = checkPushContentType(
        typeof contentType === 'string' ? contentType : undefined
      )
      if (r.settings.require_authorization && r.push_token !== undefined) {
        const given = input.headers.authorization
        const expected = `Bearer ${r.push_token}`
        if (typeof given !== 'string' || !safeEqual(given, expected)) {
          const description =
            typeof given !== 'string'
              ? "this push endpoint requires an Authorization header (see the stream's authorization_header)"
              : 'the Authorization header is not the one this push endpoint expects'
          storeRejected(r, raw, 'push', exchangeId, 'authentication_failed', description, findings)
          const status = r.settings.auth_failure_status
          return errorAnswer(
            status,
            { err: 'authentication_failed', description },
            status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}
          )
        }
      }
      // RFC 8935 §2: the Transmitter MUST send application/secevent+jwt; strict mode refuses
      // anything else (lenient mode keeps the finding with the accepted SET).
      const strictMediaType = r.settings.strict && findings.length > 0
      const entry = await receive(
        r,
        raw,
        'push',
        exchangeId,
        strictMediaType ? findings.map((f) => ({ ...f, severity: 'error' as const })) : findings,
        strictMediaType
          ? { code: 'invalid_request', description: findings.map((f) => f.message).join('; ') }
          : undefined
      )
      if (entry.verdict === 'accepted') return answer({ status: 202, headers: {} })
      return errorAnswer(400, {
        err: entry.err ?? 'invalid_request',
        description: entry.description ?? 'the SET was rejected'
      })
    },

    /**
     * A push refused before our handler ran (body too large, aborted): still logged and stored,
     * so nothing is silently dropped.
     */
    recordRefusedPush(
      id: string,
      input: Omit<PushInput, 'body'>,
      status: number,
      body: ErrorBody
    ): void {
      const r = store.get(id)
      if (!r) return
      const exchangeId = store.addExchange({
        receiver_id: id,
        direction: 'inbound',
        operation: 'push',
        method: 'POST',
        url: input.url,
        request_headers: maskedHeaders(input.headers),
        status,
        response_headers: { 'content-type': 'application/json' },
        response_body: JSON.stringify(body),
        started_at: now(),
        duration_ms: 0
      })
      storeRejected(
        r,
        '',
        'push',
        exchangeId,
        'invalid_request',
        `${body.description} (the body was not read)`,
        []
      )
    },

    // ---- management operations ---------------------------------------------------------------

    /** Create a stream on the Transmitter delivering to our push endpoint, or by poll. */
    async createStream(id: string, body: unknown): Promise<OperationResult> {
      const r = require(id)
      const input = parseWith(
        z.strictObject({
          delivery: z.enum(['push', 'poll']).default('push'),
          events_requested: z.array(z.string().min(1)).optional(),
          description: z.string().max(1024).optional()
        }),
        body ?? {},
        'stream request'
      )
      const request: StreamRequestBody = {
        delivery:
          input.delivery === 'poll'
            ? { method: DELIVERY_METHOD_POLL }
            : {
                method: DELIVERY_METHOD_PUSH,
                endpoint_url: pushEndpoint(id),
                ...(r.settings.require_authorization && r.push_token
                  ? { authorization_header: `Bearer ${r.push_token}` }
                  : {})
              }
      }
      if (input.events_requested) request.events_requested = input.events_requested
      if (input.description !== undefined) request.description = input.description
      const t = target(r)
      const result = await operate(
        'create_stream',
        () => createStreamRequest(t, endpoint(r, 'configuration_endpoint'), request),
        processCreateStreamResponse,
        (config) => {
          rememberStream(id, config)
          return config
        }
      )
      reschedule(require(id))
      return result
    },

    async readStream(id: string, streamId: unknown, all: boolean): Promise<OperationResult> {
      const r = require(id)
      const t = target(r)
      const ep = endpoint(r, 'configuration_endpoint')
      if (all)
        return operate('list_streams', () => readStreamRequest(t, ep), processListStreamsResponse)
      const sid = streamIdOf(r, streamId)
      return operate(
        'read_stream',
        () => readStreamRequest(t, ep, sid),
        processReadStreamResponse,
        (config) => {
          if (r.remote_stream?.stream_id === config.stream_id) rememberStream(id, config)
          return config
        }
      )
    },

    async updateStream(
      id: string,
      body: unknown,
      mode: 'update' | 'replace'
    ): Promise<OperationResult> {
      const r = require(id)
      const input = requireJsonObject(body ?? {}, 'stream update')
      const request: StreamRequestBody = { ...input, stream_id: streamIdOf(r, input.stream_id) }
      const t = target(r)
      return operate(
        mode === 'update' ? 'update_stream' : 'replace_stream',
        () => updateStreamRequest(t, endpoint(r, 'configuration_endpoint'), request, mode),
        processUpdateStreamResponse,
        (config) => {
          if (r.remote_stream?.stream_id === config.stream_id) rememberStream(id, config)
          reschedule(require(id))
          return config
        }
      )
    },

    async deleteStream(id: string, streamId: unknown): Promise<OperationResult> {
      const r = require(id)
      const sid = streamIdOf(r, streamId)
      const t = target(r)
      return operate(
        'delete_stream',
        () => deleteStreamRequest(t, endpoint(r, 'configuration_endpoint'), sid),
        processDeleteStreamResponse,
        () => {
          if (r.remote_stream?.stream_id === sid) {
            store.saveRemoteStream(id, undefined, now())
            scheduler.cancel(id)
          }
          return undefined
        }
      )
    },

    async getStatus(id: string, streamId: unknown): Promise<OperationResult> {
      const r = require(id)
      const sid = streamIdOf(r, streamId)
      const t = target(r)
      return operate(
        'get_status',
        () => getStatusRequest(t, endpoint(r, 'status_endpoint'), sid),
        processStatusResponse
      )
    },

    async setStatus(id: string, body: unknown): Promise<OperationResult> {
      const r = require(id)
      const input = parseWith(
        z.strictObject({
          stream_id: z.string().min(1).optional(),
          status: z.string().min(1),
          reason: z.string().max(1024).optional()
        }),
        requireJsonObject(body, 'status'),
        'status'
      )
      const request = {
        stream_id: streamIdOf(r, input.stream_id),
        status: input.status,
        ...(input.reason === undefined ? {} : { reason: input.reason })
      }
      const t = target(r)
      return operate(
        'set_status',
        () => setStatusRequest(t, endpoint(r, 'status_endpoint'), request),
        processStatusResponse
      )
    },

    async subject(id: string, action: 'add' | 'remove', body: unknown): Promise<OperationResult> {
      const r = require(id)
      const input = parseWith(
        z.strictObject({
          stream_id: z.string().min(1).optional(),
          subject: z.unknown(),
          verified: z.boolean().optional()
        }),
        requireJsonObject(body, 'subject request'),
        'subject request'
      )
      const subject = input.subject
      if (!isSubject(subject)) {
        const issues = validateSubject(subject)
        throw new InvalidRequestError(
          `invalid "subject": ${issues.map((i) => i.message).join('; ') || 'not an RFC 9493 subject identifier'}`
        )
      }
      const request: { stream_id: string; subject: SubjectIdentifier; verified?: boolean } = {
        stream_id: streamIdOf(r, input.stream_id),
        subject
      }
      if (input.verified !== undefined && action === 'add') request.verified = input.verified
      const t = target(r)
      const ep = endpoint(r, action === 'add' ? 'add_subject_endpoint' : 'remove_subject_endpoint')
      return operate(
        `${action}_subject`,
        () => subjectRequest(t, ep, action, request),
        processSubjectResponse
      )
    },

    /**
     * Request verification. `state` absent → a random one; `null` → none. The state is remembered
     * before the request goes out (the SET may arrive before the 204).
     */
    async verify(id: string, body: unknown): Promise<OperationResult & { state?: string }> {
      const r = require(id)
      const input = parseWith(
        z.strictObject({
          stream_id: z.string().min(1).optional(),
          state: z.string().min(1).max(1024).nullable().optional()
        }),
        body ?? {},
        'verification request'
      )
      const state = input.state === undefined ? randomUUID() : input.state
      const request = {
        stream_id: streamIdOf(r, input.stream_id),
        ...(state === null ? {} : { state })
      }
      const t = target(r)
      store.saveVerificationState(id, state)
      const result = await operate(
        'verification',
        () => verificationRequest(t, endpoint(r, 'verification_endpoint'), request),
        processVerificationResponse
      )
      if (!result.ok) store.saveVerificationState(id, undefined)
      return state === null ? result : { ...result, state }
    },

    /** Poll now (RFC 8936). */
    poll,

    inbox(id: string, limit: number, before?: number): ReceivedSetRecord[] {
      require(id)
      return store.listReceived(id, limit, before)
    },

    exchanges(id: string, limit: number, before?: number): ExchangeRecord[] {
      require(id)
      return store.listExchanges(id, limit, before)
    },

    exchange(id: string, exchangeId: number): ExchangeRecord {
      const e = store.getExchange(id, exchangeId)
      if (!e) throw new NotFoundError(`exchange ${exchangeId} not found`)
      return e
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
    },

    /** Internals the conformance check needs. */
    internals: {
      require,
      target,
      metadataOf,
      sourceOf,
      recorder,
      scratchStreams,
      discoverRaw: (id: string, url: string) => fetchJson(id, 'metadata', url),
      fetchDocument: fetchJson,
      fetchJwks
    },

    async close(): Promise<void> {
      abort.abort()
      await scheduler.close()
    }
  }
}

/** The receiver service. */
export type ReceiverService = ReturnType<typeof createReceiverService>
