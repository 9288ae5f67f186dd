/**
 * The tenant-administrator consent screen of the authorization-code grant: a minimal
 * server-rendered page where a simulated administrator picks the tenant and approves (or denies)
 * the scopes a client asks for. Approving binds the resulting tokens to that tenant.
 * @see RFC 6749 §4.1; oidc-provider "interactions"
 * @module
 */
import { Router, type Response } from 'express'
import type Provider from 'oidc-provider'
import { z } from 'zod'
import { InvalidRequestError } from '../../shared/ssf'
import { DEFAULT_TENANT } from '../store/streams-repo'
import { tenantIssuer, type TenantsRepo } from '../store/tenants-repo'
import { tenantAdminAccount } from './accounts'
import { escapeHtml, sendPage } from './html'

interface InteractionDeps {
  provider: Provider
  tenants: TenantsRepo
  /** Root resource (the Transmitter issuer). */
  resource: string
  scopes: readonly string[]
}

const decisionSchema = z.object({
  decision: z.enum(['approve', 'deny']),
  tenant: z.string().min(1).max(63).optional()
})

/** Routes below `/oauth/interaction`. */
export function createInteractionRouter(deps: InteractionDeps): Router {
  const { provider, tenants, resource } = deps
  const router = Router()

  async function load(req: Parameters<Provider['interactionDetails']>[0], res: Response) {
    let details: Awaited<ReturnType<Provider['interactionDetails']>>
    try {
      details = await provider.interactionDetails(req, res)
    } catch {
      throw new InvalidRequestError(
        'this authorization request has expired or its cookie is missing; start it again'
      )
    }
    const clientId = details.params['client_id']
    const client = typeof clientId === 'string' ? await provider.Client.find(clientId) : undefined
    if (!client) throw new InvalidRequestError('the authorization request names no known client')
    const bound = client.metadata()['tenant']
    const requested = details.params['scope']
    const scopes = (typeof requested === 'string' ? requested.split(' ') : []).filter((s) =>
      deps.scopes.includes(s)
    )
    const resourceParam = details.params['resource']
    return {
      details,
      client,
      bound: typeof bound === 'string' ? bound : undefined,
      scopes,
      resourceParam: typeof resourceParam === 'string' ? resourceParam : undefined
    }
  }

  /** The tenant a resource indicator preselects (`{root}/t/{id}` → id). */
  const tenantOfResource = (indicator: string | undefined): string | undefined => {
    if (indicator === undefined) return undefined
    const prefix = `${resource.replace(/\/$/, '')}/t/`
    return indicator.startsWith(prefix) ? indicator.slice(prefix.length) : undefined
  }

  router.get('/:uid', async (req, res) => {
    const { details, client, bound, scopes, resourceParam } = await load(req, res)
    const preselected = bound ?? tenantOfResource(resourceParam) ?? DEFAULT_TENANT
    const choices = bound ? [bound] : [DEFAULT_TENANT, ...tenants.list().map((t) => t.tenant_id)]
    const options = choices
      .map(
        (t) =>
          `<option value="${escapeHtml(t)}"${t === preselected ? ' selected' : ''}>${escapeHtml(t)} — ${escapeHtml(tenantIssuer(resource, t))}</option>`
      )
      .join('')
    const name = client.metadata().client_name ?? client.clientId
    sendPage(
      res,
      'Authorize access to the SSF Transmitter',
      `<h1>Tenant administrator consent</h1>
<p><strong data-testid="consent-client">${escapeHtml(name)}</strong> asks to manage Shared Signals streams.</p>
<p>Scopes: <span data-testid="consent-scopes">${escapeHtml(scopes.join(' ') || '(none)')}</span></p>
<form method="post" action="/oauth/interaction/${escapeHtml(details.uid)}/confirm">
<label>Tenant <select name="tenant" data-testid="consent-tenant">${options}</select></label>
<button type="submit" name="decision" value="approve" data-testid="consent-approve">Approve</button>
<button type="submit" name="decision" value="deny" data-testid="consent-deny">Deny</button>
</form>`
    )
  })

  router.post('/:uid/confirm', async (req, res) => {
    const { client, bound, scopes, resourceParam } = await load(req, res)
    const parsed = decisionSchema.safeParse(req.body)
    if (!parsed.success) throw new InvalidRequestError('"decision" must be approve or deny')
    if (parsed.data.decision === 'deny') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the tenant administrator denied access' },
        { mergeWithLastSubmission: false }
      )
      return
    }
    const tenant = bound ?? parsed.data.tenant ?? DEFAULT_TENANT
    if (!tenants.exists(tenant) || (bound !== undefined && tenant !== bound))
      throw new InvalidRequestError(`unknown tenant "${tenant}"`)
    const requestedTenant = tenantOfResource(resourceParam)
    if (requestedTenant !== undefined && requestedTenant !== tenant)
      throw new InvalidRequestError(
        `the client asked for tenant "${requestedTenant}" (resource); approve that tenant or deny`
      )
    const target = resourceParam ?? (bound === undefined ? resource : tenantIssuer(resource, bound))
    const accountId = tenantAdminAccount(tenant)
    const grant = new provider.Grant({ accountId, clientId: client.clientId })
    if (scopes.length > 0) {
      // ssf.* are registered AS scopes (so client `scope` metadata restricts them) and resource
      // scopes of the Transmitter: the grant must cover both views.
      grant.addOIDCScope(scopes.join(' '))
      grant.addResourceScope(target, scopes.join(' '))
    }
    const grantId = await grant.save()
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false }
    )
  })

  return router
}
