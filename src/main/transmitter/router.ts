/**
 * The Transmitter's table of contents: every SSF endpoint, its methods and its path. Metadata
 * URLs are built from the same {@link TRANSMITTER_ENDPOINT_PATHS}.
 * @module
 */
import { Router, type RequestHandler } from 'express'
import {
  MethodNotAllowedError,
  SSF_WELL_KNOWN_PATH,
  TRANSMITTER_ENDPOINT_PATHS,
  issuerPath
} from '../../shared/ssf'
import type { AppContext } from '../core/context'
import { requireClient, requireScope } from '../http/bearer-auth'
import { SCOPE_MANAGE, SCOPE_READ, type SsfScope } from '../oauth/scopes'
import { jsonBody } from '../http/body'
import * as metadata from './endpoints/configuration-metadata'
import * as jwks from './endpoints/jwks'
import * as status from './endpoints/status'
import * as streams from './endpoints/streams'
import * as subjectsAdd from './endpoints/subjects-add'
import * as subjectsRemove from './endpoints/subjects-remove'
import * as verification from './endpoints/verification'

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete'
type Steps = (ctx: AppContext) => RequestHandler[]

/** One route: a name (for logs and the traffic log), a path and its method handlers. */
interface Route {
  name: string
  path: string
  auth: boolean
  methods: Partial<Record<Method, Steps>>
  /**
   * OAuth scope each method needs (authenticated routes). Unlisted methods: `ssf.read` for GET,
   * `ssf.manage` for everything else (CAEP Interoperability Profile).
   */
  scope?: Partial<Record<Method, SsfScope>>
}

const READ_MANAGE = { get: SCOPE_READ, post: SCOPE_MANAGE } as const

const P = TRANSMITTER_ENDPOINT_PATHS

/** Every Transmitter endpoint below the issuer path (the well-known document is mounted separately). */
export const TRANSMITTER_ROUTES: readonly Route[] = [
  { name: 'jwks', path: P.jwks, auth: false, methods: { get: jwks.get } },
  {
    name: 'configuration',
    path: P.configuration,
    auth: true,
    methods: {
      get: streams.get,
      post: streams.post,
      patch: streams.patch,
      put: streams.put,
      delete: streams.del
    },
    scope: {
      get: SCOPE_READ,
      post: SCOPE_MANAGE,
      patch: SCOPE_MANAGE,
      put: SCOPE_MANAGE,
      delete: SCOPE_MANAGE
    }
  },
  {
    name: 'status',
    path: P.status,
    auth: true,
    methods: { get: status.get, post: status.post },
    scope: READ_MANAGE
  },
  {
    name: 'add_subject',
    path: P.addSubject,
    auth: true,
    methods: { post: subjectsAdd.post },
    scope: { post: SCOPE_MANAGE }
  },
  {
    name: 'remove_subject',
    path: P.removeSubject,
    auth: true,
    methods: { post: subjectsRemove.post },
    scope: { post: SCOPE_MANAGE }
  },
  {
    name: 'verification',
    path: P.verification,
    auth: true,
    methods: { post: verification.post },
    scope: { post: SCOPE_MANAGE }
  }
]

function mount(router: Router, ctx: AppContext, routes: readonly Route[]): void {
  const auth = requireClient(ctx)
  for (const route of routes) {
    // `subjects:add` is a literal colon, not an express route parameter.
    const path = route.path.replace(/:/g, '\\:')
    const allowed = Object.keys(route.methods).map((m) => m.toUpperCase())
    for (const [method, steps] of Object.entries(route.methods) as [Method, Steps][]) {
      const scope = route.scope?.[method] ?? (method === 'get' ? SCOPE_READ : SCOPE_MANAGE)
      const chain = [
        ...(route.auth ? [auth, requireScope(scope)] : []),
        ...(method === 'get' || method === 'delete' ? [] : [jsonBody]),
        ...steps(ctx)
      ]
      router[method](path, ...chain)
    }
    router.all(path, (req) => {
      throw new MethodNotAllowedError(req.method, allowed)
    })
  }
}

/**
 * The Transmitter router. Extra route tables (e.g. the poll endpoint from delivery) are mounted
 * the same way.
 */
export function createTransmitterRouter(
  ctx: AppContext,
  extraRoutes: readonly Route[] = []
): Router {
  const router = Router()
  const base = issuerPath(ctx.issuer)
  router.get(`${SSF_WELL_KNOWN_PATH}${base}`, ...metadata.get(ctx))
  const ssf = Router()
  mount(ssf, ctx, [...TRANSMITTER_ROUTES, ...extraRoutes])
  router.use(base || '/', ssf)
  return router
}

export type { Route as TransmitterRoute }
