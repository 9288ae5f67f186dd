/**
 * The Receiver's registry: external Transmitters registered with us (discovery of their metadata
 * and JWKS, settings, the push endpoint we give them), and what the other parts need to call
 * them: the recording fetch, the management token, endpoints from the metadata.
 * @see SSF 1.0 §7 (discovery), DESIGN.md `POST /api/receivers`
 * @module
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  DELIVERY_METHOD_POLL,
  InvalidRequestError,
  NotFoundError,
  SsfError,
  parseWith,
  requireJsonObject
} from '../../shared/ssf'
import {
  metadataCandidates,
  metadataFindings,
  parseRemoteMetadata,
  sniffSpecVersion,
  type RemoteMetadata,
  type WellKnownKind
} from '../../shared/ssf/receiver'
import type { ReceiverView } from '../../shared/api/contract'
import type { Clock } from '../core/clock'
import {
  jwksSchema,
  receiverSettingsSchema,
  type Jwks,
  type ReceiverRecord,
  type ReceiverRepo,
  type ReceiverSettings,
  type RemoteStream
} from '../store/receiver-repo'
import {
  documentRequest,
  processDocumentResponse,
  type ClientTarget,
  type Exchanged,
  type RemoteStreamConfig
} from './management-client'
import type { RecordingFetch } from './recording-fetch'

/** A receiver as the control API shows it (secrets masked, push endpoint derived). */
export type { ReceiverView }

/** 502: the external Transmitter could not be used. */
export class UpstreamError extends SsfError {
  constructor(code: string, description: string) {
    super(502, code, description)
    this.name = 'UpstreamError'
  }
}

/** Endpoint members of the Transmitter's metadata. */
export type EndpointMember = keyof RemoteMetadata & `${string}_endpoint`

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

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
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

/** What the registry needs. */
export interface RegistryDeps {
  repo: ReceiverRepo
  clock: Clock
  /** `http://HOST:PORT` of our server (push endpoints live under it). */
  origin: string
  /** The recording fetch of one receiver (every call lands in the traffic log). */
  callOut(receiverId: string): RecordingFetch
  /** Told when a receiver's settings or managed stream changed, or it was removed (polling). */
  onChange?(receiverId: string): void
}

/** Build the registry. */
export function createReceiverRegistry(deps: RegistryDeps) {
  const { repo, clock } = deps
  const now = () => clock.now()
  const changed = (id: string) => deps.onChange?.(id)

  /** Our push endpoint for a receiver. */
  const pushEndpoint = (id: string) => `${deps.origin}/receiver/${encodeURIComponent(id)}/push`

  /** The stored receiver; 404 when there is none. */
  function require(id: string): ReceiverRecord {
    const record = repo.get(id)
    if (!record) throw new NotFoundError(`receiver ${id} not found`)
    return record
  }

  function metadataOf(r: ReceiverRecord): RemoteMetadata {
    const parsed = parseRemoteMetadata(r.metadata)
    if (!parsed.ok) throw new InvalidRequestError(`stored metadata is unusable: ${parsed.error}`)
    return parsed.metadata
  }

  /** Which well-known document the metadata came from. */
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

  /** GET a JSON document from the Transmitter (recorded). */
  async function fetchDocument(id: string, operation: string, url: string): Promise<unknown> {
    const { response } = await documentRequest({ fetch: deps.callOut(id) }, operation, url)
    return processDocumentResponse(response, operation)
  }

  async function discover(id: string, issuer: string) {
    const tried: string[] = []
    for (const candidate of metadataCandidates(issuer)) {
      let exchanged: Exchanged
      try {
        exchanged = await documentRequest({ fetch: deps.callOut(id) }, 'metadata', candidate.url)
      } catch (err) {
        throw new UpstreamError('transmitter_unreachable', messageOf(err))
      }
      if (exchanged.response.status === 404) {
        tried.push(candidate.url)
        continue
      }
      let body: unknown
      try {
        body = await processDocumentResponse(exchanged.response, `metadata at ${candidate.url}`)
      } catch (err) {
        throw new UpstreamError('invalid_metadata', messageOf(err))
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
        url: candidate.url
      }
    }
    throw new UpstreamError(
      'metadata_not_found',
      `no Transmitter metadata found for "${issuer}" (404 at ${tried.join(', ')})`
    )
  }

  /** Fetch the Transmitter's JWKS now and keep it. */
  async function fetchJwks(r: ReceiverRecord): Promise<Jwks> {
    const md = metadataOf(r)
    const body = await fetchDocument(r.receiver_id, 'jwks', md.jwks_uri)
    const parsed = jwksSchema.safeParse(body)
    if (!parsed.success) throw new Error(`the JWKS at ${md.jwks_uri} is not {"keys": [...]}`)
    repo.saveJwks(r.receiver_id, parsed.data, now())
    return parsed.data
  }

  /** How to call the Transmitter's management API: 400 when no token is set. */
  function target(r: ReceiverRecord): ClientTarget {
    const token = r.settings.transmitter_token
    if (token === undefined)
      throw new InvalidRequestError(
        'set "transmitter_token" on this receiver (PATCH /api/receivers/{id}) before calling the Transmitter'
      )
    return { fetch: deps.callOut(r.receiver_id), token }
  }

  /** An endpoint of the Transmitter's metadata: 400 when it has none. */
  function endpoint(r: ReceiverRecord, member: EndpointMember): string {
    const value = metadataOf(r)[member]
    if (typeof value !== 'string')
      throw new InvalidRequestError(`the Transmitter's metadata has no "${member}"`)
    return value
  }

  /** Whether the user set no audience (the receiver still has the push endpoint's default). */
  function audienceIsDefault(r: ReceiverRecord): boolean {
    return r.audience === pushEndpoint(r.receiver_id)
  }

  /**
   * `aud` is Transmitter-supplied (SSF 1.0 §8.1.1): when the user typed none, the Receiver
   * expects what the stream configuration says.
   */
  function audiencesOf(r: ReceiverRecord, config: { aud?: unknown }): string[] {
    if (!audienceIsDefault(r)) return []
    const aud = config.aud
    if (typeof aud === 'string') return [aud]
    return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : []
  }

  /** Keep the stream we manage on the Transmitter (and learn its `aud` when none was set). */
  function rememberStream(id: string, config: RemoteStreamConfig): RemoteStream {
    const stream: RemoteStream = {
      stream_id: config.stream_id,
      method: config.delivery.method,
      config
    }
    if (config.delivery.method === DELIVERY_METHOD_POLL && config.delivery.endpoint_url)
      stream.poll_endpoint = config.delivery.endpoint_url
    if (config.events_delivered) stream.events_delivered = config.events_delivered
    repo.saveRemoteStream(id, stream, now())
    const r = repo.get(id)
    const learned = r ? audiencesOf(r, config)[0] : undefined
    if (learned !== undefined) repo.saveAudience(id, learned, now())
    changed(id)
    return stream
  }

  /** Forget the managed stream (it was deleted on the Transmitter). */
  function forgetStream(id: string): void {
    repo.saveRemoteStream(id, undefined, now())
    changed(id)
  }

  /**
   * Await a verification SET with this state (`null`: any; `undefined`: stop awaiting). Set
   * before the request goes out: the SET may arrive before the 204.
   */
  function expectVerification(id: string, state: string | null | undefined): void {
    repo.saveVerificationState(id, state)
  }

  return {
    pushEndpoint,
    require,
    metadataOf,
    sourceOf,
    view,
    fetchDocument,
    fetchJwks,
    target,
    endpoint,
    audienceIsDefault,
    audiencesOf,
    rememberStream,
    forgetStream,
    expectVerification,
    /** Every stored receiver (records, for the parts that start from them). */
    records(): ReceiverRecord[] {
      return repo.list()
    },
    /** The stored receiver, or undefined. */
    find(id: string): ReceiverRecord | undefined {
      return repo.get(id)
    },

    /** Register an external Transmitter. @see DESIGN.md `POST /api/receivers` */
    async register(body: unknown): Promise<ReceiverView> {
      const input = parseWith(createSchema, requireJsonObject(body, 'receiver'), 'receiver')
      const allowHttp = input.allow_http ?? false
      const url = checkUrl(input.issuer, '"issuer"', allowHttp)
      if (url.search || url.hash)
        throw new InvalidRequestError('"issuer" must not have a query or fragment (SSF 1.0 §7.1)')
      const id = newReceiverId()
      const found = await discover(id, input.issuer)
      checkUrl(found.metadata.jwks_uri, 'metadata "jwks_uri"', allowHttp)
      const { issuer, audience, transmitter_token, ...rest } = input
      const settings = receiverSettingsSchema.parse({ ...rest, transmitter_token })
      const at = now()
      const record: ReceiverRecord = {
        receiver_id: id,
        issuer,
        audience: audience ?? pushEndpoint(id),
        metadata_url: found.url,
        metadata: found.raw,
        settings,
        created_at: at,
        updated_at: at
      }
      if (settings.require_authorization) record.push_token = newPushToken()
      let jwksBody: unknown
      try {
        jwksBody = await fetchDocument(id, 'jwks', found.metadata.jwks_uri)
      } catch (err) {
        throw new UpstreamError(
          'invalid_jwks',
          `the JWKS at ${found.metadata.jwks_uri} could not be fetched: ${messageOf(err)}`
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
      repo.insert(record)
      return view(record)
    },

    list(): ReceiverView[] {
      return repo.list().map(view)
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
      repo.saveSettings(id, settings, pushToken, at)
      if (audience !== undefined) repo.saveAudience(id, audience, at)
      changed(id)
      return view(require(id))
    },

    remove(id: string): void {
      require(id)
      repo.delete(id)
      changed(id)
    }
  }
}

/** The registry. */
export type ReceiverRegistry = ReturnType<typeof createReceiverRegistry>
