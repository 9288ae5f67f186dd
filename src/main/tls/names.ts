/**
 * Which names the local CA may sign and the leaf certificate carries, and when a leaf is renewed.
 * Pure (no I/O, no crypto), unit-tested.
 * @module
 */
import { isIP } from 'node:net'

/** Days a new CA is valid (as mkcert). The CA is never renewed without the user. */
export const CA_VALIDITY_DAYS = 3650
/** Days a new leaf is valid: under the 398 days that Apple and the browsers accept for TLS leaves. */
export const LEAF_VALIDITY_DAYS = 397
/** A leaf is renewed when fewer days than this remain (or its names or CA changed). */
export const LEAF_RENEW_DAYS = 30
/** Warn about the CA this many days before it expires. */
export const CA_WARN_DAYS = 60

const DAY = 86_400_000

/** The loopback names and networks every local CA permits and every leaf carries. */
export const LOOPBACK = {
  dns: ['localhost'],
  ipRanges: ['127.0.0.0/8', '::1/128'],
  ips: ['127.0.0.1', '::1']
} as const

/** Names of a leaf certificate (subjectAltName). */
export interface LeafNames {
  dns: string[]
  ips: string[]
}

/** A host given with `--host` that is a DNS name (not an IP, not a wildcard bind address). */
export function hostName(host: string): string | undefined {
  const bare = host.replace(/^\[|\]$/g, '')
  if (isIP(bare) !== 0) return undefined
  const name = bare.toLowerCase().replace(/\.$/, '')
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(name)
    ? name
    : undefined
}

/** Does `name` fall under the DNS name constraint `base` (RFC 5280 §4.2.1.10: itself or below)? */
export function dnsWithin(name: string, base: string): boolean {
  return name === base || name.endsWith(`.${base}`)
}

/** The DNS subtrees a new CA permits: loopback, plus `--host` when it is a name. */
export function permittedDns(host: string): string[] {
  const name = hostName(host)
  return name === undefined || LOOPBACK.dns.some((d) => dnsWithin(name, d))
    ? [...LOOPBACK.dns]
    : [...LOOPBACK.dns, name]
}

/**
 * The leaf's names: loopback, plus `--host` when it is a name that the CA's constraints permit.
 * `uncovered` is a `--host` name the CA cannot sign (the CA was made for other names).
 */
export function leafNames(
  host: string,
  caPermittedDns: readonly string[]
): LeafNames & { uncovered?: string } {
  const names: LeafNames = { dns: [...LOOPBACK.dns], ips: [...LOOPBACK.ips] }
  const name = hostName(host)
  if (name === undefined || names.dns.includes(name)) return names
  if (!caPermittedDns.some((base) => dnsWithin(name, base))) return { ...names, uncovered: name }
  return { dns: [...names.dns, name], ips: names.ips }
}

/** What renewal needs to know about the current leaf. */
export interface LeafState {
  notAfter: number
  /** SHA-256 fingerprint of the CA that signed it. */
  issuerFingerprint: string
  dns: readonly string[]
  ips: readonly string[]
}

/** Why a leaf must be (re)issued, or undefined when it is still good. */
export function leafRenewalReason(
  leaf: LeafState | undefined,
  want: LeafNames,
  caFingerprint: string,
  now: number
): string | undefined {
  if (leaf === undefined) return 'no leaf certificate yet'
  if (leaf.issuerFingerprint !== caFingerprint) return 'signed by another CA'
  if (leaf.notAfter - now < LEAF_RENEW_DAYS * DAY) return 'expires soon'
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x) => b.includes(x))
  if (!same(leaf.dns, want.dns) || !same(leaf.ips, want.ips)) return 'names changed'
  return undefined
}

/** Validity of a new leaf: never past the CA's own end. */
export function leafValidity(now: number, caNotAfter: number): { notBefore: Date; notAfter: Date } {
  return {
    // An hour back tolerates small clock skew between the simulator and its clients.
    notBefore: new Date(now - 3_600_000),
    notAfter: new Date(Math.min(now + LEAF_VALIDITY_DAYS * DAY, caNotAfter))
  }
}

/** The CA's state at `now`: usable, close to its end (warn), or expired (refuse; never renewed silently). */
export function caExpiry(notAfter: number, now: number): 'ok' | 'soon' | 'expired' {
  if (notAfter <= now + LEAF_RENEW_DAYS * DAY) return 'expired'
  return notAfter - now < CA_WARN_DAYS * DAY ? 'soon' : 'ok'
}

/** The host of the https URL: `localhost` for loopback and wildcard binds (the leaf's first name). */
export function httpsUrlHost(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '')
  if (['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost'].includes(bare)) return 'localhost'
  return bare.includes(':') ? `[${bare}]` : bare
}
