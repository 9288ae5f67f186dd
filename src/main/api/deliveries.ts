/**
 * Delivery of outbound SETs: `GET /api/sets/{jti}` (state, attempts, exchanges),
 * `GET /api/sets/export.ndjson`, `GET /api/deliveries/streams` (per-stream queue depth and last
 * outcome) and `POST /api/deliveries/{id}/replay` (bodies declared in `shared/api/deliveries`).
 * @module
 */
import type { ReplayResponse } from '../../shared/api/contract'
import type { ExportedSet, SetDeliveryView, StreamDelivery } from '../../shared/api/deliveries'
import { NotFoundError, parseWith } from '../../shared/ssf'
import { replayBodySchema } from '../transmitter/delivery/replay'
import { pathParam, type ApiHandler } from './deps'

/** Exchanges listed per SET (its attempts and replays; retries are capped far below this). */
const EXCHANGES_PER_SET = 100

export const readSet: ApiHandler = ({ infra, services }) =>
  function readSetDelivery(req, res) {
    const outbound = services.delivery.outbound
    const jti = pathParam(req.params.jti, 'outbound SET')
    const set = outbound.get(jti)
    if (!set) throw new NotFoundError(`no outbound SET with jti ${jti}`)
    const exchanges = infra.traffic.store.query({ jti: set.jti, limit: EXCHANGES_PER_SET })
    const view: SetDeliveryView = {
      jti: set.jti,
      stream_id: set.stream_id,
      event_type: set.event_type,
      state: set.state,
      attempts: set.attempts,
      next_attempt_at: set.state === 'queued' ? set.next_attempt_at : null,
      last_error: set.last_error,
      created_at: set.created_at,
      updated_at: set.updated_at,
      history: outbound.attempts(set.jti).map((a) => ({
        attempt: a.attempt,
        method: a.method,
        started_at: a.started_at,
        duration_ms: a.duration_ms,
        response_status: a.response_status,
        error: a.error,
        outcome: a.outcome
      })),
      exchanges: exchanges.map((x) => ({ id: x.id, at: x.at, kind: x.kind, status: x.status }))
    }
    res.json(view)
  }

export const exportSets: ApiHandler = ({ services }) =>
  function exportSetsNdjson(req, res) {
    const stream = typeof req.query.stream_id === 'string' ? req.query.stream_id : undefined
    const rows = services.delivery.outbound.exportRows(stream)
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
          return JSON.stringify({ ...r, claims } satisfies ExportedSet)
        })
        .map((l) => `${l}\n`)
        .join('')
    )
  }

export const byStream: ApiHandler = ({ infra, services }) =>
  function listStreamDeliveries(_req, res) {
    const outbound = services.delivery.outbound
    const rows: StreamDelivery[] = infra.repos.streams.listAll().map((stream) => {
      const id = stream.stream_id
      const newest = outbound.listByStream(id, 1)[0]
      const attempt = newest ? outbound.attempts(newest.jti).at(-1) : undefined
      return {
        stream_id: id,
        ...outbound.depth(id),
        last: newest
          ? {
              jti: newest.jti,
              state: newest.state,
              at: newest.updated_at,
              response_status: attempt?.response_status ?? null,
              error: newest.last_error
            }
          : null
      }
    })
    res.json(rows)
  }

export const replay: ApiHandler = ({ services }) =>
  async function replayDelivery(req, res) {
    const body = parseWith(replayBodySchema, req.body ?? {}, 'replay request')
    const result: ReplayResponse = await services.delivery.replay(
      pathParam(req.params.id, 'delivery'),
      body
    )
    res.status(202).json(result)
  }
