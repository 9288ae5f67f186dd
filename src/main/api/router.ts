/**
 * The control API's table of contents (`/api/*`, the app's own control plane for the UI and the
 * CLI): every path, method and handler in one table. Every route has the same guards, applied
 * before the table: the Host must be one we serve (DNS rebinding), the request same-origin (CSRF),
 * and the credential the simulator token or a UI session. Handlers get the infrastructure and the
 * services they use explicitly ({@link ApiDeps}).
 *
 * Order matters where paths overlap: a literal segment (`/traffic/export.har`) comes before the
 * parameter it would match (`/traffic/:id`). Anything unlisted is a JSON 404.
 * @module
 */
import { Router, type RequestHandler } from 'express'
import { jsonBody, limitJsonDepth } from '../http/body'
import { requireAdmin, requireLocalSameOrigin } from '../http/control-guard'
import { notFoundHandler } from '../http/error-handler'
import * as clients from './clients'
import * as consents from './consents'
import * as deliveries from './deliveries'
import type { ApiDeps } from './deps'
import * as eventTypes from './event-types'
import * as events from './events'
import * as faults from './faults'
import * as keys from './keys'
import * as live from './live'
import * as oauth from './oauth'
import * as receivers from './receivers'
import * as session from './session'
import * as settings from './settings'
import * as streams from './streams'
import * as subjectFormats from './subject-formats'
import * as templates from './templates'
import * as tenants from './tenants'
import * as tls from './tls'
import * as traffic from './traffic'
import { preview } from './ui-preview'

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete'

/** One control-API route: method, path below `/api`, handler. */
export interface ApiRoute {
  method: Method
  path: string
  handler: RequestHandler
}

/** Every control-API route, in matching order. */
export function apiRoutes(deps: ApiDeps): readonly ApiRoute[] {
  const ca = tls.localCa(deps)
  const route = (method: Method, path: string, handler: RequestHandler): ApiRoute => ({
    method,
    path,
    handler
  })
  return [
    route('get', '/session', session.read(deps)),
    route('get', '/settings', settings.read(deps)),
    route('get', '/live', live.get(deps)),

    route('get', '/clients', clients.get(deps)),
    route('post', '/clients', clients.post(deps)),
    route('get', '/oauth/clients', oauth.get(deps)),
    route('post', '/oauth/clients', oauth.post(deps)),
    route('get', '/tenants', tenants.get(deps)),
    route('post', '/tenants', tenants.post(deps)),

    route('get', '/streams', streams.list(deps)),
    route('post', '/streams', streams.create(deps)),
    route('get', '/streams/:id', streams.read(deps)),
    route('patch', '/streams/:id', streams.update(deps)),
    route('delete', '/streams/:id', streams.remove(deps)),
    route('post', '/streams/:id/status', streams.setStatus(deps)),
    route('post', '/streams/:id/subjects', streams.addSubject(deps)),
    route('delete', '/streams/:id/subjects', streams.removeSubject(deps)),
    route('post', '/streams/:id/verify', streams.verify(deps)),
    route('put', '/streams/:id/consent', streams.setConsentRequired(deps)),
    route('post', '/streams/:id/check', streams.check(deps)),

    route('get', '/faults', faults.overview(deps)),
    route('get', '/streams/:id/faults', faults.ofStream(deps)),
    route('put', '/streams/:id/faults', faults.setOfStream(deps)),
    route('delete', '/streams/:id/faults', faults.clearOfStream(deps)),
    route('get', '/receivers/:id/faults', faults.ofReceiver(deps)),
    route('put', '/receivers/:id/faults', faults.setOfReceiver(deps)),
    route('delete', '/receivers/:id/faults', faults.clearOfReceiver(deps)),

    route('get', '/event-types', eventTypes.list(deps)),
    route('post', '/event-types', eventTypes.post(deps)),
    route('delete', '/event-types/:id', eventTypes.del(deps)),
    route('get', '/subject-formats', subjectFormats.list(deps)),
    route('post', '/subject-formats', subjectFormats.post(deps)),
    route('delete', '/subject-formats/:name', subjectFormats.del(deps)),

    route('post', '/events', events.post(deps)),
    route('post', '/events/preview', preview(deps)),
    route('get', '/templates', templates.list(deps)),
    route('post', '/templates', templates.save(deps)),
    route('delete', '/templates/:id', templates.remove(deps)),

    route('get', '/sets/export.ndjson', deliveries.exportSets(deps)),
    route('get', '/sets/:jti', deliveries.readSet(deps)),
    route('get', '/deliveries/streams', deliveries.byStream(deps)),
    route('post', '/deliveries/:id/replay', deliveries.replay(deps)),

    route('get', '/traffic', traffic.list(deps)),
    route('get', '/traffic/export.har', traffic.exportHar(deps)),
    route('get', '/traffic/:id', traffic.read(deps)),
    route('get', '/traffic/:id/curl', traffic.curl(deps)),

    route('get', '/keys', keys.list(deps)),
    route('post', '/keys/rotate', keys.rotate(deps)),
    route('get', '/tls/ca', ca.info),
    route('get', '/tls/ca.pem', ca.pem),

    route('get', '/consents', consents.list(deps)),
    route('post', '/consents', consents.grant(deps)),
    route('delete', '/consents/:id', consents.revoke(deps)),

    route('get', '/receivers', receivers.list(deps)),
    route('post', '/receivers', receivers.register(deps)),
    route('get', '/receivers/:id', receivers.read(deps)),
    route('patch', '/receivers/:id', receivers.update(deps)),
    route('delete', '/receivers/:id', receivers.remove(deps)),
    route('get', '/receivers/:id/inbox', receivers.inbox(deps)),
    route('get', '/receivers/:id/exchanges', receivers.exchanges(deps)),
    route('get', '/receivers/:id/exchanges/:exchange', receivers.exchange(deps)),
    route('post', '/receivers/:id/stream', receivers.createStream(deps)),
    route('get', '/receivers/:id/stream', receivers.readStream(deps)),
    route('patch', '/receivers/:id/stream', receivers.updateStream(deps)),
    route('put', '/receivers/:id/stream', receivers.replaceStream(deps)),
    route('delete', '/receivers/:id/stream', receivers.deleteStream(deps)),
    route('get', '/receivers/:id/status', receivers.readStatus(deps)),
    route('post', '/receivers/:id/status', receivers.setStatus(deps)),
    route('post', '/receivers/:id/subjects/add', receivers.addSubject(deps)),
    route('post', '/receivers/:id/subjects/remove', receivers.removeSubject(deps)),
    route('post', '/receivers/:id/verify', receivers.verify(deps)),
    route('post', '/receivers/:id/poll', receivers.poll(deps)),
    route('post', '/receivers/:id/check', receivers.check(deps))
  ]
}

/** The control-API router: the guards, the JSON body parser, the table, then a JSON 404. */
export function createApiRouter(deps: ApiDeps): Router {
  const { infra } = deps
  const router = Router()
  router.use(requireLocalSameOrigin(infra), requireAdmin(infra), jsonBody, limitJsonDepth)
  for (const r of apiRoutes(deps)) router[r.method](r.path, r.handler)
  router.use(notFoundHandler)
  return router
}
