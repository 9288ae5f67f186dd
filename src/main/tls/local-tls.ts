/**
 * The engine's TLS: load or create the local CA, keep a fresh leaf, and make HTTPS servers that
 * pick up a renewed leaf without a restart. `startCore()` calls {@link openLocalTls} once.
 * @module
 */
import { createServer, type Server as HttpsServer } from 'node:https'
import type { Logger } from '../core/logger'
import type { Clock } from '../core/context'
import { LEAF_RENEW_DAYS, caExpiry } from './names'
import { ensureCa, ensureLeaf, LocalCaError, type LeafResult, type LocalCa } from './store'

/** How often a running server checks whether its leaf is due (and on every new connection). */
const RENEW_CHECK_MS = 3_600_000

/** The engine's TLS material and server factory. */
export interface LocalTls {
  ca: LocalCa
  /** A new HTTPS server with the current leaf; it swaps to a renewed leaf when one is issued. */
  createServer(): HttpsServer
  /** Reissue the leaf now if it is due (also runs by itself); resolves when done. */
  renewIfDue(): Promise<void>
  /** Stop the renewal timer. */
  close(): void
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** Load (or create on first use) the CA and the leaf for `host`; refuse an expired CA. */
export async function openLocalTls(
  dataDir: string,
  host: string,
  clock: Clock,
  logger: Logger
): Promise<LocalTls> {
  const ca = await ensureCa(dataDir, host, clock.now())
  const expiry = caExpiry(ca.notAfter, clock.now())
  if (expiry === 'expired')
    throw new LocalCaError(
      `the local CA ${ca.certPath} ends on ${day(ca.notAfter)} (within ${LEAF_RENEW_DAYS} days) and is never renewed silently; remove ${dataDir}/tls to make a new one, then trust the new CA again`
    )
  if (expiry === 'soon')
    logger.warn(
      `the local CA ${ca.certPath} ends on ${day(ca.notAfter)}; remove ${dataDir}/tls to make a new one, then trust it again`
    )
  const report = (leaf: LeafResult) => {
    if (leaf.issued)
      logger.info(`TLS leaf certificate issued (${leaf.issued}), valid until ${day(leaf.notAfter)}`)
    if (leaf.uncovered)
      logger.warn(
        `the local CA may not sign for ${leaf.uncovered} (its name constraints); https://${leaf.uncovered} will fail. Remove ${dataDir}/tls to make a CA that includes it`
      )
  }
  let leaf = await ensureLeaf(dataDir, ca, host, clock.now())
  report(leaf)
  const servers = new Set<HttpsServer>()
  let renewing: Promise<void> | undefined

  const renewIfDue = () =>
    (renewing ??= ensureLeaf(dataDir, ca, host, clock.now())
      .then((next) => {
        if (next.issued === undefined) return
        leaf = next
        report(next)
        for (const s of servers) s.setSecureContext({ key: next.pair.key, cert: next.pair.cert })
      })
      .catch((err: unknown) => logger.error('TLS leaf renewal failed', err))
      .finally(() => (renewing = undefined)))

  const due = () => leaf.notAfter - clock.now() < LEAF_RENEW_DAYS * 86_400_000
  const timer = setInterval(() => void (due() && renewIfDue()), RENEW_CHECK_MS)
  timer.unref()

  return {
    ca,
    createServer() {
      const server = createServer({ key: leaf.pair.key, cert: leaf.pair.cert })
      servers.add(server)
      server.on('close', () => servers.delete(server))
      // A connection is when a leaf is needed: if due, renew for the next handshakes (the current
      // leaf is still valid for LEAF_RENEW_DAYS).
      server.on('connection', () => void (due() && renewIfDue()))
      return server
    },
    renewIfDue,
    close: () => clearInterval(timer)
  }
}
