/**
 * `POST /api/events`: fire an event at every matching stream.
 * @see DESIGN.md "Public contract"
 * @module
 */
import type { RequestHandler } from 'express'
import { z } from 'zod'
import type { FireEventResponse } from '../../shared/api/contract'
import { parseWith, requireJsonObject } from '../../shared/ssf'
import type { AppContext } from '../core/context'

const fireSchema = z.strictObject({
  type: z.string().min(1, 'must be an event type URI or name'),
  subject: z.unknown().refine((v) => v !== undefined, '"subject" is required'),
  claims: z.record(z.string(), z.unknown(), { message: 'must be a JSON object' }).optional(),
  stream_ids: z.array(z.string().min(1)).max(1000).optional(),
  txn: z.string().min(1).max(1024).optional(),
  allow_invalid: z.boolean().optional()
})

export const post = (ctx: AppContext): RequestHandler[] => [
  async function fireEvent(req, res) {
    const body = parseWith(fireSchema, requireJsonObject(req.body, 'event'), 'event')
    const { sets, findings } = await ctx.services.delivery.emitter.fire(body)
    res.status(201).json({ sets, findings } satisfies FireEventResponse)
  }
]
