/**
 * Subject consents in the control API: `GET /api/consents`, `POST /api/consents` (grant as the
 * simulated user), `DELETE /api/consents/{id}` (revoke) and `PUT /api/streams/{id}/consent`
 * (whether a stream requires consent).
 * @module
 */
import type { RequestHandler } from 'express'
import { z } from 'zod'
import {
  InvalidRequestError,
  NotFoundError,
  parseWith,
  requireJsonObject,
  isSubject,
  validateSubject
} from '../../shared/ssf'
import type { AppContext } from '../core/context'
import { DEFAULT_TENANT } from '../store/streams-repo'

const grantSchema = z.strictObject({
  tenant: z.string().min(1).max(63).optional(),
  subject: z.record(z.string(), z.unknown()),
  client_id: z.string().min(1).max(200).optional()
})
const requiredSchema = z.strictObject({ required: z.boolean() })

function idParam(id: string | string[] | undefined, what: string): string {
  if (typeof id !== 'string') throw new NotFoundError(`${what} not found`)
  return id
}

export const list = (ctx: AppContext): RequestHandler[] => [
  function listConsents(_req, res) {
    res.json(ctx.services.consents.list())
  }
]

export const grant = (ctx: AppContext): RequestHandler[] => [
  function grantConsent(req, res) {
    const body = parseWith(grantSchema, requireJsonObject(req.body, 'consent'), 'consent')
    const tenant = body.tenant ?? DEFAULT_TENANT
    if (!ctx.repos.tenants.exists(tenant))
      throw new InvalidRequestError(`"tenant": no tenant "${tenant}"`)
    const subject: unknown = body.subject
    if (!isSubject(subject))
      throw new InvalidRequestError(
        validateSubject(subject, 'subject')
          .slice(0, 5)
          .map((i) => `"${i.path}": ${i.message}`)
          .join('; ')
      )
    if (body.client_id !== undefined && !ctx.repos.clients.get(body.client_id))
      throw new InvalidRequestError(`"client_id": no client "${body.client_id}"`)
    res.status(201).json(ctx.services.consents.grant(tenant, subject, body.client_id))
  }
]

export const revoke = (ctx: AppContext): RequestHandler[] => [
  function revokeConsent(req, res) {
    const id = idParam(req.params.id, 'consent')
    if (!ctx.services.consents.revoke(id)) throw new NotFoundError(`no active consent "${id}"`)
    res.status(204).end()
  }
]

export const setRequired = (ctx: AppContext): RequestHandler[] => [
  function setConsentRequired(req, res) {
    const id = idParam(req.params.id, 'stream')
    const body = parseWith(requiredSchema, requireJsonObject(req.body, 'consent'), 'consent')
    const stream = ctx.repos.streams.get(id)
    if (!stream) throw new NotFoundError(`stream ${id} not found`)
    ctx.services.consents.setRequired(stream, body.required)
    res.json({ stream_id: id, consent_required: body.required })
  }
]
