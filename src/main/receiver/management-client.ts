/**
 * Client of an external Transmitter's stream management API and poll endpoint, in
 * oauth4webapi's style: each operation is a request builder (`xxxRequest()` → `Response`) and a
 * pure response processor (`processXxxResponse()` → typed result, or throws
 * {@link RemoteResponseError}). Fetching goes through a {@link RecordingFetch}, which records
 * every exchange and never follows redirects.
 * @see SSF 1.0 §8.1, RFC 8936 §2
 * @module
 */
import { z } from 'zod'
import type { SubjectIdentifier } from '../../shared/ssf'
import type { RecordingFetch } from './recording-fetch'

/** The Transmitter answered, but not as the spec says. Carries the exchange for the UI. */
export class RemoteResponseError extends Error {
  override name = 'RemoteResponseError'
  readonly status: number
  /** `err` of a JSON error body, when the Transmitter sent one (bodies are advisory, A11). */
  readonly err: string | undefined
  constructor(status: number, description: string, err?: string) {
    super(description)
    this.status = status
    this.err = err
  }
}

/** A response plus the id of its recorded exchange. */
export interface Exchanged {
  response: Response
  exchangeId: number
}

/** Where and how to call the Transmitter. */
export interface ClientTarget {
  fetch: RecordingFetch
  /** Bearer token for the management API (user supplied). */
  token: string
}

function headers(token: string, json: boolean): Record<string, string> {
  const h: Record<string, string> = {
    Accept: 'application/json',
    Authorization: `Bearer ${token}`
  }
  if (json) h['Content-Type'] = 'application/json'
  return h
}

function withStreamId(endpoint: string, streamId: string | undefined): string {
  if (streamId === undefined) return endpoint
  const url = new URL(endpoint)
  url.searchParams.set('stream_id', streamId)
  return url.href
}

const errorBodySchema = z.looseObject({
  err: z.string().optional(),
  error: z.string().optional(),
  description: z.string().optional(),
  error_description: z.string().optional()
})

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new RemoteResponseError(
      response.status,
      `the ${response.status} response body is not JSON`
    )
  }
}

/** Throw unless the status is one of `expected` (3xx: redirects are never followed). */
async function expectStatus(
  response: Response,
  expected: readonly number[],
  what: string
): Promise<void> {
  if (expected.includes(response.status)) return
  if (response.status >= 300 && response.status < 400)
    throw new RemoteResponseError(
      response.status,
      `${what}: the Transmitter redirected to ${response.headers.get('location') ?? '(no Location)'}; redirects are not followed`
    )
  let err: string | undefined
  let description = ''
  try {
    const body = errorBodySchema.safeParse(JSON.parse(await response.text()))
    if (body.success) {
      err = body.data.err ?? body.data.error
      description = body.data.description ?? body.data.error_description ?? ''
    }
  } catch {
    // Error bodies are advisory (interop note A11).
  }
  throw new RemoteResponseError(
    response.status,
    `${what}: HTTP ${response.status} (expected ${expected.join(' or ')})${err ? `, err "${err}"` : ''}${description ? `: ${description}` : ''}`,
    err
  )
}

/** Stream Configuration as a Receiver reads it: typed where relied upon, lenient elsewhere. */
const streamConfigSchema = z.looseObject({
  stream_id: z.string().min(1),
  iss: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  events_supported: z.array(z.string()).optional(),
  events_requested: z.array(z.string()).optional(),
  events_delivered: z.array(z.string()).optional(),
  delivery: z.looseObject({ method: z.string(), endpoint_url: z.string().optional() }),
  description: z.string().optional()
})

/** A Stream Configuration returned by the Transmitter. @see SSF 1.0 §8.1.1 */
export type RemoteStreamConfig = z.output<typeof streamConfigSchema>

function parseStream(input: unknown, status: number): RemoteStreamConfig {
  const result = streamConfigSchema.safeParse(input)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new RemoteResponseError(
    status,
    `the Stream Configuration is invalid: "${issue?.path.map(String).join('.') ?? ''}" ${issue?.message ?? ''}`
  )
}

const statusSchema = z.looseObject({
  stream_id: z.string().optional(),
  status: z.string(),
  reason: z.string().optional()
})

/** A stream status object. @see SSF 1.0 §8.1.2.1 */
export type RemoteStreamStatus = z.output<typeof statusSchema>

// ---- create ----------------------------------------------------------------------------------

/** Body of a create/update/replace request (Receiver-supplied members, plus `stream_id`). */
export interface StreamRequestBody {
  stream_id?: string
  events_requested?: string[]
  description?: string
  delivery?: { method: string; endpoint_url?: string; authorization_header?: string }
  [member: string]: unknown
}

/** POST the configuration endpoint. @see SSF 1.0 §8.1.1.1 */
export function createStreamRequest(
  t: ClientTarget,
  endpoint: string,
  body: StreamRequestBody
): Promise<Exchanged> {
  return t.fetch('create_stream', endpoint, {
    method: 'POST',
    headers: headers(t.token, true),
    body: JSON.stringify(body)
  })
}

/** 201 + Stream Configuration (200 tolerated by the client; the conformance check flags it). */
export async function processCreateStreamResponse(response: Response): Promise<RemoteStreamConfig> {
  await expectStatus(response, [201, 200], 'create stream')
  return parseStream(await readJson(response), response.status)
}

// ---- read / list ------------------------------------------------------------------------------

/** GET the configuration endpoint (`?stream_id=` when given). @see SSF 1.0 §8.1.1.2 */
export function readStreamRequest(
  t: ClientTarget,
  endpoint: string,
  streamId?: string
): Promise<Exchanged> {
  return t.fetch(
    streamId === undefined ? 'list_streams' : 'read_stream',
    withStreamId(endpoint, streamId),
    {
      method: 'GET',
      headers: headers(t.token, false)
    }
  )
}

/** 200 + one Stream Configuration. */
export async function processReadStreamResponse(response: Response): Promise<RemoteStreamConfig> {
  await expectStatus(response, [200], 'read stream')
  const body = await readJson(response)
  // Some Transmitters answer a read with a one-element list.
  if (Array.isArray(body) && body.length === 1) return parseStream(body[0], response.status)
  return parseStream(body, response.status)
}

/** 200 + an array of Stream Configurations (a single object is tolerated). */
export async function processListStreamsResponse(
  response: Response
): Promise<RemoteStreamConfig[]> {
  await expectStatus(response, [200], 'list streams')
  const body = await readJson(response)
  if (Array.isArray(body)) return body.map((b) => parseStream(b, response.status))
  return [parseStream(body, response.status)]
}

// ---- update / replace -------------------------------------------------------------------------

/** PATCH (update) or PUT (replace) the configuration endpoint. @see SSF 1.0 §8.1.1.3–4 */
export function updateStreamRequest(
  t: ClientTarget,
  endpoint: string,
  body: StreamRequestBody,
  mode: 'update' | 'replace'
): Promise<Exchanged> {
  return t.fetch(mode === 'update' ? 'update_stream' : 'replace_stream', endpoint, {
    method: mode === 'update' ? 'PATCH' : 'PUT',
    headers: headers(t.token, true),
    body: JSON.stringify(body)
  })
}

/** 200 + Stream Configuration. */
export async function processUpdateStreamResponse(response: Response): Promise<RemoteStreamConfig> {
  await expectStatus(response, [200], 'update stream')
  return parseStream(await readJson(response), response.status)
}

// ---- delete -----------------------------------------------------------------------------------

/** DELETE the configuration endpoint. @see SSF 1.0 §8.1.1.5 */
export function deleteStreamRequest(
  t: ClientTarget,
  endpoint: string,
  streamId: string
): Promise<Exchanged> {
  return t.fetch('delete_stream', withStreamId(endpoint, streamId), {
    method: 'DELETE',
    headers: headers(t.token, false)
  })
}

/** 204 (200 tolerated). */
export async function processDeleteStreamResponse(response: Response): Promise<void> {
  await expectStatus(response, [204, 200], 'delete stream')
}

// ---- status -----------------------------------------------------------------------------------

/** GET the status endpoint. @see SSF 1.0 §8.1.2.1 */
export function getStatusRequest(
  t: ClientTarget,
  endpoint: string,
  streamId: string
): Promise<Exchanged> {
  return t.fetch('get_status', withStreamId(endpoint, streamId), {
    method: 'GET',
    headers: headers(t.token, false)
  })
}

/** POST the status endpoint. @see SSF 1.0 §8.1.2.2 */
export function setStatusRequest(
  t: ClientTarget,
  endpoint: string,
  body: { stream_id: string; status: string; reason?: string }
): Promise<Exchanged> {
  return t.fetch('set_status', endpoint, {
    method: 'POST',
    headers: headers(t.token, true),
    body: JSON.stringify(body)
  })
}

/** 200 + status object. */
export async function processStatusResponse(response: Response): Promise<RemoteStreamStatus> {
  await expectStatus(response, [200], 'stream status')
  const result = statusSchema.safeParse(await readJson(response))
  if (!result.success)
    throw new RemoteResponseError(response.status, 'the status response is not {stream_id, status}')
  return result.data
}

// ---- subjects ---------------------------------------------------------------------------------

/** POST the add- or remove-subject endpoint. @see SSF 1.0 §8.1.3 */
export function subjectRequest(
  t: ClientTarget,
  endpoint: string,
  action: 'add' | 'remove',
  body: { stream_id: string; subject: SubjectIdentifier; verified?: boolean }
): Promise<Exchanged> {
  return t.fetch(`${action}_subject`, endpoint, {
    method: 'POST',
    headers: headers(t.token, true),
    body: JSON.stringify(body)
  })
}

/** Any of 200/204 (interop note A1). */
export async function processSubjectResponse(response: Response): Promise<void> {
  await expectStatus(response, [200, 204], 'subject request')
}

// ---- verification -----------------------------------------------------------------------------

/** POST the verification endpoint. @see SSF 1.0 §8.1.4.2 */
export function verificationRequest(
  t: ClientTarget,
  endpoint: string,
  body: { stream_id: string; state?: string }
): Promise<Exchanged> {
  return t.fetch('verification', endpoint, {
    method: 'POST',
    headers: headers(t.token, true),
    body: JSON.stringify(body)
  })
}

/** 204 (200 tolerated). */
export async function processVerificationResponse(response: Response): Promise<void> {
  await expectStatus(response, [204, 200], 'verification request')
}

// ---- poll -------------------------------------------------------------------------------------

/** An RFC 8936 poll request body (camelCase is the RFC's). @see RFC 8936 §2.4 */
export interface PollRequestBody {
  maxEvents?: number
  returnImmediately?: boolean
  ack?: string[]
  setErrs?: Record<string, { err: string; description: string }>
}

/** POST the stream's poll endpoint. */
export function pollRequest(
  t: ClientTarget,
  endpoint: string,
  body: PollRequestBody
): Promise<Exchanged> {
  const h = headers(t.token, true)
  // RFC 8936 §2.4: descriptions in setErrs need a Content-Language.
  if (body.setErrs && Object.keys(body.setErrs).length > 0) h['Content-Language'] = 'en'
  return t.fetch('poll', endpoint, { method: 'POST', headers: h, body: JSON.stringify(body) })
}

const pollResponseSchema = z.object({
  sets: z.record(z.string(), z.unknown()),
  moreAvailable: z.boolean().optional()
})

/** A poll response: SET values are left `unknown` so a non-string is reported, not dropped. */
export type PollResponse = z.output<typeof pollResponseSchema>

/** 200 + `{sets, moreAvailable?}`. @see RFC 8936 §2.5 */
export async function processPollResponse(response: Response): Promise<PollResponse> {
  await expectStatus(response, [200], 'poll')
  const result = pollResponseSchema.safeParse(await readJson(response))
  if (!result.success)
    throw new RemoteResponseError(
      response.status,
      'the poll response is not {"sets": {jti: SET, ...}, "moreAvailable"?: boolean}'
    )
  return result.data
}

// ---- discovery --------------------------------------------------------------------------------

/** GET a metadata or JWKS document. */
export function documentRequest(
  t: Pick<ClientTarget, 'fetch'>,
  operation: string,
  url: string
): Promise<Exchanged> {
  return t.fetch(operation, url, { method: 'GET', headers: { Accept: 'application/json' } })
}

/** 200 + JSON. */
export async function processDocumentResponse(response: Response, what: string): Promise<unknown> {
  await expectStatus(response, [200], what)
  const body = await readJson(response)
  if (body === undefined) throw new RemoteResponseError(response.status, `${what}: empty body`)
  return body
}
