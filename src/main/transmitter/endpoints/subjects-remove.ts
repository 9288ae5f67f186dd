/**
 * `remove_subject_endpoint`: 204. @see SSF 1.0 §8.1.3.3
 * @module
 */
import type { RequestHandler } from 'express'
import type { EndpointDeps } from './deps'
import { clientOf } from '../../http/bearer-auth'

export const post = ({ scope }: Pick<EndpointDeps, 'scope'>): RequestHandler[] => [
  function removeSubject(req, res) {
    scope.streams.removeSubject(clientOf(res), req.body)
    res.status(204).end()
  }
]
