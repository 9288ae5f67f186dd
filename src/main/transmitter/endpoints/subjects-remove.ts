/**
 * `remove_subject_endpoint`: 204. @see SSF 1.0 §8.1.3.3
 * @module
 */
import type { RequestHandler } from 'express'
import type { AppContext } from '../../core/context'
import { clientOf } from '../../http/bearer-auth'

export const post = (ctx: AppContext): RequestHandler[] => [
  function removeSubject(req, res) {
    ctx.services.streams.removeSubject(clientOf(res), req.body)
    res.status(204).end()
  }
]
