/**
 * The traffic inspector's pure logic: classifying exchanges, masking secrets, parsing query
 * filters, finding SETs in bodies, HAR 1.2 and curl rendering. No I/O.
 * @see RFC 8935 (push), RFC 8936 (poll), SSF 1.0 §6–§8; HAR 1.2 (w3c-webperf HAR spec)
 * @module
 */

/** Who started the exchange: an app calling us (`inbound`) or the engine calling out. */
export const TRAFFIC_DIRECTIONS = ['inbound', 'outbound'] as const
/** One of {@link TRAFFIC_DIRECTIONS}. */
export type TrafficDirection = (typeof TRAFFIC_DIRECTIONS)[number]

/** What an exchange is. */
export const TRAFFIC_KINDS = [
  'management',
  'push',
  'poll',
  'metadata',
  'jwks',
  'receiver-push',
  'oauth',
  'other'
] as const
/** One of {@link TRAFFIC_KINDS}. */
export type TrafficKind = (typeof TRAFFIC_KINDS)[number]

/** Default body cap (bytes of UTF-8 text kept per body). */
export const TRAFFIC_BODY_CAP = 64 * 1024
/** Default retention (rows). */
export const TRAFFIC_DEFAULT_RETENTION = 10_000

/** Headers whose values are secrets: masked in every view unless revealed. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'authorization_header',
  'x-api-key'
])

/** Mask a secret value: keep the scheme (e.g. `Bearer`) and the last 4 characters. */
export function maskSecret(value: string): string {
  const space = value.indexOf(' ')
  const scheme = space > 0 && space < 20 ? value.slice(0, space + 1) : ''
  const rest = value.slice(scheme.length)
  const tail = rest.length > 12 ? rest.slice(-4) : ''
  return `${scheme}****${tail}`
}

/** Headers with secret values masked (names lower-cased). */
export function maskHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    out[lower] = SECRET_HEADERS.has(lower) ? maskSecret(value) : value
  }
  return out
}

/** Mask secrets inside a JSON body text (`authorization_header`, `access_token`, ...). */
export function maskBody(body: string): string {
  return body.replace(
    /("(?:authorization_header|access_token|client_secret|refresh_token|token)"\s*:\s*")((?:[^"\\]|\\.)*)(")/g,
    (_m, a: string, v: string, b: string) => `${a}${maskSecret(v)}${b}`
  )
}

/** Cap a body text at `cap` characters, saying so. */
export function capBody(body: string, cap: number = TRAFFIC_BODY_CAP): string {
  return body.length <= cap ? body : `${body.slice(0, cap)}…[truncated ${body.length - cap} chars]`
}

/**
 * The kind of exchange each named route serves. Every recorded endpoint declares its route name
 * in a route table (`transmitter/router.ts`; `http/create-app.ts` for the Receiver's push endpoint
 * and the authorization server): the name, not a pattern over the URL, classifies an inbound
 * exchange. Routes without a name here (the control API, the UI) are not recorded.
 */
export const TRAFFIC_ROUTE_KINDS = {
  metadata: 'metadata',
  jwks: 'jwks',
  configuration: 'management',
  status: 'management',
  add_subject: 'management',
  remove_subject: 'management',
  verification: 'management',
  poll: 'poll',
  receiver_push: 'receiver-push',
  oauth_metadata: 'metadata',
  oauth: 'oauth',
  consent: 'oauth'
} as const satisfies Record<string, TrafficKind>

/** The name of a recorded route (a key of {@link TRAFFIC_ROUTE_KINDS}). */
export type TrafficRouteName = keyof typeof TRAFFIC_ROUTE_KINDS

/** Classify an outbound request the engine makes. */
export function classifyOutbound(
  method: string,
  url: string,
  requestContentType: string | undefined,
  requestBody: string,
  responseBody: string
): TrafficKind {
  const ct = (requestContentType ?? '').toLowerCase()
  if (method.toUpperCase() === 'POST' && ct.startsWith('application/secevent+jwt')) return 'push'
  let path = url
  try {
    path = new URL(url).pathname
  } catch {
    // keep the raw URL
  }
  if (path.includes('/.well-known/')) return 'metadata'
  if (/jwks/i.test(path) || /^\s*\{\s*"keys"\s*:\s*\[/.test(responseBody)) return 'jwks'
  if (/\/poll(\/|$)/.test(path) || /"(maxEvents|returnImmediately)"/.test(requestBody))
    return 'poll'
  return 'management'
}

/** Does this text look like a compact JWS (three base64url parts)? */
export function looksLikeJws(text: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text.trim())
}

/** SETs carried in a body: a pushed SET (the whole body) or a poll response's `sets` map. */
export function setsInBody(body: string | null): string[] {
  if (body === null || body.length === 0) return []
  const t = body.trim()
  if (looksLikeJws(t)) return [t]
  if (!t.startsWith('{')) return []
  try {
    const parsed: unknown = JSON.parse(t)
    if (typeof parsed !== 'object' || parsed === null || !('sets' in parsed)) return []
    const sets: unknown = parsed.sets
    if (typeof sets !== 'object' || sets === null || Array.isArray(sets)) return []
    return Object.values(sets).filter((v): v is string => typeof v === 'string' && looksLikeJws(v))
  } catch {
    return []
  }
}

/** A poll response as the traffic log stores it: see {@link pollBodyForLog}. */
export interface LoggedPollBody {
  /** The response body with the token of each SET in `setRefs` left out (`""`). */
  body: string
  /** The SETs whose tokens the outbound store holds: jtis, in the body's order. */
  setRefs: string[]
}

/**
 * A poll response (RFC 8936 §2.2) to record in the traffic log without copying the SETs it
 * hands out: each SET sent as stored (`stored[jti]`, before any token fault) is written as `""`
 * and named in `setRefs`; {@link expandPollBody} puts the tokens back when the log is read. A
 * token a fault changed is kept as sent.
 */
export function pollBodyForLog(
  response: { sets: Record<string, string>; moreAvailable: boolean },
  stored: Readonly<Record<string, string>>
): LoggedPollBody {
  const setRefs: string[] = []
  // Built with fromEntries, not by assignment: a jti may be any string, `__proto__` included.
  const sets = Object.fromEntries(
    Object.entries(response.sets).map(([jti, token]) => {
      const same = Object.hasOwn(stored, jti) && stored[jti] === token
      if (same) setRefs.push(jti)
      return [jti, same ? '' : token]
    })
  )
  return { body: JSON.stringify({ ...response, sets }), setRefs }
}

/**
 * The poll response as it was sent, from what {@link pollBodyForLog} stored and the stored
 * tokens (jti → token). A body that is not such a response (capped, or from another build) is
 * returned as stored.
 */
export function expandPollBody(
  body: string,
  setRefs: readonly string[],
  tokens: ReadonlyMap<string, string>
): string {
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed !== 'object' || parsed === null || !('sets' in parsed)) return body
    const sets: unknown = parsed.sets
    if (typeof sets !== 'object' || sets === null || Array.isArray(sets)) return body
    const refs = new Set(setRefs)
    const out = Object.fromEntries(
      Object.entries(sets).map(([jti, value]) => {
        const token = refs.has(jti) && value === '' ? tokens.get(jti) : undefined
        return [jti, token ?? value]
      })
    )
    return JSON.stringify({ ...parsed, sets: out })
  } catch {
    return body
  }
}

/** Longest response body read for a `stream_id` (management answers are small). */
const STREAM_ID_SCAN_CHARS = 64 * 1024

function streamIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const id: unknown = (value as { stream_id?: unknown }).stream_id
  return typeof id === 'string' && id.length > 0 ? id : undefined
}

/**
 * The stream a management exchange is about: `stream_id` of the query (GET/DELETE streams, GET
 * status), of the JSON request body (PATCH/PUT streams, POST status, subjects, verification) or
 * of the JSON response (POST streams creates it). Null when the exchange names no one stream.
 * @see SSF 1.0 §8.1
 */
export function managementStreamId(
  queryStreamId: unknown,
  requestBody: unknown,
  responseBody: string | null
): string | null {
  if (typeof queryStreamId === 'string' && queryStreamId.length > 0) return queryStreamId
  const fromRequest = streamIdOf(requestBody)
  if (fromRequest !== undefined) return fromRequest
  const t = responseBody?.trimStart() ?? ''
  if (!t.startsWith('{') || t.length > STREAM_ID_SCAN_CHARS) return null
  try {
    return streamIdOf(JSON.parse(t)) ?? null
  } catch {
    return null
  }
}

/** A status filter: exact (`404`) or a class (`4xx`). */
export type StatusFilter = { exact: number } | { min: number; max: number }

/** Parse `status` of `GET /api/traffic`; undefined when malformed. */
export function parseStatusFilter(raw: string): StatusFilter | undefined {
  const v = raw.trim().toLowerCase()
  if (/^[1-5]xx$/.test(v)) {
    const c = Number(v[0]) * 100
    return { min: c, max: c + 99 }
  }
  if (/^\d{3}$/.test(v)) return { exact: Number(v) }
  return undefined
}

/** One recorded exchange, as stored (headers unmasked). */
export interface TrafficExchange {
  id: number
  at: number
  duration_ms: number
  direction: TrafficDirection
  kind: TrafficKind
  method: string
  url: string
  status: number | null
  request_headers: Record<string, string>
  request_body: string | null
  response_headers: Record<string, string>
  response_body: string | null
  error: string | null
  stream_id: string | null
  jti: string | null
  event_type: string | null
  receiver_id: string | null
}

function harHeaders(h: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(h).map(([name, value]) => ({ name, value }))
}

function harQuery(url: string): { name: string; value: string }[] {
  try {
    const out: { name: string; value: string }[] = []
    new URL(url).searchParams.forEach((value, name) => out.push({ name, value }))
    return out
  } catch {
    return []
  }
}

/** A HAR 1.2 log of exchanges (secrets masked). @see http://www.softwareishard.com/blog/har-12-spec/ */
export function toHar(exchanges: readonly TrafficExchange[], version: string) {
  return {
    log: {
      version: '1.2',
      creator: { name: 'ssf-simulator', version },
      entries: exchanges.map((x) => {
        const reqHeaders = maskHeaders(x.request_headers)
        const resHeaders = maskHeaders(x.response_headers)
        const reqBody = x.request_body === null ? null : maskBody(x.request_body)
        const resBody = x.response_body === null ? '' : maskBody(x.response_body)
        const entry = {
          startedDateTime: new Date(x.at).toISOString(),
          time: x.duration_ms,
          request: {
            method: x.method,
            url: x.url,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: harHeaders(reqHeaders),
            queryString: harQuery(x.url),
            headersSize: -1,
            bodySize: x.request_body === null ? 0 : x.request_body.length,
            ...(reqBody === null
              ? {}
              : {
                  postData: {
                    mimeType: reqHeaders['content-type'] ?? 'application/octet-stream',
                    text: reqBody
                  }
                })
          },
          response: {
            status: x.status ?? 0,
            statusText: x.error ?? '',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: harHeaders(resHeaders),
            content: {
              size: resBody.length,
              mimeType: resHeaders['content-type'] ?? 'application/octet-stream',
              text: resBody
            },
            redirectURL: resHeaders.location ?? '',
            headersSize: -1,
            bodySize: resBody.length
          },
          cache: {},
          timings: { send: 0, wait: x.duration_ms, receive: 0 },
          comment: `${x.direction} ${x.kind}`
        }
        return entry
      })
    }
  }
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

/** A curl command reproducing the request (secrets masked unless `reveal`). */
export function toCurl(x: TrafficExchange, reveal = false): string {
  const headers = reveal ? x.request_headers : maskHeaders(x.request_headers)
  const parts = ['curl', '-i', '-X', x.method.toUpperCase(), shellQuote(x.url)]
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    if (lower === 'content-length' || lower === 'host' || lower === 'connection') continue
    parts.push('-H', shellQuote(`${name}: ${value}`))
  }
  if (x.request_body !== null && x.request_body.length > 0)
    parts.push('--data-binary', shellQuote(reveal ? x.request_body : maskBody(x.request_body)))
  return parts.join(' ')
}
