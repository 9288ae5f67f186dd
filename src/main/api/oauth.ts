/**
 * `POST /api/oauth/clients`, `GET /api/oauth/clients`: OAuth clients of the embedded
 * authorization server. Each is also a management-API client (it owns the streams it creates).
 * @module
 */
import {
  createOAuthClientRequestSchema,
  type CreateOAuthClientResponse
} from '../../shared/api/oauth'
import { InvalidRequestError, parseWith, requireJsonObject } from '../../shared/ssf'
import type { ApiHandler } from './deps'
import type { OAuthServer } from '../oauth/server'

export const post: ApiHandler = ({ infra, services }) =>
  async function createOAuthClient(req, res) {
    const body = parseWith(
      createOAuthClientRequestSchema,
      requireJsonObject(req.body, 'client'),
      'client'
    )
    if (body.tenant !== undefined && !infra.repos.tenants.exists(body.tenant))
      throw new InvalidRequestError(`"tenant": no tenant "${body.tenant}"`)
    const input: Parameters<OAuthServer['registerClient']>[0] = {
      name: body.name,
      grant_types: body.grant_types
    }
    if (body.redirect_uris !== undefined) input.redirect_uris = body.redirect_uris
    if (body.scope !== undefined) input.scope = body.scope
    if (body.tenant !== undefined) input.tenant = body.tenant
    if (body.token_endpoint_auth_method !== undefined)
      input.token_endpoint_auth_method = body.token_endpoint_auth_method
    const oauth = services.oauth
    const client = await oauth.registerClient(input)
    const out: CreateOAuthClientResponse = {
      ...client,
      issuer: oauth.issuer,
      token_endpoint: `${oauth.issuer}/token`,
      authorization_endpoint: `${oauth.issuer}/auth`
    }
    res.status(201).json(out)
  }

export const get: ApiHandler = ({ services }) =>
  function listOAuthClients(_req, res) {
    res.json(services.oauth.listClients())
  }
