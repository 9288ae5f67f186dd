/**
 * The Receiver's table of contents: the RFC 8935 push endpoint at
 * `/receiver/{receiver_id}/push`, mounted at the root (not behind the control-API guard: the
 * app under test calls it).
 * @module
 */
import { Router } from 'express'
import { MethodNotAllowedError } from '../../shared/ssf'
import type { AppContext } from '../core/context'
import * as push from './endpoints/push'

/** Path of a receiver's push endpoint. */
export const RECEIVER_PUSH_PATH = '/receiver/:receiver_id/push'

export function createReceiverRouter(ctx: AppContext): Router {
  const router = Router()
  router.post(RECEIVER_PUSH_PATH, ...push.post(ctx))
  router.all(RECEIVER_PUSH_PATH, (req) => {
    throw new MethodNotAllowedError(req.method, ['POST'])
  })
  return router
}
