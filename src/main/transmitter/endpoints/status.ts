/**
 * `status_endpoint`: read (GET `?stream_id=`) and update (POST) stream status.
 * @see SSF 1.0 §8.1.2
 * @module
 */
import type { RequestHandler } from 'express'
import type { EndpointDeps, Read } from './deps'
import { clientOf } from '../../http/bearer-auth'
import { requireStreamIdFromQuery } from './query'

/** GET: the status of the stream the query names. */
export const read =
  ({ scope }: Pick<EndpointDeps, 'scope'>): Read =>
  (client, query) =>
    scope.streams.getStatus(client, requireStreamIdFromQuery(query))

export const post = ({ scope }: Pick<EndpointDeps, 'scope'>): RequestHandler[] => [
  async function updateStatus(req, res) {
    res.status(200).json(await scope.streams.setStatus(clientOf(res), req.body))
  }
]
