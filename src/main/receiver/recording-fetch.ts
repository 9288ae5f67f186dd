/**
 * How the Receiver calls out: every request it makes to a Transmitter (metadata, JWKS,
 * management, poll) is recorded in the one traffic log, tagged with the receiver, and the
 * entry's id comes back with the response so results can link to it (`/api/traffic/{id}`).
 * Redirects are never followed silently.
 * @module
 */
import type { TrafficKind } from '../../shared/traffic'
import type { Clock } from '../core/clock'
import type { NewExchange } from '../traffic/store'
import { setLinks } from '../traffic/recorder'

/** A fetch that records its exchange and returns the traffic-log id with the response. */
export type RecordingFetch = (
  operation: string,
  url: string,
  init: RequestInit & { method: string; headers: Record<string, string>; body?: string }
) => Promise<{ response: Response; exchangeId: number }>

/** Records one exchange in the traffic log now and returns its id. */
export type RecordExchange = (exchange: NewExchange) => number

/** Error thrown when the Transmitter could not be reached at all (recorded first). */
export class NetworkError extends Error {
  override name = 'NetworkError'
  readonly exchangeId: number
  constructor(message: string, exchangeId: number) {
    super(message)
    this.exchangeId = exchangeId
  }
}

/** What the recording fetch needs. `fetch` must not record by itself (no second entry). */
export interface RecordingFetchDeps {
  fetch: typeof fetch
  record: RecordExchange
  clock: Clock
  /** Aborts every call in flight (shutdown). */
  signal?: AbortSignal
}

/** The traffic kind of a Receiver operation: the operation names it, nothing is guessed. */
function kindOf(operation: string): TrafficKind {
  if (operation === 'metadata' || operation === 'jwks' || operation === 'poll') return operation
  return 'management'
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value
  return out
}

function responseHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => (out[name] = value))
  return out
}

/** Build the {@link RecordingFetch} of one receiver. */
export function createRecordingFetch(deps: RecordingFetchDeps, receiverId: string): RecordingFetch {
  return async (operation, url, init) => {
    const at = deps.clock.now()
    const t0 = performance.now()
    const requestBody = init.body ?? null
    const entry = (
      status: number | null,
      headers: Record<string, string>,
      body: string | null,
      error: string | null
    ): NewExchange => ({
      at,
      duration_ms: Math.round(performance.now() - t0),
      direction: 'outbound',
      kind: kindOf(operation),
      method: init.method,
      url,
      status,
      request_headers: lowerCased(init.headers),
      request_body: requestBody,
      response_headers: headers,
      response_body: body,
      error,
      stream_id: null,
      receiver_id: receiverId,
      ...setLinks(requestBody, body)
    })
    let response: Response
    try {
      response = await deps.fetch(url, {
        ...init,
        redirect: 'manual',
        signal: deps.signal ?? AbortSignal.timeout(30_000)
      })
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      const id = deps.record(entry(null, {}, null, message))
      throw new NetworkError(`could not reach ${url}: ${message}`, id)
    }
    let text: string | null = null
    try {
      text = await response.clone().text()
    } catch {
      text = null
    }
    const id = deps.record(entry(response.status, responseHeaders(response.headers), text, null))
    return { response, exchangeId: id }
  }
}
