/**
 * Every HTTP exchange of the Receiver is recorded: method, URL, headers (Authorization masked),
 * bodies (capped), status and timing.
 * @module
 */
import type { ExchangeRecord, NewExchange, ReceiverStore } from './store'

/** Bodies are stored up to this many characters. */
export const EXCHANGE_BODY_CAP = 64 * 1024

/** Cap a body for storage. */
export function capBody(text: string): string {
  return text.length <= EXCHANGE_BODY_CAP
    ? text
    : `${text.slice(0, EXCHANGE_BODY_CAP)}… [${text.length - EXCHANGE_BODY_CAP} more characters]`
}

/** Mask a credential: keep the scheme and the last 4 characters. */
export function maskCredential(value: string): string {
  const space = value.indexOf(' ')
  const scheme = space > 0 ? value.slice(0, space + 1) : ''
  const secret = space > 0 ? value.slice(space + 1) : value
  return `${scheme}***${secret.length > 8 ? secret.slice(-4) : ''}`
}

/** Headers as a plain object with `Authorization` (and cookies) masked. */
export function maskedHeaders(
  headers: Headers | Record<string, string | string[] | undefined>
): Record<string, string> {
  const out: Record<string, string> = {}
  const entries: [string, string | string[] | undefined][] = []
  if (headers instanceof Headers) headers.forEach((value, name) => entries.push([name, value]))
  else entries.push(...Object.entries(headers))
  for (const [name, raw] of entries) {
    if (raw === undefined) continue
    const value = Array.isArray(raw) ? raw.join(', ') : raw
    const lower = name.toLowerCase()
    out[lower] =
      lower === 'authorization' || lower === 'cookie' || lower === 'set-cookie'
        ? maskCredential(value)
        : value
  }
  return out
}

/** A fetch that records its exchange and returns the id with the response. */
export type RecordingFetch = (
  operation: string,
  url: string,
  init: RequestInit & { method: string; headers: Record<string, string>; body?: string }
) => Promise<{ response: Response; exchangeId: number }>

/** Error thrown when the Transmitter could not be reached at all (recorded first). */
export class NetworkError extends Error {
  override name = 'NetworkError'
  readonly exchangeId: number
  constructor(message: string, exchangeId: number) {
    super(message)
    this.exchangeId = exchangeId
  }
}

/** Build a {@link RecordingFetch} for one receiver. `redirect: 'manual'`: never followed silently. */
export function createRecordingFetch(
  fetchFn: typeof fetch,
  store: ReceiverStore,
  receiverId: string,
  now: () => number,
  signal?: AbortSignal
): RecordingFetch {
  return async (operation, url, init) => {
    const started = now()
    const t0 = performance.now()
    const base: NewExchange = {
      receiver_id: receiverId,
      direction: 'outbound',
      operation,
      method: init.method,
      url,
      request_headers: maskedHeaders(init.headers),
      started_at: started,
      duration_ms: 0
    }
    if (init.body !== undefined) base.request_body = capBody(init.body)
    let response: Response
    try {
      response = await fetchFn(url, {
        ...init,
        redirect: 'manual',
        signal: signal ?? AbortSignal.timeout(30_000)
      })
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      const id = store.addExchange({
        ...base,
        error: message,
        duration_ms: Math.round(performance.now() - t0)
      })
      throw new NetworkError(`could not reach ${url}: ${message}`, id)
    }
    let text = ''
    try {
      text = await response.clone().text()
    } catch {
      text = ''
    }
    const exchange: NewExchange = {
      ...base,
      status: response.status,
      response_headers: maskedHeaders(response.headers),
      duration_ms: Math.round(performance.now() - t0)
    }
    if (text !== '') exchange.response_body = capBody(text)
    return { response, exchangeId: store.addExchange(exchange) }
  }
}

export type { ExchangeRecord }
