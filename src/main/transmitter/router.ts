/**
 * The Transmitter's table of contents: every SSF endpoint, its methods and its path. Metadata
 * URLs are built from the same {@link TRANSMITTER_ENDPOINT_PATHS}. The same table serves every
 * tenant: {@link createTransmitterRouter} takes the infrastructure and the tenant's scope.
 * @module
 */
import { Router, type RequestHandler } from 'express'
import {
  MethodNotAllowedError,
  SSF_WELL_KNOWN_PATH,
  TRANSMITTER_ENDPOINT_PATHS,
  issuerPath
} from '../../shared/ssf'
import { clientOf, requireClient, requireScope } from '../http/bearer-auth'
import type { LeanRead } from '../http/lean-reads'
import { jsonBody, limitJsonDepth, requireJsonMediaType } from '../http/body'
import { SCOPE_MANAGE, SCOPE_READ, type SsfScope } from '../oauth/scopes'
import type { TrafficRouteName } from '../../shared/traffic'
import * as metadata from './endpoints/configuration-metadata'
import type { EndpointDeps, Read, TenantScope, TransmitterDeps } from './endpoints/deps'
import * as jwks from './endpoints/jwks'
import * as poll from './endpoints/poll'
import * as status from './endpoints/status'
import * as streams from './endpoints/streams'
import * as subjectsAdd from './endpoints/subjects-add'
import * as subjectsRemove from './endpoints/subjects-remove'
import * as verification from './endpoints/verification'

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete'
type Steps = (deps: EndpointDeps) => RequestHandler[]

/**
 * One route: a name (it classifies the route's exchanges in the traffic log), its path below the
 * issuer (and the path parameter after it, if any), its read (GET, also served by the lean path
 * of `http/lean-reads.ts`) and its other method handlers.
 */
interface Route {
  name: TrafficRouteName
  path: string
  param?: 'stream_id'
  auth: boolean
  read?: (deps: EndpointDeps) => Read
  methods: Partial<Record<Method, Steps>>
  /**
   * OAuth scope each method needs (authenticated routes). Unlisted methods: `ssf.read` for GET,
   * `ssf.manage` for everything else (CAEP Interoperability Profile).
   */
  scope?: Partial<Record<Method, SsfScope>>
}

/**
 * An express route pattern that matches `path` literally. Express 5 (path-to-regexp 8) reads
 * `:name` as a parameter, so `/ssf/subjects:add` would otherwise also match
 * `/ssf/subjects:remove`.
 */
export function literalPath(path: string): string {
  return path.replace(/[:*?+()[\]{}\\]/g, (c) => `\\${c}`)
}

const P = TRANSMITTER_ENDPOINT_PATHS

/** Every Transmitter endpoint below the issuer path (the well-known document is mounted separately). */
export const TRANSMITTER_ROUTES: readonly Route[] = [
  { name: 'jwks', path: P.jwks, auth: false, methods: { get: jwks.get } },
  {
    name: 'configuration',
    path: P.configuration,
    auth: true,
    read: streams.read,
    methods: {
      post: streams.post,
      patch: streams.patch,
      put: streams.put,
      delete: streams.del
    }
  },
  {
    name: 'status',
    path: P.status,
    auth: true,
    read: status.read,
    methods: { post: status.post }
  },
  {
    name: 'add_subject',
    path: P.addSubject,
    auth: true,
    methods: { post: subjectsAdd.post }
  },
  {
    name: 'remove_subject',
    path: P.removeSubject,
    auth: true,
    methods: { post: subjectsRemove.post }
  },
  {
    name: 'verification',
    path: P.verification,
    auth: true,
    methods: { post: verification.post }
  },
  {
    name: 'poll',
    path: P.poll,
    param: 'stream_id',
    auth: true,
    methods: { post: poll.post }
  }
]

/** Management responses (and their errors) are never cached; the SSF examples send this. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store')
  next()
}

/** The express steps of a read: its body as JSON, status 200. */
const readSteps =
  (read: (deps: EndpointDeps) => Read): Steps =>
  (deps) => {
    const body = read(deps)
    return [
      function readJson(req, res) {
        res.status(200).json(body(clientOf(res), req.query))
      }
    ]
  }

/** A route's method handlers, its read as `get`. */
function methodsOf(route: Route): [Method, Steps][] {
  const methods = Object.entries(route.methods) as [Method, Steps][]
  return route.read ? [['get', readSteps(route.read)], ...methods] : methods
}

function mount(router: Router, deps: EndpointDeps, routes: readonly Route[]): void {
  const auth = requireClient(deps, deps.scope.tenant)
  for (const route of routes) {
    const methods = methodsOf(route)
    const allowed = methods.map(([m]) => m.toUpperCase())
    const record = deps.traffic.route(route.name)
    const path = literalPath(route.path) + (route.param ? `/:${route.param}` : '')
    for (const [method, steps] of methods) {
      const chain = [
        record,
        ...(route.auth
          ? [
              noStore,
              auth,
              requireScope(route.scope?.[method] ?? (method === 'get' ? SCOPE_READ : SCOPE_MANAGE))
            ]
          : []),
        ...(method === 'get' || method === 'delete'
          ? []
          : [requireJsonMediaType, jsonBody, limitJsonDepth]),
        ...steps(deps)
      ]
      router[method](path, ...chain)
    }
    router.all(path, record, (req) => {
      throw new MethodNotAllowedError(req.method, allowed)
    })
  }
}

/** The Transmitter of one tenant: its metadata document and every endpoint below its issuer. */
export function createTransmitterRouter(infra: TransmitterDeps, scope: TenantScope): Router {
  const deps: EndpointDeps = { ...infra, scope }
  const router = Router()
  const base = issuerPath(scope.issuer)
  router.get(
    literalPath(`${SSF_WELL_KNOWN_PATH}${base}`),
    deps.traffic.route('metadata'),
    ...metadata.get(deps)
  )
  const ssf = Router()
  mount(ssf, deps, TRANSMITTER_ROUTES)
  router.use(base ? literalPath(base) : '/', ssf)
  return router
}

/**
 * The reads of one tenant's Transmitter that the lean path serves (`http/lean-reads.ts`): each
 * authenticated route's GET, at its full path below the tenant's issuer.
 */
export function transmitterLeanReads(infra: TransmitterDeps, scope: TenantScope): LeanRead[] {
  const deps: EndpointDeps = { ...infra, scope }
  const base = issuerPath(scope.issuer)
  return TRANSMITTER_ROUTES.flatMap((route) =>
    route.read && route.auth && !route.param
      ? [{ name: route.name, path: `${base}${route.path}`, read: route.read(deps) }]
      : []
  )
}
