/**
 * The simulated user's consent screen: `GET /consent/{tenant}` shows who asks to receive
 * security events about the user; approving records a consent for the user's email subject
 * (optionally only for one Receiver, `?client_id=`), which verifies the subject in the tenant's
 * consent-required streams. `POST /consent/{tenant}/revoke` withdraws it.
 * @module
 */
import express, { Router } from 'express'
import { z } from 'zod'
import { InvalidRequestError, NotFoundError } from '../../shared/ssf'
import type { CoreContext } from '../core/core-context'
import { requireLocalSameOriginHost } from '../http/control-guard'
import { escapeHtml, sendPage } from '../oauth/html'
import type { ConsentsService } from './consents'

const grantForm = z.object({
  email: z.email().max(320),
  decision: z.enum(['approve', 'deny']),
  client_id: z.string().min(1).max(200).optional()
})
const revokeForm = z.object({ consent_id: z.string().min(1).max(100) })

/** Routes `/consent/{tenant}` (mounted at the root). */
export function createConsentRouter(ctx: CoreContext, consents: ConsentsService): Router {
  const router = Router()

  function tenantParam(raw: string | string[] | undefined): string {
    if (typeof raw !== 'string' || !ctx.repos.tenants.exists(raw))
      throw new NotFoundError(`no tenant "${String(raw)}"`)
    return raw
  }
  function receiverName(clientId: string | undefined): string {
    if (clientId === undefined) return 'every Receiver of this tenant'
    const client = ctx.repos.clients.get(clientId)
    if (!client) throw new NotFoundError(`no client "${clientId}"`)
    return client.name
  }

  router.use('/consent', (req, _res, next) => {
    requireLocalSameOriginHost(ctx, req)
    next()
  })
  router.use('/consent', express.urlencoded({ extended: false, limit: '16kb' }))

  router.get('/consent/:tenant', (req, res) => {
    const tenant = tenantParam(req.params.tenant)
    const clientId = typeof req.query.client_id === 'string' ? req.query.client_id : undefined
    const who = receiverName(clientId)
    sendPage(
      res,
      'Share security events?',
      `<h1>Share security events about you?</h1>
<p><strong data-testid="consent-receiver">${escapeHtml(who)}</strong> wants to receive security events
(session revoked, credential change, …) about your account in tenant <code>${escapeHtml(tenant)}</code>.</p>
<form method="post" action="/consent/${escapeHtml(tenant)}">
${clientId === undefined ? '' : `<input type="hidden" name="client_id" value="${escapeHtml(clientId)}">`}
<label>Your email <input type="email" name="email" required data-testid="consent-email"></label>
<button type="submit" name="decision" value="approve" data-testid="consent-allow">Allow</button>
<button type="submit" name="decision" value="deny" data-testid="consent-refuse">Don't allow</button>
</form>`
    )
  })

  router.post('/consent/:tenant', (req, res) => {
    const tenant = tenantParam(req.params.tenant)
    const form = grantForm.safeParse(req.body)
    if (!form.success) throw new InvalidRequestError('the form needs a valid email and a decision')
    const who = receiverName(form.data.client_id)
    if (form.data.decision === 'deny') {
      sendPage(res, 'Not shared', `<h1 data-testid="consent-result">Nothing will be shared.</h1>`)
      return
    }
    const consent = consents.grant(
      tenant,
      { format: 'email', email: form.data.email },
      form.data.client_id
    )
    sendPage(
      res,
      'Consent recorded',
      `<h1 data-testid="consent-result">Sharing with ${escapeHtml(who)} is allowed.</h1>
<p>Consent <code data-testid="consent-id">${escapeHtml(consent.consent_id)}</code> for ${escapeHtml(form.data.email)}.</p>
<form method="post" action="/consent/${escapeHtml(tenant)}/revoke">
<input type="hidden" name="consent_id" value="${escapeHtml(consent.consent_id)}">
<button type="submit" data-testid="consent-revoke">Withdraw consent</button>
</form>`
    )
  })

  router.post('/consent/:tenant/revoke', (req, res) => {
    tenantParam(req.params.tenant)
    const form = revokeForm.safeParse(req.body)
    if (!form.success) throw new InvalidRequestError('"consent_id" is required')
    if (!consents.revoke(form.data.consent_id))
      throw new NotFoundError(`no active consent "${form.data.consent_id}"`)
    sendPage(res, 'Consent withdrawn', `<h1 data-testid="consent-result">Consent withdrawn.</h1>`)
  })

  return router
}
