/**
 * `status_endpoint`: read (GET `?stream_id=`) and update (POST) stream status.
 * @see SSF 1.0 §8.1.2
 * @module
 */
import type { RequestHandler } from 'express'
import type { AppContext } from '../../core/context'
import { clientOf } from '../../http/bearer-auth'
import { requireStreamIdFromQuery } from './query'

export const get = (ctx: AppContext): RequestHandler[] => [
  function readStatus(req, res) {
    res
      .status(200)
      .json(ctx.services.streams.getStatus(clientOf(res), requireStreamIdFromQuery(req)))
  }
]

export const post = (ctx: AppContext): RequestHandler[] => [
  async function updateStatus(req, res) {
    res.status(200).json(await ctx.services.streams.setStatus(clientOf(res), req.body))
  }
]
