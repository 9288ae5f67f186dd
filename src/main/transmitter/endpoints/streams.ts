/**
 * `configuration_endpoint`: create (POST), read/list (GET), update (PATCH), replace (PUT),
 * delete (DELETE). @see SSF 1.0 §8.1.1
 * @module
 */
import type { RequestHandler } from 'express'
import type { AppContext } from '../../core/context'
import { clientOf } from '../../http/bearer-auth'
import { requireStreamIdFromQuery, streamIdFromQuery } from './query'

export const post = (ctx: AppContext): RequestHandler[] => [
  function createStream(req, res) {
    res.status(201).json(ctx.services.streams.create(clientOf(res), req.body))
  }
]

export const get = (ctx: AppContext): RequestHandler[] => [
  function readStreams(req, res) {
    const id = streamIdFromQuery(req)
    const client = clientOf(res)
    res
      .status(200)
      .json(
        id === undefined ? ctx.services.streams.list(client) : ctx.services.streams.read(client, id)
      )
  }
]

export const patch = (ctx: AppContext): RequestHandler[] => [
  function updateStream(req, res) {
    res.status(200).json(ctx.services.streams.update(clientOf(res), req.body, 'update'))
  }
]

export const put = (ctx: AppContext): RequestHandler[] => [
  function replaceStream(req, res) {
    res.status(200).json(ctx.services.streams.update(clientOf(res), req.body, 'replace'))
  }
]

export const del = (ctx: AppContext): RequestHandler[] => [
  async function deleteStream(req, res) {
    await ctx.services.streams.delete(clientOf(res), requireStreamIdFromQuery(req))
    res.status(204).end()
  }
]
