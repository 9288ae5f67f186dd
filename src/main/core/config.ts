/**
 * Command line + environment → core options. Pure (no I/O), unit-tested.
 * @module
 */
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { CreateMode } from '../../shared/ssf'
import { SIGNING_ALGS, type SigningAlg } from '../store/keys'

/** Everything `startCore()` needs. */
export interface CoreOptions {
  host: string
  /** 0 picks a free port. */
  port: number
  dataDir: string
  /** Default client's token; generated once and persisted when absent. */
  token?: string
  /** Issuer URL; defaults to `http://HOST:PORT` (`https://localhost:PORT` with `https`). */
  issuer?: string
  signingAlg: SigningAlg
  /** Treatment of Transmitter-supplied members in create bodies (interop note A5). */
  createMode: CreateMode
  defaultSubjects: 'ALL' | 'NONE'
  /** `min_verification_interval` given to new streams, seconds. */
  minVerificationInterval: number
  /** Allow several streams per client (interop note A13); otherwise a second create is 409. */
  multipleStreams: boolean
  /** Push: attempts per SET before it is marked failed (default 8). */
  pushMaxAttempts?: number
  /** Push: timeout of one attempt, ms (default 10000). */
  pushTimeoutMs?: number
  /** Push: first retry delay, ms; doubles per attempt with jitter (default 500). */
  pushBackoffBaseMs?: number
  /** Push: largest retry delay, ms, also caps Retry-After (default 60000). */
  pushBackoffCapMs?: number
  /** Poll: long-poll wait when nothing is outstanding, seconds (default 15, interop note A17). */
  pollWaitSeconds?: number
  /** Poll: SETs returned when the request has no `maxEvents` (default 100). */
  pollDefaultMaxEvents?: number
  /** Poll: most SETs one response carries, whatever `maxEvents` says (default 1000). */
  pollMaxEventsCap?: number
  /** Send stream-updated for Receiver-initiated status changes too (interop note A8, default off). */
  streamUpdatedOnReceiverStatus?: boolean
  /** Folder of the built UI (out/renderer); absent = no UI. */
  uiDir?: string
  quiet: boolean
  /** Lifetime of access tokens from the embedded authorization server, seconds (default 3600). */
  accessTokenTtl?: number
  /** Traffic log rows kept (default 10000); the oldest are pruned in batches. */
  trafficRetention?: number
  /** Serve over TLS with the local CA's leaf (`--https`): on `port`, or on `httpsPort` beside http. */
  https?: boolean
  /** With `https`: a second port for TLS, http stays on `port`. 0 picks a free port. */
  httpsPort?: number
  /** A PEM file of extra CA certificates that outbound requests trust (`--extra-ca`). */
  extraCa?: string
  /**
   * Seconds a removed subject still gets events (default 0: none). SSF 1.0 §8.1.3.3 lets a
   * Transmitter keep sending for a short while; a grace period tests that Receivers tolerate it.
   */
  subjectRemovalGraceSeconds?: number
}

/** Default options, before argv and env. */
export const DEFAULTS = {
  host: '127.0.0.1',
  port: 4400,
  signingAlg: 'RS256',
  createMode: 'lenient',
  defaultSubjects: 'ALL',
  minVerificationInterval: 30,
  multipleStreams: true,
  quiet: false
} as const satisfies Partial<CoreOptions>

/** The OS convention for application data (what Electron calls userData). */
export function defaultDataDir(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  home: string = homedir()
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'ssf-simulator')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'ssf-simulator')
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'ssf-simulator')
}

/** A usage error: printed with the usage text, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

function parsePort(raw: string, what: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 65535)
    throw new UsageError(`${what} must be a port number (0-65535), got "${raw}"`)
  return Number(raw)
}

function parseIssuer(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new UsageError(`--issuer must be an absolute URL, got "${raw}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError('--issuer must be an http(s) URL')
  if (url.search || url.hash)
    throw new UsageError('--issuer must not have a query or fragment (SSF 1.0 §7.1)')
  return raw
}

function oneOf<T extends string>(raw: string, allowed: readonly T[], what: string): T {
  const found = allowed.find((a) => a === raw)
  if (!found) throw new UsageError(`${what} must be one of ${allowed.join(', ')}, got "${raw}"`)
  return found
}

/** Options of `ssf-sim serve`. */
export const SERVE_OPTIONS = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'data-dir': { type: 'string', short: 'd' },
  token: { type: 'string', short: 't' },
  issuer: { type: 'string' },
  'signing-alg': { type: 'string' },
  'create-mode': { type: 'string' },
  'default-subjects': { type: 'string' },
  'min-verification-interval': { type: 'string' },
  'single-stream': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  'traffic-retention': { type: 'string' },
  https: { type: 'boolean' },
  'https-port': { type: 'string' },
  'extra-ca': { type: 'string' },
  'subject-removal-grace': { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

/** Resolve `serve` flags (argv after the command) and env fallbacks into core options. */
export function resolveServeOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform
): CoreOptions & { help: boolean } {
  let values
  try {
    values = parseArgs({
      args: [...argv],
      options: SERVE_OPTIONS,
      strict: true,
      allowPositionals: false
    }).values
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
  const portRaw = values.port ?? env.SSF_SIM_PORT
  const mvi = values['min-verification-interval']
  if (mvi !== undefined && !/^\d+$/.test(mvi))
    throw new UsageError(
      `--min-verification-interval must be a whole number of seconds, got "${mvi}"`
    )
  const options: CoreOptions & { help: boolean } = {
    host: values.host ?? env.SSF_SIM_HOST ?? DEFAULTS.host,
    port:
      portRaw === undefined
        ? DEFAULTS.port
        : parsePort(portRaw, values.port ? '--port' : 'SSF_SIM_PORT'),
    dataDir: values['data-dir'] ?? env.SSF_SIM_DATA_DIR ?? defaultDataDir(platform, env),
    signingAlg: oneOf(values['signing-alg'] ?? DEFAULTS.signingAlg, SIGNING_ALGS, '--signing-alg'),
    createMode: oneOf(
      values['create-mode'] ?? DEFAULTS.createMode,
      ['lenient', 'strict'],
      '--create-mode'
    ),
    defaultSubjects: oneOf(
      values['default-subjects'] ?? DEFAULTS.defaultSubjects,
      ['ALL', 'NONE'],
      '--default-subjects'
    ),
    minVerificationInterval: mvi === undefined ? DEFAULTS.minVerificationInterval : Number(mvi),
    multipleStreams: !values['single-stream'],
    quiet: values.quiet ?? false,
    help: values.help ?? false
  }
  const token = values.token ?? env.SSF_SIM_TOKEN
  if (token !== undefined) {
    if (!/^[\x21-\x7e]{8,512}$/.test(token))
      throw new UsageError('--token must be 8-512 visible ASCII characters (no spaces)')
    options.token = token
  }
  const retention = values['traffic-retention']
  if (retention !== undefined) {
    if (!/^[1-9]\d{0,8}$/.test(retention))
      throw new UsageError(
        `--traffic-retention must be a positive whole number, got "${retention}"`
      )
    options.trafficRetention = Number(retention)
  }
  const grace = values['subject-removal-grace']
  if (grace !== undefined) {
    if (!/^\d{1,6}$/.test(grace))
      throw new UsageError(
        `--subject-removal-grace must be a whole number of seconds (0-999999), got "${grace}"`
      )
    options.subjectRemovalGraceSeconds = Number(grace)
  }
  const issuer = values.issuer ?? env.SSF_SIM_ISSUER
  if (issuer !== undefined) options.issuer = parseIssuer(issuer)
  Object.assign(options, resolveHttps(values, env))
  if (
    options.httpsPort !== undefined &&
    options.httpsPort !== 0 &&
    options.httpsPort === options.port
  )
    throw new UsageError(
      '--https-port must differ from --port (or leave it out to serve https on --port)'
    )
  return options
}

function envFlag(raw: string | undefined, what: string): boolean | undefined {
  if (raw === undefined || raw === '') return undefined
  if (/^(1|true|yes|on)$/i.test(raw)) return true
  if (/^(0|false|no|off)$/i.test(raw)) return false
  throw new UsageError(`${what} must be 1/true or 0/false, got "${raw}"`)
}

/** `--https`, `--https-port` (implies `--https`) and `--extra-ca`, with their env fallbacks. */
function resolveHttps(
  values: { https?: boolean; 'https-port'?: string; 'extra-ca'?: string },
  env: NodeJS.ProcessEnv
): Pick<CoreOptions, 'https' | 'httpsPort' | 'extraCa'> {
  const out: Pick<CoreOptions, 'https' | 'httpsPort' | 'extraCa'> = {}
  const portRaw = values['https-port'] ?? env.SSF_SIM_HTTPS_PORT
  if (portRaw !== undefined)
    out.httpsPort = parsePort(portRaw, values['https-port'] ? '--https-port' : 'SSF_SIM_HTTPS_PORT')
  const https = values.https ?? envFlag(env.SSF_SIM_HTTPS, 'SSF_SIM_HTTPS')
  if (https || out.httpsPort !== undefined) out.https = true
  const extraCa = values['extra-ca'] ?? env.SSF_SIM_EXTRA_CA
  if (extraCa !== undefined) {
    if (extraCa === '') throw new UsageError('--extra-ca must name a PEM file')
    out.extraCa = extraCa
  }
  return out
}
