/**
 * The local CA and leaf on disk, in `<data folder>/tls/`. Keys are written with mode 0600 (the
 * folder 0700) and never leave it: only certificates are exported. The CA is created on first
 * use and never replaced here; the leaf is reissued when due.
 * @module
 */
import { X509Certificate, createPrivateKey } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join, resolve } from 'node:path'
import type * as CertificatesModule from './certificates'
import type { PemPair } from './certificates'
import { leafNames, leafRenewalReason, permittedDns, type LeafState } from './names'

/** File names of the TLS material. */
export function tlsPaths(dataDir: string) {
  const dir = resolve(dataDir, 'tls')
  return {
    dir,
    caCert: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    leafCert: join(dir, 'localhost.pem'),
    leafKey: join(dir, 'localhost-key.pem')
  }
}

/** The local CA as the UI, CLI and server need it. */
export interface LocalCa extends PemPair {
  certPath: string
  /** SHA-256 of the DER certificate, colon-separated upper-case hex (as `openssl x509 -fingerprint -sha256`). */
  fingerprint: string
  subject: string
  notBefore: number
  notAfter: number
  /** DNS subtrees of the name constraints (the IP ranges are always the loopback ones). */
  permittedDns: string[]
}

/** The CA's files are unusable; the message says what to do. */
export class LocalCaError extends Error {
  override name = 'LocalCaError'
}

const KEY_MODE = 0o600

function writeFileAtomic(path: string, data: string, mode: number): void {
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, data, { mode })
  renameSync(tmp, path)
}

/** Keys stay readable by the user only, even if something widened their mode. */
function restrictKey(path: string): void {
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, KEY_MODE)
}

/**
 * The certificate module (`@peculiar/x509` and its ASN.1 stack), loaded on first TLS use: an
 * engine without https never needs it, and loading it was a sixth of the start-up time.
 */
type Certificates = typeof CertificatesModule
const certificates = (): Promise<Certificates> => import('./certificates')

function describe(certPath: string, pair: PemPair, { permittedDnsOf }: Certificates): LocalCa {
  const cert = new X509Certificate(pair.cert)
  return {
    ...pair,
    certPath,
    fingerprint: cert.fingerprint256,
    subject: cert.subject.replace(/\n/g, ', '),
    notBefore: Date.parse(cert.validFrom),
    notAfter: Date.parse(cert.validTo),
    permittedDns: permittedDnsOf(pair.cert)
  }
}

/** The CA certificate if it exists (no key read; nothing created). */
export function readCaCert(dataDir: string): string | undefined {
  const { caCert } = tlsPaths(dataDir)
  return existsSync(caCert) ? readFileSync(caCert, 'utf8') : undefined
}

/** Load the CA, or create it on first use (constrained to loopback and `host` when a name). */
export async function ensureCa(dataDir: string, host: string, now: number): Promise<LocalCa> {
  const paths = tlsPaths(dataDir)
  const certs = await certificates()
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 })
  if (existsSync(paths.caCert)) {
    if (!existsSync(paths.caKey))
      throw new LocalCaError(
        `the local CA's key ${paths.caKey} is missing; to make a new CA, remove ${paths.dir} and trust the new CA again`
      )
    restrictKey(paths.caKey)
    const pair = {
      cert: readFileSync(paths.caCert, 'utf8'),
      key: readFileSync(paths.caKey, 'utf8')
    }
    try {
      return describe(paths.caCert, pair, certs)
    } catch (err) {
      throw new LocalCaError(
        `the local CA certificate ${paths.caCert} is unreadable (${err instanceof Error ? err.message : String(err)}); to make a new CA, remove ${paths.dir} and trust the new CA again`
      )
    }
  }
  const pair = await certs.generateCa(permittedDns(host), now)
  // Key first: a crash in between leaves no certificate, so the next start makes a new pair.
  writeFileAtomic(paths.caKey, pair.key, KEY_MODE)
  writeFileAtomic(paths.caCert, pair.cert, 0o644)
  return describe(paths.caCert, pair, certs)
}

/** The current leaf, reissued when missing, due, for other names, or from another CA. */
export interface LeafResult {
  pair: PemPair
  /** Why it was just (re)issued; absent when the stored one was kept. */
  issued?: string
  notAfter: number
  /** A `--host` name the CA's constraints do not permit (left out of the leaf). */
  uncovered?: string
}

function readLeaf(dataDir: string): PemPair | undefined {
  const paths = tlsPaths(dataDir)
  if (!existsSync(paths.leafCert) || !existsSync(paths.leafKey)) return undefined
  return { cert: readFileSync(paths.leafCert, 'utf8'), key: readFileSync(paths.leafKey, 'utf8') }
}

/** What renewal needs from a stored leaf; undefined when unreadable or its key does not match. */
function leafState(
  stored: PemPair,
  ca: LocalCa,
  { leafNamesOf }: Certificates
): LeafState | undefined {
  try {
    const cert = new X509Certificate(stored.cert)
    // A key that does not match (a crash between the two writes) counts as no leaf.
    if (!cert.checkPrivateKey(createPrivateKey(stored.key))) return undefined
    return {
      notAfter: Date.parse(cert.validTo),
      issuerFingerprint: cert.verify(new X509Certificate(ca.cert).publicKey) ? ca.fingerprint : '',
      ...leafNamesOf(stored.cert)
    }
  } catch {
    return undefined
  }
}

/** Load the leaf for `host`, or issue a new one when {@link leafRenewalReason} says so. */
export async function ensureLeaf(
  dataDir: string,
  ca: LocalCa,
  host: string,
  now: number
): Promise<LeafResult> {
  const paths = tlsPaths(dataDir)
  const want = leafNames(host, ca.permittedDns)
  const names = { dns: want.dns, ips: want.ips }
  const uncovered = want.uncovered === undefined ? {} : { uncovered: want.uncovered }
  const certs = await certificates()
  const stored = readLeaf(dataDir)
  const state = stored && leafState(stored, ca, certs)
  const reason = leafRenewalReason(state, names, ca.fingerprint, now)
  if (stored && state && reason === undefined) {
    restrictKey(paths.leafKey)
    return { pair: stored, notAfter: state.notAfter, ...uncovered }
  }
  const pair = await certs.generateLeaf(ca, names, now)
  writeFileAtomic(paths.leafKey, pair.key, KEY_MODE)
  writeFileAtomic(paths.leafCert, pair.cert, 0o644)
  const notAfter = Date.parse(new X509Certificate(pair.cert).validTo)
  return { pair, issued: reason ?? 'renewed', notAfter, ...uncovered }
}
