/**
 * Subject consents in the control API: `GET /api/consents`, `POST /api/consents` (grant as the
 * simulated user) and `DELETE /api/consents/{id}` (revoke). Whether a stream requires consent is
 * set in `streams.ts`.
 * @module
 */
import { grantConsentRequestSchema } from '../../shared/api/consents'
import {
  InvalidRequestError,
  NotFoundError,
  parseWith,
  requireJsonObject,
  isSubject,
  validateSubject
} from '../../shared/ssf'
import { pathParam, type ApiHandler } from './deps'
import { DEFAULT_TENANT } from '../store/streams-repo'

export const list: ApiHandler = ({ services }) =>
  function listConsents(_req, res) {
    res.json(services.consents.list())
  }

export const grant: ApiHandler = ({ infra, services }) =>
  function grantConsent(req, res) {
    const body = parseWith(
      grantConsentRequestSchema,
      requireJsonObject(req.body, 'consent'),
      'consent'
    )
    const tenant = body.tenant ?? DEFAULT_TENANT
    if (!infra.repos.tenants.exists(tenant))
      throw new InvalidRequestError(`"tenant": no tenant "${tenant}"`)
    const subject: unknown = body.subject
    if (!isSubject(subject))
      throw new InvalidRequestError(
        validateSubject(subject, 'subject')
          .slice(0, 5)
          .map((i) => `"${i.path}": ${i.message}`)
          .join('; ')
      )
    if (body.client_id !== undefined && !infra.repos.clients.get(body.client_id))
      throw new InvalidRequestError(`"client_id": no client "${body.client_id}"`)
    res.status(201).json(services.consents.grant(tenant, subject, body.client_id))
  }

export const revoke: ApiHandler = ({ services }) =>
  function revokeConsent(req, res) {
    const id = pathParam(req.params.id, 'consent')
    if (!services.consents.revoke(id)) throw new NotFoundError(`no active consent "${id}"`)
    res.status(204).end()
  }
