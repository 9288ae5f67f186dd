/**
 * The control API (`/api/*`): the app's own control plane for the UI and the CLI.
 * Guarded against DNS rebinding and cross-site requests; needs the simulator token or a UI session.
 * @module
 */
import { Router } from 'express'
import type { SessionInfo } from '../../shared/api/contract'
import { discoveryUrl } from '../../shared/ssf'
import type { AppContext } from '../core/context'
import { jsonBody, limitJsonDepth } from '../http/body'
import { requireAdmin, requireLocalSameOrigin } from '../http/control-guard'
import { notFoundHandler } from '../http/error-handler'
import * as clients from './clients'
import * as consents from './consents'
import * as eventTypes from './event-types'
import * as events from './events'
import * as live from './live'
import * as oauth from './oauth'
import { createReceiversApiRouter } from './receivers'
import * as streams from './streams'
import * as subjectFormats from './subject-formats'
import { createUiStreamsRouter } from './ui-streams'
import { createUiPreviewRouter } from './ui-preview'
import { createUiTemplatesRouter } from './ui-templates'
import * as tenants from './tenants'
import { createTrafficApiRouter } from './traffic'
import { createUiInspectorRouter } from './ui-inspector'
import { createDeliveriesApiRouter } from './deliveries'
import { createTlsApiRouter } from './tls'

/** Version reported by `/api/session`. */
export const APP_VERSION = '0.1.0'

export function createApiRouter(ctx: AppContext): Router {
  const router = Router()
  router.use(requireLocalSameOrigin(ctx), requireAdmin(ctx), jsonBody, limitJsonDepth)
  router.get('/session', (_req, res) => {
    const info: SessionInfo = {
      issuer: ctx.issuer,
      metadata_url: discoveryUrl(ctx.issuer),
      token: ctx.adminToken,
      version: APP_VERSION
    }
    res.json(info)
  })
  router.get('/clients', ...clients.get(ctx))
  router.post('/clients', ...clients.post(ctx))
  router.get('/streams', ...streams.list(ctx))
  router.get('/streams/:id', ...streams.getOne(ctx))
  router.post('/streams/:id/status', ...streams.setStatus(ctx))
  router.post('/streams/:id/check', ...streams.check(ctx))
  router.get('/live', ...live.get(ctx))
  eventTypes.mount(router, ctx)
  subjectFormats.mount(router, ctx)
  router.use(createTrafficApiRouter(ctx))
  router.use(createUiInspectorRouter(ctx))
  router.use(createDeliveriesApiRouter(ctx))
  router.use(createTlsApiRouter(ctx))
  router.use('/receivers', createReceiversApiRouter(ctx))
  router.use(createUiStreamsRouter(ctx))
  router.use(createUiPreviewRouter(ctx))
  router.use(createUiTemplatesRouter(ctx))
  router.post('/events', ...events.post(ctx))
  router.get('/oauth/clients', ...oauth.get(ctx))
  router.post('/oauth/clients', ...oauth.post(ctx))
  router.get('/tenants', ...tenants.get(ctx))
  router.post('/tenants', ...tenants.post(ctx))
  router.get('/consents', ...consents.list(ctx))
  router.post('/consents', ...consents.grant(ctx))
  router.delete('/consents/:id', ...consents.revoke(ctx))
  router.put('/streams/:id/consent', ...consents.setRequired(ctx))
  router.use(notFoundHandler)
  return router
}
