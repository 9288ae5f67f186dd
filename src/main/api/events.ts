/**
 * `POST /api/events`: fire an event at every matching stream.
 * @see DESIGN.md "Public contract"
 * @module
 */
import type { FireEventResponse } from '../../shared/api/contract'
import { parseWith, requireJsonObject } from '../../shared/ssf'
import { fireEventRequestSchema } from '../../shared/api/events'
import type { ApiHandler } from './deps'

const fireSchema = fireEventRequestSchema

export const post: ApiHandler = ({ services }) =>
  async function fireEvent(req, res) {
    const body = parseWith(fireSchema, requireJsonObject(req.body, 'event'), 'event')
    const { sets, findings } = await services.delivery.emitter.fire(body)
    res.status(201).json({ sets, findings } satisfies FireEventResponse)
  }
