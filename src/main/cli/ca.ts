/**
 * `ssf-sim ca path` and `ssf-sim ca export`: where the local CA certificate is, and a copy of it
 * to trust. Both create the CA on first use; neither touches a trust store nor exports the key.
 * @module
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { localCaInfo } from '../api/tls'
import { DEFAULTS, UsageError, defaultDataDir } from '../core/config'
import { ensureCa } from '../tls/store'
import { examples } from './command'

/** Options of `ssf-sim ca`. */
export const CA_OPTIONS = {
  'data-dir': { type: 'string', short: 'd' },
  host: { type: 'string' },
  out: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

export const CA_USAGE = `Usage: ssf-sim ca <path|export> [options]

  path      print where the local CA certificate is (created on first use)
  export    write the CA certificate (PEM) to --out FILE, or to stdout

options (env fallback in brackets):
  -d, --data-dir DIR   data folder [SSF_SIM_DATA_DIR] (default: the OS app-data folder)
      --host H         a host name the CA may also sign for, on first use [SSF_SIM_HOST]
  -o, --out FILE       export: the file to write (default: stdout)
      --json           path: print {path, fingerprint_sha256, ...} as JSON
  -h, --help           this text
${examples('ssf-sim ca path --json', 'ssf-sim ca export --out ssf-sim-ca.pem')}`

/** What `ssf-sim ca` was asked to do. Pure; unit-testable. */
export interface CaRequest {
  action: 'path' | 'export' | 'help'
  dataDir: string
  host: string
  out?: string
  json: boolean
}

/** Parse `ca` arguments (after the word `ca`) and env fallbacks. */
export function caRequest(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform
): CaRequest {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      options: CA_OPTIONS,
      strict: true,
      allowPositionals: true
    })
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
  const { values, positionals } = parsed
  const [action, ...extra] = positionals
  const dataDir = values['data-dir'] ?? env.SSF_SIM_DATA_DIR ?? defaultDataDir(platform, env)
  const base = {
    dataDir,
    host: values.host ?? env.SSF_SIM_HOST ?? DEFAULTS.host,
    json: values.json ?? false
  }
  if (values.help || action === 'help') return { action: 'help', ...base }
  if (action !== 'path' && action !== 'export')
    throw new UsageError(
      `ca needs "path" or "export"${action === undefined ? '' : `, got "${action}"`}`
    )
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra.join(' ')}"`)
  if (action === 'path' && values.out !== undefined)
    throw new UsageError('--out is for "ca export"')
  return { action, ...base, ...(values.out === undefined ? {} : { out: values.out }) }
}

/** Run `ssf-sim ca …`, writing results to `write` (stdout). */
export async function caCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  write: (text: string) => void = (t) => process.stdout.write(t)
): Promise<void> {
  const req = caRequest(argv, env)
  if (req.action === 'help') return write(CA_USAGE)
  const ca = await ensureCa(req.dataDir, req.host, Date.now())
  if (req.action === 'path')
    return write(
      req.json ? `${JSON.stringify(localCaInfo(ca, null), null, 2)}\n` : `${ca.certPath}\n`
    )
  if (req.out === undefined || req.out === '-') return write(ca.cert)
  const file = resolve(req.out)
  writeFileSync(file, ca.cert, { mode: 0o644 })
  write(`${file}\nSHA-256 fingerprint ${ca.fingerprint}\n`)
}
