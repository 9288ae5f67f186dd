/**
 * The Receiver's table of contents: the RFC 8935 push endpoint at
 * `/receiver/{receiver_id}/push`, mounted at the root (not behind the control-API guard: the
 * app under test calls it).
 * @module
 */
import { Router, type ErrorRequestHandler } from 'express'
import { MethodNotAllowedError } from '../../shared/ssf'
import type { AppContext } from '../core/context'
import { toErrorResponse } from '../http/error-handler'
import * as push from './endpoints/push'

/** Path of a receiver's push endpoint. */
export const RECEIVER_PUSH_PATH = '/receiver/:receiver_id/push'

export function createReceiverRouter(ctx: AppContext): Router {
  const router = Router()
  router.post(RECEIVER_PUSH_PATH, ...push.post(ctx))
  router.all(RECEIVER_PUSH_PATH, (req) => {
    throw new MethodNotAllowedError(req.method, ['POST'])
  })
  const recordRefusal: ErrorRequestHandler = (err, req, _res, next) => {
    const id = req.params.receiver_id
    const { status, body } = toErrorResponse(err)
    if (typeof id === 'string' && status !== 404 && status < 500)
      ctx.services.receivers.recordRefusedPush(
        id,
        { url: `${ctx.origin}${req.originalUrl}`, headers: req.headers },
        status,
        body
      )
    next(err)
  }
  router.use(RECEIVER_PUSH_PATH, recordRefusal)
  return router
}
