/**
 * startCore(): the only thing the entries (headless CLI, Electron shell, tests) call. Opens the
 * store, loads keys, listens, and returns the running engine.
 * @module
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createApp } from '../http/create-app'
import { LOCAL_HOST_NAMES } from '../http/control-guard'
import { handleClientErrors } from '../http/error-handler'
import { createClientsRepo } from '../store/clients-repo'
import { createCustomEventsRepo } from '../store/custom-events-repo'
import { openKeyStore } from '../store/keys'
import { openDatabase } from '../store/sqlite'
import { DEFAULT_TENANT, createStreamsRepo } from '../store/streams-repo'
import { createDeliveryService } from '../transmitter/delivery/service'
import { createHttpTransport, fetchTransport } from '../transmitter/delivery/transport'
import { createOutboundRepo } from '../store/outbound-repo'
import { POLL_ROUTE } from '../transmitter/endpoints/poll'
import { createStreamsService } from '../transmitter/streams-service'
import { createReceiverRouter } from '../receiver/router'
import { createReceiverService } from '../receiver/service'
import { createOAuthServer } from '../oauth/server'
import { createConsentsService } from '../tenants/consents'
import { createConsentRouter } from '../tenants/consent-page'
import { createTenantsRouter } from '../tenants/router'
import { createTenantsRepo } from '../tenants/tenants-repo'
import { createBus } from './bus'
import { createTrafficRecorder } from '../traffic/recorder'
import { createFaults } from '../traffic/faults'
import { DEFAULTS, type CoreOptions } from './config'
import { systemClock, type AppContext, type Clock, type CoreContext } from './context'
import { createConsoleLogger, type Logger } from './logger'

/** Options of {@link startCore}: everything has a default but the data folder. */
export type StartOptions = Partial<CoreOptions> & { dataDir: string }

/** Injectable dependencies (tests freeze the clock, guard fetch, silence the logger). */
export interface CoreDeps {
  clock?: Clock
  fetch?: typeof fetch
  logger?: Logger
}

/** A running engine. */
export interface RunningCore {
  /** `http://HOST:PORT` */
  url: string
  /** URL that opens the UI with a session (carries the token once). */
  uiUrl: string
  issuer: string
  token: string
  ctx: AppContext
  server: Server
  /** Stop accepting, finish in-flight requests (bounded), close the store. */
  close(): Promise<void>
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(server.address() as AddressInfo)
    })
  })
}

export async function startCore(start: StartOptions, deps: CoreDeps = {}): Promise<RunningCore> {
  const options: CoreOptions = { ...DEFAULTS, ...start }
  const clock = deps.clock ?? systemClock
  const logger = deps.logger ?? createConsoleLogger(options.quiet)
  const db = openDatabase(options.dataDir)
  try {
    const keys = await openKeyStore(db, options.signingAlg, clock.now())
    const repos = {
      clients: createClientsRepo(db),
      streams: createStreamsRepo(db),
      customEvents: createCustomEventsRepo(db),
      tenants: createTenantsRepo(db)
    }
    const admin = repos.clients.ensureDefault(options.token, clock.now())

    const server = createServer()
    server.keepAliveTimeout = 65_000
    handleClientErrors(server, logger)
    const sockets = new Set<Socket>()
    server.on('connection', (s) => {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
    })
    const address = await listen(server, options.port, options.host)
    const origin = `http://${urlHost(options.host)}:${address.port}`
    const issuer = options.issuer ?? origin

    const allowedHosts = new Set([...LOCAL_HOST_NAMES, urlHost(options.host).toLowerCase()])
    allowedHosts.add(new URL(issuer).hostname.toLowerCase())

    const bus = createBus((err) => logger.error('a live-event listener failed', err))
    const traffic = createTrafficRecorder(db, bus, clock, origin, {
      ...(options.trafficRetention === undefined ? {} : { retention: options.trafficRetention })
    })
    const faults = createFaults(db, keys, clock)
    // Push goes out through the typed transport: faults (outer) → recorder → HTTP. Tests inject
    // a loopback-only fetch, which the transport then uses.
    const transport = faults.wrapTransport(
      traffic.wrapTransport(deps.fetch ? fetchTransport(deps.fetch) : createHttpTransport())
    )
    const core: CoreContext = {
      options,
      db,
      repos,
      keys,
      bus,
      clock,
      fetch: traffic.wrapFetch(deps.fetch ?? fetch),
      traffic,
      faults,
      logger,
      issuer,
      origin,
      adminToken: admin.token,
      allowedHosts,
      eventsSupported: () => repos.customEvents.supportedUris()
    }
    const oauth = await createOAuthServer(core, repos.tenants, {
      accessTokenTtl: options.accessTokenTtl
    })
    const consents = createConsentsService(db, repos.streams, core.bus, clock)
    const delivery = createDeliveryService({
      options,
      outbound: createOutboundRepo(db),
      streams: repos.streams,
      customEvents: repos.customEvents,
      eventsSupported: core.eventsSupported,
      keys,
      bus,
      clock,
      logger,
      issuer,
      transport,
      subjectAllowed: (stream, subject) => consents.allows(stream, subject),
      jtiOfExchange: (id) => traffic.store.get(id)?.jti
    })
    const hooks = delivery.hooks
    // The root issuer serves the default tenant: its management API sees only that tenant's streams.
    const rootCore: CoreContext = {
      ...core,
      oauth,
      repos: {
        ...repos,
        streams: consents.consentAware(repos.streams.forTenant(DEFAULT_TENANT))
      }
    }
    const full: AppContext = {
      ...core,
      oauth,
      services: {
        streams: createStreamsService(rootCore, hooks),
        streamsFor: (scoped) => createStreamsService(scoped, hooks),
        consents,
        delivery,
        receivers: createReceiverService(core)
      }
    }

    server.on(
      'request',
      createApp(full, {
        transmitterRoutes: [POLL_ROUTE],
        routers: [
          createReceiverRouter(full),
          oauth.router,
          createTenantsRouter(full, [POLL_ROUTE]),
          createConsentRouter(full)
        ]
      })
    )
    logger.info(`transmitter issuer ${issuer}`)

    let closing: Promise<void> | undefined
    const close = () =>
      (closing ??= new Promise<void>((resolve) => {
        delivery.stop()
        server.close(() => resolve())
        server.closeIdleConnections()
        // Long-lived connections (SSE, long polls) get a short grace, then are cut.
        setTimeout(() => {
          for (const s of sockets) s.destroy()
        }, 1000).unref()
      })
        .then(() => full.services.receivers.close())
        .then(() => {
          try {
            traffic.flush()
          } catch (err) {
            logger.error('traffic log: last writes lost', err)
          }
          db.close()
        }))

    return {
      url: origin,
      uiUrl: `${origin}/?token=${encodeURIComponent(admin.token)}`,
      issuer,
      token: admin.token,
      ctx: full,
      server,
      close
    }
  } catch (err) {
    db.close()
    throw err
  }
}
