/**
 * `add_subject_endpoint`: 200 with an empty body. @see SSF 1.0 §8.1.3.2
 * @module
 */
import type { RequestHandler } from 'express'
import type { EndpointDeps } from './deps'
import { clientOf } from '../../http/bearer-auth'

export const post = ({ scope }: Pick<EndpointDeps, 'scope'>): RequestHandler[] => [
  function addSubject(req, res) {
    scope.streams.addSubject(clientOf(res), req.body)
    res.status(200).end()
  }
]
