/**
 * `configuration_endpoint`: create (POST), read/list (GET), update (PATCH), replace (PUT),
 * delete (DELETE). @see SSF 1.0 §8.1.1
 * @module
 */
import type { RequestHandler } from 'express'
import type { EndpointDeps, Read } from './deps'
import { clientOf } from '../../http/bearer-auth'
import { requireStreamIdFromQuery, streamIdFromQuery } from './query'

export const post = ({ scope }: Pick<EndpointDeps, 'scope'>): RequestHandler[] => [
  function createStream(req, res) {
    res.status(201).json(scope.streams.create(clientOf(res), req.body))
  }
]

/** GET: the stream the query names, or every stream of the client. */
export const read =
  ({ scope }: Pick<EndpointDeps, 'scope'>): Read =>
  (client, query) => {
    const id = streamIdFromQuery(query)
    return id === undefined ? scope.streams.list(client) : scope.streams.read(client, id)
  }

export const patch = ({ scope }: Pick<EndpointDeps, 'scope'>): RequestHandler[] => [
  function updateStream(req, res) {
    res.status(200).json(scope.streams.update(clientOf(res), req.body, 'update'))
  }
]

export const put = ({ scope }: Pick<EndpointDeps, 'scope'>): RequestHandler[] => [
  function replaceStream(req, res) {
    res.status(200).json(scope.streams.update(clientOf(res), req.body, 'replace'))
  }
]

export const del = ({ scope }: Pick<EndpointDeps, 'scope'>): RequestHandler[] => [
  async function deleteStream(req, res) {
    await scope.streams.delete(clientOf(res), requireStreamIdFromQuery(req.query))
    res.status(204).end()
  }
]
