/**
 * `POST /api/clients`, `GET /api/clients`: management-API clients and their tokens.
 * @module
 */
import { z } from 'zod'
import type { ClientSummary, CreateClientResponse } from '../../shared/api/contract'
import { ConflictError, parseWith, requireJsonObject } from '../../shared/ssf'
import type { ApiHandler } from './deps'

const createClientSchema = z.strictObject({
  name: z.string().trim().min(1, 'must be a non-empty string').max(200),
  audience: z.string().min(1).max(2048).optional(),
  // A fixed token lets a pipeline configure the app under test before the simulator starts.
  token: z
    .string()
    .regex(/^[\x21-\x7e]{8,512}$/, 'must be 8-512 visible ASCII characters')
    .optional()
})

export const post: ApiHandler = ({ infra }) =>
  function createClient(req, res) {
    const body = parseWith(createClientSchema, requireJsonObject(req.body, 'client'), 'client')
    if (body.token !== undefined && infra.repos.clients.findByToken(body.token))
      throw new ConflictError('that token belongs to another client already')
    const client = infra.repos.clients.create(body.name, infra.clock.now(), {
      ...(body.audience === undefined ? {} : { audience: body.audience }),
      ...(body.token === undefined ? {} : { token: body.token })
    })
    infra.bus.publish({ type: 'client.created', client_id: client.client_id })
    const out: CreateClientResponse = {
      client_id: client.client_id,
      token: client.token,
      name: client.name,
      audience: client.audience
    }
    res.status(201).json(out)
  }

export const get: ApiHandler = ({ infra }) =>
  function listClients(_req, res) {
    const out: ClientSummary[] = infra.repos.clients.list().map((c) => ({
      client_id: c.client_id,
      name: c.name,
      audience: c.audience,
      is_default: c.is_default,
      created_at: c.created_at
    }))
    res.json(out)
  }
