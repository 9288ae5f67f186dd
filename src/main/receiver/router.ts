/**
 * The Receiver's table of contents: the RFC 8935 push endpoint at
 * `/receiver/{receiver_id}/push`, mounted at the root (not behind the control-API guard: the
 * app under test calls it).
 * @module
 */
import { Router, type ErrorRequestHandler } from 'express'
import { MethodNotAllowedError } from '../../shared/ssf'
import { toErrorResponse } from '../http/error-handler'
import * as push from './endpoints/push'
import type { PushReceiver } from './push-receiver'

/** Path of a receiver's push endpoint. */
export const RECEIVER_PUSH_PATH = '/receiver/:receiver_id/push'

/** The push endpoint over the Receiver's push logic; `origin` is our server's. */
export function createReceiverRouter(receiver: PushReceiver, origin: string): Router {
  const router = Router()
  router.post(RECEIVER_PUSH_PATH, ...push.post(receiver, origin))
  router.all(RECEIVER_PUSH_PATH, (req) => {
    throw new MethodNotAllowedError(req.method, ['POST'])
  })
  // A push refused before the handler (body too large, aborted) is still kept in the inbox.
  const recordRefusal: ErrorRequestHandler = (err, req, res, next) => {
    const id = req.params.receiver_id
    const { status, body } = toErrorResponse(err)
    if (typeof id === 'string' && status !== 404 && status < 500) {
      const recorded = receiver.refuse(
        id,
        { url: `${origin}${req.originalUrl}`, headers: req.headers },
        status,
        body
      )
      if (recorded !== undefined) res.locals.trafficRecorded = true
    }
    next(err)
  }
  router.use(RECEIVER_PUSH_PATH, recordRefusal)
  return router
}
