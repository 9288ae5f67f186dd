/**
 * `POST /api/events`: fire an event at every matching stream.
 * @see DESIGN.md "Public contract"
 * @module
 */
import type { RequestHandler } from 'express'
import type { FireEventResponse } from '../../shared/api/contract'
import { parseWith, requireJsonObject } from '../../shared/ssf'
import { fireEventRequestSchema } from '../../shared/api/events'
import type { AppContext } from '../core/context'

const fireSchema = fireEventRequestSchema

export const post = (ctx: AppContext): RequestHandler[] => [
  async function fireEvent(req, res) {
    const body = parseWith(fireSchema, requireJsonObject(req.body, 'event'), 'event')
    const { sets, findings } = await ctx.services.delivery.emitter.fire(body)
    res.status(201).json({ sets, findings } satisfies FireEventResponse)
  }
]
