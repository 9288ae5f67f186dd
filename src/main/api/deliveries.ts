/**
 * Delivery state of outbound SETs: `GET /api/sets/{jti}` and `GET /api/deliveries/streams`
 * (bodies declared in `shared/api/deliveries`).
 * @module
 */
import { Router } from 'express'
import type { SetDeliveryView, StreamDelivery } from '../../shared/api/deliveries'
import { NotFoundError } from '../../shared/ssf'
import type { AppContext } from '../core/context'

/** Exchanges listed per SET (its attempts and replays; retries are capped far below this). */
const EXCHANGES_PER_SET = 100

/** The routes, mounted in the control-API router. */
export function createDeliveriesApiRouter(ctx: AppContext): Router {
  const router = Router()
  const outbound = () => ctx.services.delivery.outbound

  router.get('/sets/:jti', (req, res) => {
    const set = outbound().get(req.params.jti)
    if (!set) throw new NotFoundError(`no outbound SET with jti ${req.params.jti}`)
    const exchanges = ctx.traffic?.store.query({ jti: set.jti, limit: EXCHANGES_PER_SET }) ?? []
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
      history: outbound()
        .attempts(set.jti)
        .map((a) => ({
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
  })

  router.get('/deliveries/streams', (_req, res) => {
    const rows: StreamDelivery[] = ctx.repos.streams.listAll().map((stream) => {
      const id = stream.stream_id
      const newest = outbound().listByStream(id, 1)[0]
      const attempt = newest ? outbound().attempts(newest.jti).at(-1) : undefined
      return {
        stream_id: id,
        ...outbound().depth(id),
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
  })

  return router
}
