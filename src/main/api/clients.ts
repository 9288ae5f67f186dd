/**
 * `POST /api/clients`, `GET /api/clients`: management-API clients and their tokens.
 * @module
 */
import {
  createClientRequestSchema,
  type ClientSummary,
  type CreateClientResponse
} from '../../shared/api/clients'
import { ConflictError, parseWith, requireJsonObject } from '../../shared/ssf'
import type { ApiHandler } from './deps'

export const post: ApiHandler = ({ infra }) =>
  function createClient(req, res) {
    const body = parseWith(
      createClientRequestSchema,
      requireJsonObject(req.body, 'client'),
      'client'
    )
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
