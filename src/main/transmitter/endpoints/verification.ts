/**
 * `verification_endpoint`: 204; the verification SET follows asynchronously.
 * @see SSF 1.0 §8.1.4.2
 * @module
 */
import type { RequestHandler } from 'express'
import type { EndpointDeps } from './deps'
import { clientOf } from '../../http/bearer-auth'

export const post = ({ scope }: Pick<EndpointDeps, 'scope'>): RequestHandler[] => [
  async function requestVerification(req, res) {
    await scope.streams.verify(clientOf(res), req.body)
    res.status(204).end()
  }
]
