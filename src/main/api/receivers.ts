/**
 * Control API of the embedded Receiver (`/api/receivers/*`): register external Transmitters,
 * drive their management API, poll, read the inbox and exchanges, run the conformance check.
 * Management calls against the Transmitter answer 200 with `{ok, status, error?}` — a failing
 * Transmitter is data, not an error of ours (STYLE rule 4).
 * @module
 */
import { Router, type Request } from 'express'
import { z } from 'zod'
import { InvalidRequestError, NotFoundError, parseWith } from '../../shared/ssf'
import { transmitterCheckRequestSchema, type ConformanceReport } from '../../shared/api/conformance'
import type { AppContext } from '../core/context'
import { runConformanceCheck } from '../receiver/check'

function idOf(req: Request): string {
  const id = req.params.id
  if (typeof id !== 'string') throw new NotFoundError('receiver not found')
  return id
}

const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().min(1).optional()
})

function page(req: Request): { limit: number; before?: number } {
  const parsed = parseWith(pageSchema, req.query, 'query')
  return parsed.before === undefined
    ? { limit: parsed.limit }
    : { limit: parsed.limit, before: parsed.before }
}

function queryStreamId(req: Request): string | undefined {
  const v = req.query.stream_id
  if (v === undefined) return undefined
  if (typeof v !== 'string') throw new InvalidRequestError('"stream_id" must be a single value')
  return v
}

/** The `/api/receivers` router (mounted under the control API's guards and JSON parser). */
export function createReceiversApiRouter(ctx: AppContext): Router {
  const router = Router()
  const svc = () => ctx.services.receivers
  router.get('/', (_req, res) => {
    res.json(svc().list())
  })
  router.post('/', async (req, res) => {
    res.status(201).json(await svc().register(req.body))
  })
  router.get('/:id', (req, res) => {
    res.json(svc().get(idOf(req)))
  })
  router.patch('/:id', (req, res) => {
    res.json(svc().update(idOf(req), req.body))
  })
  router.delete('/:id', (req, res) => {
    svc().remove(idOf(req))
    res.status(204).end()
  })
  router.get('/:id/inbox', (req, res) => {
    const { limit, before } = page(req)
    res.json(svc().inbox(idOf(req), limit, before))
  })
  router.get('/:id/exchanges', (req, res) => {
    const { limit, before } = page(req)
    res.json(svc().exchanges(idOf(req), limit, before))
  })
  router.get('/:id/exchanges/:exchange', (req, res) => {
    const n = Number(req.params.exchange)
    if (!Number.isInteger(n)) throw new NotFoundError('exchange not found')
    res.json(svc().exchange(idOf(req), n))
  })
  router.post('/:id/stream', async (req, res) => {
    res.json(await svc().createStream(idOf(req), req.body))
  })
  router.get('/:id/stream', async (req, res) => {
    res.json(await svc().readStream(idOf(req), queryStreamId(req), req.query.all === 'true'))
  })
  router.patch('/:id/stream', async (req, res) => {
    res.json(await svc().updateStream(idOf(req), req.body, 'update'))
  })
  router.put('/:id/stream', async (req, res) => {
    res.json(await svc().updateStream(idOf(req), req.body, 'replace'))
  })
  router.delete('/:id/stream', async (req, res) => {
    res.json(await svc().deleteStream(idOf(req), queryStreamId(req)))
  })
  router.get('/:id/status', async (req, res) => {
    res.json(await svc().getStatus(idOf(req), queryStreamId(req)))
  })
  router.post('/:id/status', async (req, res) => {
    res.json(await svc().setStatus(idOf(req), req.body))
  })
  router.post('/:id/subjects/add', async (req, res) => {
    res.json(await svc().subject(idOf(req), 'add', req.body))
  })
  router.post('/:id/subjects/remove', async (req, res) => {
    res.json(await svc().subject(idOf(req), 'remove', req.body))
  })
  router.post('/:id/verify', async (req, res) => {
    res.json(await svc().verify(idOf(req), req.body))
  })
  router.post('/:id/poll', async (req, res) => {
    res.json(await svc().poll(idOf(req)))
  })
  router.post('/:id/check', async (req, res) => {
    const id = idOf(req)
    const options = parseWith(transmitterCheckRequestSchema, req.body ?? {}, 'check request')
    svc().get(id)
    try {
      const report: ConformanceReport = {
        receiver_id: id,
        checks: await runConformanceCheck(svc(), id, {
          verificationWaitMs: options.verification_wait_seconds * 1000,
          eventWaitMs: options.event_wait_seconds * 1000,
          onWaiting: (checkId, action, ms) =>
            ctx.bus.publish({
              type: 'check.waiting',
              target: 'receiver',
              id,
              check_id: checkId,
              action,
              deadline: Date.now() + ms
            })
        })
      }
      res.json(report)
    } finally {
      ctx.bus.publish({ type: 'check.finished', target: 'receiver', id })
    }
  })
  return router
}
