/**
 * The traffic recorder: the first step of every named route records the exchange the engine
 * serves (the route's name classifies it), and one fetch wrapper and one push-transport wrapper
 * record every exchange it makes. Each new
 * exchange is stored (bodies capped, retention pruned in batches) and published on the bus.
 * @module
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import type { RequestHandler, Response as ExpressResponse } from 'express'
import { decodeSet } from '../../shared/ssf'
import {
  TRAFFIC_BODY_CAP,
  TRAFFIC_DEFAULT_RETENTION,
  capBody,
  TRAFFIC_ROUTE_KINDS,
  classifyOutbound,
  managementStreamId,
  setsInBody,
  type LoggedPollBody,
  type TrafficExchange,
  type TrafficRouteName
} from '../../shared/traffic'
import type { Bus } from '../core/bus'
import type { Clock } from '../core/clock'
import type { Db } from '../store/sqlite'
import type { PushReply, PushTransport } from '../transmitter/delivery/transport'
import { createTrafficStore, type NewExchange } from './store'

/** Options of the recorder. */
export interface TrafficOptions {
  /** Rows kept (default 10000); the oldest are pruned in batches. */
  retention?: number
  /** Characters kept per body (default 64 KiB). */
  bodyCap?: number
}

/** Longest a recorded exchange waits before it is written and published, ms. */
export const FLUSH_MS = 25
/** Pending exchanges that trigger a write at once. */
const FLUSH_ROWS = 256

type Links = Pick<TrafficExchange, 'jti' | 'event_type'>

/** The SET a body carries (a pushed SET, or a poll response's first): its `jti` and event type. */
export function setLinks(...bodies: (string | null)[]): Links {
  for (const body of bodies) {
    const tokens = setsInBody(body)
    const first = tokens[0]
    if (first === undefined) continue
    try {
      const d = decodeSet(first)
      return {
        jti: typeof d.claims.jti === 'string' ? d.claims.jti : null,
        event_type: d.eventType ?? null
      }
    } catch {
      // Not a decodable SET: no links.
    }
  }
  return { jti: null, event_type: null }
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** The SET an endpoint handled, for the traffic log (saves decoding the body again). */
    trafficLinks?: { jti: string; event_type: string }
    /** The endpoint recorded its exchange itself (to link to its id): the middleware skips it. */
    trafficRecorded?: boolean
    /** The named route whose exchange is being recorded. */
    trafficRoute?: TrafficRouteName
    /**
     * The response body to record instead of the bytes sent (a poll response naming the stored
     * SETs it carried, not copying them); set before the response is written.
     */
    trafficResponse?: LoggedPollBody
  }
}

const NO_LINKS: Links = { jti: null, event_type: null }

/** What the lean path (`http/lean-reads.ts`) answered, and when it started (see `route`'s `at`, `t0`). */
export interface LeanAnswer {
  query: Readonly<Record<string, unknown>>
  headers: OutgoingHttpHeaders
  body: string
  at: number
  t0: number
}

/** A recorded request: express's (with its parsed body and query) or the lean path's. */
type InboundRequest = IncomingMessage & {
  body?: unknown
  query?: Readonly<Record<string, unknown>>
}
/** A recorded response: express's (with its locals) or the lean path's. */
type InboundResponse = ServerResponse & { locals?: Partial<ExpressResponse['locals']> }

/** An inbound exchange as captured when its response closes; its row is built in the flush. */
interface Inbound {
  readonly inbound: true
  kind: NewExchange['kind']
  at: number
  duration_ms: number
  url: string
  req: InboundRequest
  res: InboundResponse
  /** The lean path's query and response headers; express's are read from `req` and `res`. */
  query: Readonly<Record<string, unknown>> | undefined
  headers: OutgoingHttpHeaders | undefined
  chunks: (string | Buffer)[]
  status: number | null
  error: string | null
  streamParam: string | undefined
  receiverParam: string | undefined
}

const CAPTURE = Symbol('traffic capture')

/** What {@link createTrafficRecorder}'s route step keeps of a request until its response closes. */
interface Capturing {
  kind: NewExchange['kind']
  at: number
  t0: number
  url: string
  req: InboundRequest
  query: Readonly<Record<string, unknown>> | undefined
  headers: OutgoingHttpHeaders | undefined
  chunks: (string | Buffer)[]
  size: number
  write: ServerResponse['write']
  end: ServerResponse['end']
  streamParam: string | undefined
  receiverParam: string | undefined
}

type CapturedResponse = InboundResponse & { [CAPTURE]: Capturing }

function isInbound(x: NewExchange | Inbound): x is Inbound {
  return 'inbound' in x
}

/** A captured body as text (strings as written, buffers read as UTF-8). */
function chunksText(chunks: readonly (string | Buffer)[]): string {
  if (chunks.length === 1 && typeof chunks[0] === 'string') return chunks[0]
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))).toString(
    'utf8'
  )
}

function linksOf(known: { jti: string; event_type: string } | undefined): Links | undefined {
  return known && { jti: known.jti, event_type: known.event_type }
}

function flatHeaders(h: Readonly<Record<string, string | readonly string[] | number | undefined>>) {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(h)) {
    if (value === undefined) continue
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return out
}

function headersOf(init: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  const out: Record<string, string> = {}
  if (init === undefined) return out
  new Headers(init).forEach((value, name) => (out[name] = value))
  return out
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value
  return out
}

function requestBodyText(req: InboundRequest): string | null {
  const body: unknown = req.body
  if (body === undefined || body === null) return null
  if (Buffer.isBuffer(body)) return body.length === 0 ? null : body.toString('utf8')
  if (typeof body === 'string') return body
  try {
    return JSON.stringify(body)
  } catch {
    return null
  }
}

function fetchBodyText(body: unknown): string | null {
  if (body === undefined || body === null) return null
  if (typeof body === 'string') return body
  if (body instanceof URLSearchParams) return body.toString()
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8')
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8')
  return '[unrecorded body]'
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const cause: unknown = err.cause
    return cause instanceof Error ? `${err.message} (${cause.message})` : err.message
  }
  return String(err)
}

/** Create the recorder over the engine's store and bus. */
export function createTrafficRecorder(
  db: Db,
  bus: Bus,
  clock: Clock,
  origin: string,
  options: TrafficOptions = {}
) {
  const store = createTrafficStore(db)
  const retention = Math.max(1, options.retention ?? TRAFFIC_DEFAULT_RETENTION)
  const bodyCap = options.bodyCap ?? TRAFFIC_BODY_CAP
  const batch = Math.max(1, Math.min(500, Math.floor(retention / 10)))
  let sinceprune = 0
  let pending: (NewExchange | Inbound)[] = []
  let scheduled: NodeJS.Timeout | undefined

  function capped(x: NewExchange): NewExchange {
    return {
      ...x,
      request_body: x.request_body === null ? null : capBody(x.request_body, bodyCap),
      response_body: x.response_body === null ? null : capBody(x.response_body, bodyCap)
    }
  }

  /** Write what is pending in one transaction, then announce it (see {@link record}). */
  function flush(): void {
    if (scheduled) clearTimeout(scheduled)
    scheduled = undefined
    const queued = pending
    pending = []
    if (queued.length === 0) return
    const rows: NewExchange[] = []
    for (const q of queued) {
      try {
        rows.push(capped(isInbound(q) ? inboundRow(q) : q))
      } catch {
        // Recording never breaks serving: a row that cannot be built is dropped.
      }
    }
    const ids = db.transaction(() => rows.map((row) => store.insert(row)))()
    sinceprune += rows.length
    if (sinceprune >= batch) {
      sinceprune = 0
      store.prune(retention)
    }
    rows.forEach((row, i) => publish(row, ids[i] ?? 0))
  }

  function publish(row: NewExchange, id: number): void {
    bus.publish({
      type: 'traffic.created',
      id,
      at: row.at,
      duration_ms: row.duration_ms,
      direction: row.direction,
      kind: row.kind,
      method: row.method,
      url: row.url,
      status: row.status,
      stream_id: row.stream_id,
      jti: row.jti,
      event_type: row.event_type,
      error: row.error,
      receiver_id: row.receiver_id
    })
  }

  /**
   * Record an exchange. Writes are batched: everything recorded within {@link FLUSH_MS} is stored
   * in one transaction (one commit per batch, not per exchange: a commit per push halved push
   * throughput in `npm run bench`), then published on the bus.
   */
  function record(x: NewExchange): void {
    enqueue(x)
  }

  function safeFlush(): void {
    try {
      flush()
    } catch {
      // The store closed under us (shutdown): the batch is lost, serving goes on.
    }
  }

  function enqueue(x: NewExchange | Inbound): void {
    pending.push(x)
    if (pending.length >= FLUSH_ROWS) return safeFlush()
    if (!scheduled) {
      scheduled = setTimeout(safeFlush, FLUSH_MS)
      scheduled.unref()
    }
  }

  /** The row of an inbound exchange captured by {@link route}, built when its batch is written. */
  function inboundRow(q: Inbound): NewExchange {
    const { req, res, kind } = q
    const requestBody = requestBodyText(req)
    const logged = res.locals?.trafficResponse
    const responseBody = logged ? logged.body : q.chunks.length > 0 ? chunksText(q.chunks) : null
    const links =
      linksOf(res.locals?.trafficLinks) ??
      (kind === 'receiver-push' ? setLinks(requestBody) : NO_LINKS)
    return {
      at: q.at,
      duration_ms: q.duration_ms,
      direction: 'inbound',
      kind,
      method: req.method ?? 'GET',
      url: q.url,
      status: q.status,
      request_headers: flatHeaders(req.headers),
      request_body: requestBody,
      response_headers: flatHeaders(q.headers ?? res.getHeaders()),
      response_body: responseBody,
      error: q.error,
      stream_id:
        q.streamParam ??
        (kind === 'management'
          ? managementStreamId((q.query ?? req.query)?.stream_id, req.body, responseBody)
          : null),
      receiver_id: q.receiverParam ?? null,
      response_set_refs: logged?.setRefs ?? null,
      ...links
    }
  }

  /**
   * Record an exchange now and return its id, for a caller that links to it (the Receiver's
   * inbox entries and check lines). Pending rows are written first, so ids keep their order.
   */
  function recordNow(x: NewExchange): number {
    const row = capped(x)
    flush()
    const id = store.insert(row)
    if (++sinceprune >= batch) {
      sinceprune = 0
      store.prune(retention)
    }
    publish(row, id)
    return id
  }

  /**
   * The first step of a named route: records the exchange it serves (inbound), classified by the
   * route's name. Path parameters `stream_id` and `receiver_id` link it; a management call names
   * its stream in the query or a body; a pushed SET (the Receiver's push endpoint) is decoded
   * once, and an endpoint that hands out SETs names the first in `res.locals.trafficLinks`.
   */
  function route(name: TrafficRouteName): RequestHandler {
    const kind = TRAFFIC_ROUTE_KINDS[name]
    return function recordRoute(req, res, next) {
      // A request can pass the step of more than one route (e.g. a fallback after a 405).
      if (res.locals.trafficRoute !== undefined) return next()
      res.locals.trafficRoute = name
      const params = req.params as Partial<Record<string, string>>
      // One object per request and no closures: the wrappers and the close listener below are
      // shared by every request and find their state on the response.
      const state: Capturing = {
        kind,
        at: clock.now(),
        t0: performance.now(),
        // The URL called (a handler may rewrite `originalUrl`, e.g. for oidc-provider's mount).
        url: `${origin}${req.originalUrl}`,
        req,
        query: undefined,
        headers: undefined,
        chunks: [],
        size: 0,
        write: res.write,
        end: res.end,
        streamParam: params.stream_id,
        receiverParam: params.receiver_id
      }
      ;(res as InboundResponse as CapturedResponse)[CAPTURE] = state
      res.write = capturingWrite as typeof res.write
      res.end = capturingEnd as typeof res.end
      res.on('close', onClose)
      next()
    }
  }

  /** The lean path's start time (`at`: clock, `t0`: `performance.now()`), once it serves. */
  function leanStart(): Pick<LeanAnswer, 'at' | 't0'> {
    return { at: clock.now(), t0: performance.now() }
  }

  /**
   * Record an exchange the lean path answers (`http/lean-reads.ts`) as {@link route} records
   * express's: the same row, from the query, response headers and body the lean path knows.
   * Called before the response is written.
   */
  function served(
    name: TrafficRouteName,
    req: IncomingMessage,
    res: ServerResponse,
    { query, headers, body, at, t0 }: LeanAnswer
  ): void {
    const state: Capturing = {
      kind: TRAFFIC_ROUTE_KINDS[name],
      at,
      t0,
      url: `${origin}${req.url ?? ''}`,
      req,
      query,
      headers,
      chunks: [body],
      size: body.length,
      write: res.write,
      end: res.end,
      streamParam: undefined,
      receiverParam: undefined
    }
    ;(res as CapturedResponse)[CAPTURE] = state
    res.on('close', onClose)
  }

  function captureChunk(res: InboundResponse, state: Capturing, chunk: unknown): void {
    if (state.size > bodyCap || res.locals?.trafficResponse !== undefined) return
    if (typeof chunk === 'string') {
      state.chunks.push(chunk)
      state.size += chunk.length
    } else if (chunk instanceof Uint8Array) {
      const b = Buffer.from(chunk)
      state.chunks.push(b)
      state.size += b.length
    }
  }

  function capturingWrite(this: CapturedResponse, ...args: Parameters<ExpressResponse['write']>) {
    const state = this[CAPTURE]
    captureChunk(this, state, args[0])
    return state.write.apply(this, args)
  }

  function capturingEnd(this: CapturedResponse, ...args: Parameters<ExpressResponse['end']>) {
    const state = this[CAPTURE]
    captureChunk(this, state, args[0])
    return state.end.apply(this, args)
  }

  function onClose(this: CapturedResponse): void {
    recordClosed(this)
  }

  function recordClosed(res: CapturedResponse): void {
    if (res.locals?.trafficRecorded) return
    const state = res[CAPTURE]
    // Only what the close fixes is taken now; headers, bodies and links are read and the row
    // built in the batch flush (see {@link inboundRow}), off the request's hot path.
    enqueue({
      inbound: true,
      kind: state.kind,
      at: state.at,
      duration_ms: Math.round(performance.now() - state.t0),
      url: state.url,
      req: state.req,
      res,
      query: state.query,
      headers: state.headers,
      chunks: state.chunks,
      status: res.headersSent ? res.statusCode : null,
      error: res.writableFinished ? null : 'connection closed before the response finished',
      streamParam: state.streamParam,
      receiverParam: state.receiverParam
    })
  }

  /** Wrap a fetch so every exchange it makes is recorded (outbound). */
  function wrapFetch(inner: typeof fetch): typeof fetch {
    return async (input, init = {}) => {
      const url = input instanceof Request ? input.url : String(input)
      const method = (
        init.method ?? (input instanceof Request ? input.method : 'GET')
      ).toUpperCase()
      const requestHeaders = headersOf(init.headers)
      const requestBody = fetchBodyText(init.body)
      const at = clock.now()
      const t0 = performance.now()
      const base = (
        status: number | null,
        headers: Record<string, string>,
        body: string | null
      ) => {
        const links = setLinks(requestBody, body)
        const kind = classifyOutbound(
          method,
          url,
          requestHeaders['content-type'],
          requestBody ?? '',
          body ?? ''
        )
        return {
          at,
          duration_ms: Math.round(performance.now() - t0),
          direction: 'outbound' as const,
          kind,
          method,
          url,
          status,
          request_headers: requestHeaders,
          request_body: requestBody,
          response_headers: headers,
          response_body: body,
          // Pushes go through the typed transport (which knows the stream), not through fetch.
          stream_id: null,
          receiver_id: null,
          ...links
        }
      }
      let response: Response
      try {
        response = await inner(input, init)
      } catch (err) {
        try {
          record({ ...base(null, {}, null), error: errorMessage(err) })
        } catch {
          // never break the caller
        }
        throw err
      }
      try {
        const text = await response.clone().text()
        record({ ...base(response.status, headersOf(response.headers), text), error: null })
      } catch {
        // never break the caller
      }
      return response
    }
  }

  /**
   * Wrap the push transport: the request already names its stream, SET and event type, so
   * nothing is decoded, classified or looked up.
   */
  function wrapTransport(inner: PushTransport): PushTransport {
    return async (send) => {
      const at = clock.now()
      const t0 = performance.now()
      const base = {
        at,
        direction: 'outbound' as const,
        kind: 'push' as const,
        method: 'POST',
        url: send.url,
        request_headers: lowerCased(send.headers),
        request_body: send.body,
        stream_id: send.stream_id,
        receiver_id: null,
        jti: send.jti,
        event_type: send.eventType
      }
      let reply: PushReply
      try {
        reply = await inner(send)
      } catch (err) {
        record({
          ...base,
          duration_ms: Math.round(performance.now() - t0),
          status: null,
          response_headers: {},
          response_body: null,
          error: errorMessage(err)
        })
        throw err
      }
      record({
        ...base,
        duration_ms: Math.round(performance.now() - t0),
        status: reply.status,
        response_headers: reply.headers,
        response_body: reply.body,
        error: null
      })
      return reply
    }
  }

  return { store, record, recordNow, flush, route, leanStart, served, wrapFetch, wrapTransport }
}

/** The traffic recorder. */
export type TrafficRecorder = ReturnType<typeof createTrafficRecorder>
