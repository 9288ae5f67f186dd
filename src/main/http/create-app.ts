/**
 * createApp(ctx): the express app with every router, the static UI and the one error handler.
 * Never listens (the caller owns the server).
 * @module
 */
import express, { type Router } from 'express'
import { createApiRouter } from '../api/router'
import type { AppContext } from '../core/context'
import { createTransmitterRouter, type TransmitterRoute } from '../transmitter/router'
import { createErrorHandler, notFoundHandler } from './error-handler'
import { createStaticUiRouter } from './static-ui'

/** Extra routers and routes contributed by other parts of the engine (delivery, receiver). */
export interface AppExtensions {
  transmitterRoutes?: readonly TransmitterRoute[]
  /** Routers mounted at the root before the UI fallback (e.g. the receiver's push endpoint). */
  routers?: readonly Router[]
}

export function createApp(ctx: AppContext, ext: AppExtensions = {}): express.Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  app.set('query parser', 'simple')
  if (ctx.traffic) app.use(ctx.traffic.middleware)
  if (ctx.faults) app.use(ctx.faults.receiverMiddleware)
  app.use('/api', createApiRouter(ctx))
  app.use(createTransmitterRouter(ctx, ext.transmitterRoutes))
  for (const router of ext.routers ?? []) app.use(router)
  app.use(createStaticUiRouter(ctx))
  app.use(notFoundHandler)
  app.use(createErrorHandler(ctx.logger))
  return app
}
