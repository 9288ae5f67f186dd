/**
 * createApp(deps): the express app with every router, the static UI and the one error handler.
 * Never listens (the caller owns the server).
 * @module
 */
import express, { type Router } from 'express'
import type { TrafficRouteName } from '../../shared/traffic'
import { createApiRouter } from '../api/router'
import type { ApiDeps } from '../api/deps'
import { OAUTH_MOUNT } from '../oauth/server'
import { RECEIVER_PUSH_PATH } from '../receiver/router'
import { createErrorHandler, notFoundHandler } from './error-handler'
import { createStaticUiRouter } from './static-ui'

/** Extra routers and routes contributed by other parts of the engine (delivery, receiver). */
export interface AppExtensions {
  /** The default tenant's Transmitter (the root issuer's; `transmitter/router.ts`). */
  transmitter: Router
  /** Routers mounted at the root before the UI fallback (e.g. the receiver's push endpoint). */
  routers?: readonly Router[]
}

/**
 * The recorded routes served by routers that have no route table of their own: the Receiver's
 * push endpoint and the authorization server. `prefix` routes cover every path below them. The
 * Transmitter's routes are named in `transmitter/router.ts`.
 */
const NAMED_ROUTES: readonly {
  name: TrafficRouteName
  path: string | RegExp
  prefix?: true
}[] = [
  { name: 'receiver_push', path: RECEIVER_PUSH_PATH },
  { name: 'oauth_metadata', path: `/.well-known/oauth-authorization-server${OAUTH_MOUNT}` },
  { name: 'oauth_metadata', path: /^\/\.well-known\/oauth-protected-resource(\/.*)?$/ },
  { name: 'oauth', path: OAUTH_MOUNT, prefix: true },
  { name: 'consent', path: '/consent', prefix: true }
]

/**
 * What the app is built from: the control API's dependencies (the infrastructure and the services);
 * the recorder, the fault layer, the static UI and the error handler use the infrastructure.
 */
export type AppDeps = ApiDeps

export function createApp(deps: AppDeps, ext: AppExtensions): express.Express {
  const { infra } = deps
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  app.set('query parser', 'simple')
  app.use('/api', createApiRouter(deps))
  for (const route of NAMED_ROUTES)
    if (route.prefix) app.use(route.path, infra.traffic.route(route.name))
    else app.all(route.path, infra.traffic.route(route.name))
  // The Receiver's faults answer its push endpoint (after the exchange is being recorded).
  app.post(RECEIVER_PUSH_PATH, infra.faults.receiverMiddleware)
  app.use(ext.transmitter)
  for (const router of ext.routers ?? []) app.use(router)
  app.use(createStaticUiRouter(infra))
  app.use(notFoundHandler)
  app.use(createErrorHandler(infra.logger))
  return app
}
