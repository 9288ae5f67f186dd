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
import { createNodeFetch } from '../http/node-fetch'
import { createRequestListener } from '../http/lean-reads'
import { openLocalTls } from '../tls/local-tls'
import { httpsUrlHost } from '../tls/names'
import { readCaCert } from '../tls/store'
import { outboundCaList, readExtraCa } from '../tls/trust'
import { createClientsRepo } from '../store/clients-repo'
import { createCustomEventsRepo } from '../store/custom-events-repo'
import { createSubjectFormatsRepo } from '../store/subject-formats-repo'
import { openKeyStore } from '../store/keys'
import { openDatabase } from '../store/sqlite'
import { DEFAULT_TENANT, createStreamsRepo } from '../store/streams-repo'
import { createDeliveryService } from '../transmitter/delivery/service'
import { createHttpTransport, fetchTransport } from '../transmitter/delivery/transport'
import { createOutboundRepo } from '../store/outbound-repo'
import type { TransmitterDeps } from '../transmitter/endpoints/deps'
import { createTransmitterRouter, transmitterLeanReads } from '../transmitter/router'
import { createReceiverRouter } from '../receiver/router'
import { createReceiver } from '../receiver/service'
import { createReceivedSetsRepo } from '../store/received-sets-repo'
import { createReceiverRepo } from '../store/receiver-repo'
import { createOAuthServer } from '../oauth/server'
import { createConsentsService } from '../tenants/consents'
import { createConsentRouter } from '../tenants/consent-page'
import { createTenantsRouter } from '../tenants/router'
import { tenantScope, type ScopeDeps } from '../tenants/scope'
import { createTenantsRepo } from '../store/tenants-repo'
import { createConsentsRepo } from '../store/consents-repo'
import { createTemplatesRepo } from '../store/templates-repo'
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
  /** `http://HOST:PORT`, or `https://localhost:PORT` with `https` and no `httpsPort` */
  url: string
  /** `https://localhost:PORT` when https is on (the advertised origin and issuer). */
  httpsUrl?: string
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

/** Listen on `port` (and the second server on `httpsPort`); on failure none stays listening. */
async function listenAll(
  [main, second]: Server[],
  options: CoreOptions
): Promise<[AddressInfo, AddressInfo | undefined]> {
  if (!main) throw new Error('no server to listen on')
  const first = await listen(main, options.port, options.host)
  if (!second) return [first, undefined]
  try {
    return [first, await listen(second, options.httpsPort ?? 0, options.host)]
  } catch (err) {
    main.close()
    throw err
  }
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
      subjectFormats: createSubjectFormatsRepo(db),
      tenants: createTenantsRepo(db),
      consents: createConsentsRepo(db),
      templates: createTemplatesRepo(db)
    }
    const admin = repos.clients.ensureDefault(options.token, clock.now())

    const extraCa = options.extraCa === undefined ? [] : readExtraCa(options.extraCa)
    const tls = options.https
      ? await openLocalTls(options.dataDir, options.host, clock, logger)
      : undefined
    const outboundCa = outboundCaList(tls?.ca.cert ?? readCaCert(options.dataDir), extraCa)

    const tlsOnly = tls !== undefined && options.httpsPort === undefined
    const server: Server = tlsOnly ? tls.createServer() : createServer()
    const servers = tls && !tlsOnly ? [server, tls.createServer()] : [server]
    const sockets = new Set<Socket>()
    for (const s of servers) {
      s.keepAliveTimeout = 65_000
      handleClientErrors(s, logger)
      s.on('connection', (socket) => {
        sockets.add(socket)
        socket.on('close', () => sockets.delete(socket))
      })
    }
    const [address, httpsAddress] = await listenAll(servers, options)
    const url = tlsOnly
      ? `https://${httpsUrlHost(options.host)}:${address.port}`
      : `http://${urlHost(options.host)}:${address.port}`
    const httpsUrl = httpsAddress
      ? `https://${httpsUrlHost(options.host)}:${httpsAddress.port}`
      : tlsOnly
        ? url
        : undefined
    const origin = httpsUrl ?? url
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
      traffic.wrapTransport(
        deps.fetch ? fetchTransport(deps.fetch) : createHttpTransport({ ca: outboundCa })
      )
    )
    // The Receiver records each call it makes itself (to link to it), so it gets plain fetch.
    const plainFetch = deps.fetch ?? createNodeFetch({ ca: outboundCa })
    const core: CoreContext = {
      options,
      db,
      repos,
      keys,
      bus,
      clock,
      fetch: traffic.wrapFetch(plainFetch),
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
    const consents = createConsentsService({
      consents: repos.consents,
      streams: repos.streams,
      bus,
      clock
    })
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
      faults,
      subjectAllowed: (stream, subject) => consents.allows(stream, subject),
      jtiOfExchange: (id) => traffic.store.get(id)?.jti
    })
    // Every tenant's Transmitter: the same infrastructure, and the tenant's scope (its issuer, its
    // streams). The root issuer serves the default tenant and sees only that tenant's streams.
    const scopes: ScopeDeps = {
      rootIssuer: issuer,
      streams: repos.streams,
      consents,
      subjectFormats: repos.subjectFormats,
      eventsSupported: core.eventsSupported,
      options,
      bus,
      clock,
      hooks: delivery.hooks
    }
    const rootScope = tenantScope(scopes, DEFAULT_TENANT)
    const transmitter: TransmitterDeps = {
      clients: repos.clients,
      oauth,
      clock,
      keys,
      options,
      pollQueue: delivery.pollQueue,
      faults,
      traffic
    }
    const full: AppContext = {
      ...core,
      services: {
        streams: rootScope.streams,
        consents,
        delivery,
        receivers: createReceiver({
          receivers: createReceiverRepo(db),
          receivedSets: createReceivedSetsRepo(db),
          traffic,
          fetch: plainFetch,
          bus,
          clock,
          logger,
          origin,
          customTypes: () => repos.customEvents.list()
        }),
        oauth
      }
    }

    const app = createApp(
      { infra: core, services: full.services },
      {
        transmitter: createTransmitterRouter(transmitter, rootScope),
        routers: [
          createReceiverRouter(full.services.receivers.parts.push, origin),
          oauth.router,
          createTenantsRouter({ tenants: repos.tenants, transmitter, scopes }),
          createConsentRouter(core, consents)
        ]
      }
    )
    // The Transmitter's plain management reads skip express (`http/lean-reads.ts`).
    const listener = createRequestListener(app, transmitterLeanReads(transmitter, rootScope), {
      clients: repos.clients,
      traffic
    })
    for (const s of servers) s.on('request', listener)
    logger.info(`transmitter issuer ${issuer}`)

    let closing: Promise<void> | undefined
    const close = () =>
      (closing ??= new Promise<void>((resolve) => {
        delivery.stop()
        tls?.close()
        let open = servers.length
        for (const s of servers) {
          s.close(() => --open === 0 && resolve())
          s.closeIdleConnections()
        }
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
      url,
      ...(httpsUrl === undefined ? {} : { httpsUrl }),
      uiUrl: `${url}/?token=${encodeURIComponent(admin.token)}`,
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
