/**
 * `status_endpoint`: read (GET `?stream_id=`) and update (POST) stream status.
 * @see SSF 1.0 §8.1.2
 * @module
 */
import type { RequestHandler } from 'express'
import type { EndpointDeps } from './deps'
import { clientOf } from '../../http/bearer-auth'
import { requireStreamIdFromQuery } from './query'

export const get = ({ scope }: Pick<EndpointDeps, 'scope'>): RequestHandler[] => [
  function readStatus(req, res) {
    res.status(200).json(scope.streams.getStatus(clientOf(res), requireStreamIdFromQuery(req)))
  }
]

export const post = ({ scope }: Pick<EndpointDeps, 'scope'>): RequestHandler[] => [
  async function updateStatus(req, res) {
    res.status(200).json(await scope.streams.setStatus(clientOf(res), req.body))
  }
]
