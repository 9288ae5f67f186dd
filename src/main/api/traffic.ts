/**
 * The traffic log: `GET /api/traffic` (filters, `before` cursor, newest first),
 * `GET /api/traffic/{id}` (decoded SETs + lint findings) and its exports (HAR 1.2, curl).
 * @module
 */
import { z } from 'zod'
import {
  InvalidRequestError,
  NotFoundError,
  decodeSet,
  lintSet,
  parseWith,
  type Finding
} from '../../shared/ssf'
import {
  TRAFFIC_DIRECTIONS,
  TRAFFIC_KINDS,
  maskBody,
  maskHeaders,
  parseStatusFilter,
  setsInBody,
  toCurl,
  toHar,
  type TrafficExchange
} from '../../shared/traffic'
import type { TrafficSummary } from '../../shared/api/contract'
import type { TrafficQuery } from '../traffic/store'
import type { ApiDeps, ApiHandler } from './deps'

/** Largest page of `GET /api/traffic`. */
const MAX_LIMIT = 500
/** Most exchanges one HAR export carries. */
const HAR_MAX = 5000

const querySchema = z.strictObject({
  stream_id: z.string().min(1).max(200).optional(),
  direction: z.enum(TRAFFIC_DIRECTIONS).optional(),
  kind: z.enum(TRAFFIC_KINDS).optional(),
  status: z.string().max(5).optional(),
  event_type: z.string().min(1).max(500).optional(),
  text: z.string().min(1).max(500).optional(),
  jti: z.string().min(1).max(500).optional(),
  reveal: z.literal('1').optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'limit must be a whole number')
    .optional(),
  before: z
    .string()
    .regex(/^\d{1,15}$/, 'before must be an exchange id')
    .optional()
})

/** A summary row (list views and the live feed). */
function summary(x: TrafficExchange): TrafficSummary {
  return {
    id: x.id,
    at: x.at,
    duration_ms: x.duration_ms,
    direction: x.direction,
    kind: x.kind,
    method: x.method,
    url: x.url,
    status: x.status,
    error: x.error,
    stream_id: x.stream_id,
    jti: x.jti,
    event_type: x.event_type,
    receiver_id: x.receiver_id
  }
}

function decodedSets(x: TrafficExchange, now: number) {
  const tokens = [...setsInBody(x.request_body), ...setsInBody(x.response_body)]
  return tokens.map((token) => {
    try {
      const d = decodeSet(token)
      const findings: Finding[] = lintSet({ header: d.header, payload: d.claims }, { now })
      return {
        token,
        header: d.header,
        claims: d.claims,
        event_type: d.eventType ?? null,
        findings
      }
    } catch (err) {
      return { token, error: err instanceof Error ? err.message : String(err) }
    }
  })
}

function exchangeParam({ infra }: ApiDeps, raw: string | string[] | undefined): TrafficExchange {
  const id = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined
  const x = id === undefined ? undefined : infra.traffic.store.get(id)
  if (!x) throw new NotFoundError(`traffic exchange ${String(raw)} not found`)
  return x
}

/** The filters of a traffic query string (list and HAR export alike). */
function parseQuery(raw: unknown, limit: number): TrafficQuery {
  const q = parseWith(querySchema, raw, 'traffic query')
  const query: TrafficQuery = {
    limit: Math.min(limit, Math.max(1, Number(q.limit ?? Math.min(limit, 100))))
  }
  if (q.stream_id !== undefined) query.stream_id = q.stream_id
  if (q.direction !== undefined) query.direction = q.direction
  if (q.kind !== undefined) query.kind = q.kind
  if (q.event_type !== undefined) query.event_type = q.event_type
  if (q.text !== undefined) query.text = q.text
  if (q.jti !== undefined) query.jti = q.jti
  if (q.before !== undefined) query.before = Number(q.before)
  if (q.status !== undefined) {
    const status = parseStatusFilter(q.status)
    if (!status) throw new InvalidRequestError('status must be a code (404) or a class (4xx)')
    query.status = status
  }
  return query
}

export const list: ApiHandler = ({ infra }) =>
  function listTraffic(req, res) {
    const query = parseQuery(req.query, MAX_LIMIT)
    const rows = infra.traffic.store.query(query)
    const last = rows[rows.length - 1]
    res.json({
      items: rows.map(summary),
      next_before: rows.length === query.limit && last ? last.id : null
    })
  }

/** The same filters as the list, so "download HAR" exports what the user is looking at. */
export const exportHar: ApiHandler = ({ infra }) =>
  function exportTrafficHar(req, res) {
    const query = parseQuery(req.query, HAR_MAX)
    if (req.query.limit === undefined) query.limit = HAR_MAX
    const rows = infra.traffic.store.query(query)
    res
      .set('Content-Disposition', 'attachment; filename="ssf-sim-traffic.har"')
      .type('application/json')
      .send(JSON.stringify(toHar(rows.reverse(), '0.1.0')))
  }

export const read: ApiHandler = (deps) =>
  function readExchange(req, res) {
    const x = exchangeParam(deps, req.params.id)
    // Masked unless asked: `?reveal=1` (the UI's "reveal secrets", like the curl export's).
    const reveal = req.query.reveal === '1'
    const headers = (h: Record<string, string>) => (reveal ? h : maskHeaders(h))
    const body = (b: string | null) => (b === null || reveal ? b : maskBody(b))
    res.json({
      ...summary(x),
      request_headers: headers(x.request_headers),
      request_body: body(x.request_body),
      response_headers: headers(x.response_headers),
      response_body: body(x.response_body),
      sets: decodedSets(x, Math.floor(deps.infra.clock.now() / 1000))
    })
  }

export const curl: ApiHandler = (deps) =>
  function exchangeAsCurl(req, res) {
    const x = exchangeParam(deps, req.params.id)
    res.type('text/plain').send(`${toCurl(x, req.query.reveal === '1')}\n`)
  }
