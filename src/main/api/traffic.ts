/**
 * The inspector's control API: `GET /api/traffic` (filters, `before` cursor, newest first),
 * `GET /api/traffic/{id}` (decoded SETs + lint findings), exports (HAR 1.2, NDJSON SETs, curl),
 * `POST /api/deliveries/{id}/replay`, per-stream and per-receiver faults, `POST /api/keys/rotate`.
 * @module
 */
import { Router } from 'express'
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
import type { ReplayResponse, TrafficSummary } from '../../shared/api/contract'
import type { AppContext } from '../core/context'
import { SIGNING_ALGS } from '../store/keys'
import { receiverFaultsSchema, streamFaultsSchema } from '../traffic/faults'
import { replayBodySchema } from '../transmitter/delivery/replay'
import type { TrafficQuery } from '../traffic/store'

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

const rotateSchema = z.strictObject({
  alg: z.enum(SIGNING_ALGS).optional(),
  grace_seconds: z
    .number()
    .int()
    .min(0)
    .max(365 * 86400)
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

function exchangeParam(ctx: AppContext, raw: string | string[] | undefined): TrafficExchange {
  const store = ctx.traffic?.store
  const id = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined
  const x = id === undefined ? undefined : store?.get(id)
  if (!x) throw new NotFoundError(`traffic exchange ${String(raw)} not found`)
  return x
}

function streamParam(ctx: AppContext, raw: string | string[] | undefined): string {
  if (typeof raw !== 'string' || !ctx.repos.streams.get(raw))
    throw new NotFoundError(`stream ${String(raw)} not found`)
  return raw
}

function receiverParam(ctx: AppContext, raw: string | string[] | undefined): string {
  if (typeof raw !== 'string' || !ctx.services.receivers.get(raw))
    throw new NotFoundError(`receiver ${String(raw)} not found`)
  return raw
}

function faultsOf(ctx: AppContext) {
  if (!ctx.faults) throw new NotFoundError('fault injection is not available')
  return ctx.faults
}

/** The inspector's routes, mounted in the control-API router. */
export function createTrafficApiRouter(ctx: AppContext): Router {
  const router = Router()

  /** The filters of a traffic query string (list and HAR export alike). */
  const parseQuery = (raw: unknown, limit: number): TrafficQuery => {
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

  router.get('/traffic', (req, res) => {
    const query = parseQuery(req.query, MAX_LIMIT)
    const rows = ctx.traffic?.store.query(query) ?? []
    const last = rows[rows.length - 1]
    res.json({
      items: rows.map(summary),
      next_before: rows.length === query.limit && last ? last.id : null
    })
  })

  // The same filters as the list, so "download HAR" exports what the user is looking at.
  router.get('/traffic/export.har', (req, res) => {
    const query = parseQuery(req.query, HAR_MAX)
    if (req.query.limit === undefined) query.limit = HAR_MAX
    const rows = ctx.traffic?.store.query(query) ?? []
    res
      .set('Content-Disposition', 'attachment; filename="ssf-sim-traffic.har"')
      .type('application/json')
      .send(JSON.stringify(toHar(rows.reverse(), '0.1.0')))
  })

  router.get('/traffic/:id', (req, res) => {
    const x = exchangeParam(ctx, req.params.id)
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
      sets: decodedSets(x, Math.floor(ctx.clock.now() / 1000))
    })
  })

  router.get('/traffic/:id/curl', (req, res) => {
    const x = exchangeParam(ctx, req.params.id)
    res.type('text/plain').send(`${toCurl(x, req.query.reveal === '1')}\n`)
  })

  router.get('/sets/export.ndjson', (req, res) => {
    const stream = typeof req.query.stream_id === 'string' ? req.query.stream_id : undefined
    const rows = ctx.services.delivery.outbound.exportRows(stream)
    res.type('application/x-ndjson')
    res.set('Content-Disposition', 'attachment; filename="ssf-sim-sets.ndjson"')
    res.send(
      rows
        .map((r) => {
          let claims: unknown = null
          try {
            claims = JSON.parse(r.claims)
          } catch {
            // unreadable stored claims stay null
          }
          return JSON.stringify({ ...r, claims })
        })
        .map((l) => `${l}\n`)
        .join('')
    )
  })

  router.post('/deliveries/:id/replay', async (req, res) => {
    const id = req.params.id
    const body = parseWith(replayBodySchema, req.body ?? {}, 'replay request')
    const result: ReplayResponse = await ctx.services.delivery.replay(id, body)
    res.status(202).json(result)
  })

  router.get('/streams/:id/faults', (req, res) => {
    res.json(faultsOf(ctx).stream(streamParam(ctx, req.params.id)))
  })
  router.put('/streams/:id/faults', (req, res) => {
    const id = streamParam(ctx, req.params.id)
    const f = faultsOf(ctx).setStream(id, parseWith(streamFaultsSchema, req.body, 'stream faults'))
    // SETs waiting on a scheduling fault (reorder, delay) go by the new rules at once.
    ctx.services.delivery.wake(id)
    ctx.bus.publish({ type: 'faults.changed', stream_id: id })
    res.json(f)
  })
  router.delete('/streams/:id/faults', (req, res) => {
    const id = streamParam(ctx, req.params.id)
    faultsOf(ctx).clearStream(id)
    ctx.services.delivery.wake(id)
    ctx.bus.publish({ type: 'faults.changed', stream_id: id })
    res.status(204).end()
  })
  router.get('/receivers/:id/faults', (req, res) => {
    res.json(faultsOf(ctx).receiver(receiverParam(ctx, req.params.id)))
  })
  router.put('/receivers/:id/faults', (req, res) => {
    const id = receiverParam(ctx, req.params.id)
    const body = parseWith(receiverFaultsSchema, req.body, 'receiver faults')
    const f = faultsOf(ctx).setReceiver(id, body)
    ctx.bus.publish({ type: 'faults.changed', receiver_id: id })
    res.json(f)
  })
  router.delete('/receivers/:id/faults', (req, res) => {
    const id = receiverParam(ctx, req.params.id)
    faultsOf(ctx).clearReceiver(id)
    ctx.bus.publish({ type: 'faults.changed', receiver_id: id })
    res.status(204).end()
  })

  router.post('/keys/rotate', async (req, res) => {
    const body = parseWith(rotateSchema, req.body ?? {}, 'key rotation')
    const previous = ctx.keys.active()
    const key = await ctx.keys.rotate(body.alg ?? previous.alg, body.grace_seconds, ctx.clock.now())
    ctx.bus.publish({ type: 'keys.rotated', kid: key.kid })
    res.status(201).json({
      kid: key.kid,
      alg: key.alg,
      previous_kid: previous.kid,
      previous_retires_at: Math.floor(ctx.clock.now() / 1000) + body.grace_seconds
    })
  })

  return router
}
