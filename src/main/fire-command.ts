/**
 * `ssf-sim fire`: fire an event through a running instance's control API and print the result.
 * @module
 */
import { parseArgs } from 'node:util'
import { jsonObjectArg } from './cli/command'
import { UsageError } from './core/config'

/** Options of `ssf-sim fire`. */
export const FIRE_OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string', short: 't' },
  type: { type: 'string' },
  subject: { type: 'string' },
  claims: { type: 'string' },
  stream: { type: 'string', multiple: true },
  txn: { type: 'string' },
  'data-dir': { type: 'string', short: 'd' },
  json: { type: 'boolean' }
} as const

/** `fire --help`. */
export const FIRE_USAGE = `Usage: ssf-sim fire [options]

Fire an event through a running instance (POST /api/events); prints the SETs made as JSON.

Options:
      --url URL             the running instance (default http://127.0.0.1:4400) [SSF_SIM_URL]
  -t, --token T             the simulator token [SSF_SIM_TOKEN] (default: the data folder's)
  -d, --data-dir DIR        data folder to read the saved token from [SSF_SIM_DATA_DIR]
      --type TYPE           event-type URI or name, e.g. caep.session-revoked (required)
      --subject JSON        RFC 9493 subject, e.g. '{"format":"email","email":"a@b.c"}' (required)
      --claims JSON         the event's claims (default {})
      --stream ID           only this stream (repeatable)
      --txn X               the SETs' txn claim
      --json                print JSON (the default output of fire)
  -h, --help                this text

Examples:
  $ ssf-sim fire --type caep.session-revoked --subject '{"format":"email","email":"alice@example.com"}'
  $ ssf-sim fire --url http://127.0.0.1:4400 --token ci-token-123 --type risc.account-disabled \\
      --subject '{"format":"opaque","id":"u-1"}' --claims '{"reason":"hijacking"}' --json
`

/** A failure reported by the server or the network: exit code 1 with its description. */
export class FireError extends Error {
  override name = 'FireError'
}

/** Build the `POST /api/events` request from `fire` flags. Pure; unit-testable. */
export function fireRequest(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  savedToken: (dataDir: string | undefined) => string | undefined = () => undefined
): { url: string; token: string; body: Record<string, unknown> } {
  let values
  try {
    values = parseArgs({ args: [...argv], options: FIRE_OPTIONS, strict: true }).values
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
  const token = values.token ?? env.SSF_SIM_TOKEN ?? savedToken(values['data-dir'])
  if (token === undefined)
    throw new UsageError('fire needs --token (or SSF_SIM_TOKEN, or --data-dir of a local instance)')
  if (values.type === undefined) throw new UsageError('fire needs --type')
  if (values.subject === undefined) throw new UsageError('fire needs --subject')
  const base = values.url ?? env.SSF_SIM_URL ?? 'http://127.0.0.1:4400'
  let url: URL
  try {
    url = new URL('/api/events', base)
  } catch {
    throw new UsageError(`--url must be an absolute URL, got "${base}"`)
  }
  const body: Record<string, unknown> = {
    type: values.type,
    subject: jsonObjectArg(values.subject, '--subject')
  }
  if (values.claims !== undefined) body.claims = jsonObjectArg(values.claims, '--claims')
  if (values.stream !== undefined) body.stream_ids = values.stream
  if (values.txn !== undefined) body.txn = values.txn
  return { url: url.href, token, body }
}

/** Run `fire`: print the server's JSON answer; throw {@link FireError} on failure. */
export async function fireCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  savedToken?: (dataDir: string | undefined) => string | undefined
): Promise<void> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(FIRE_USAGE)
    return
  }
  const { url, token, body } = fireRequest(argv, env, savedToken)
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual'
    })
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : ''
    throw new FireError(`cannot reach ${url}${cause}`)
  }
  const text = await res.text()
  if (res.status !== 201) {
    let description = text.slice(0, 500)
    try {
      const parsed: unknown = JSON.parse(text)
      if (typeof parsed === 'object' && parsed !== null && 'description' in parsed)
        description = String(parsed.description)
    } catch {
      // not JSON: print the raw excerpt
    }
    throw new FireError(`HTTP ${res.status}: ${description}`)
  }
  process.stdout.write(`${text}\n`)
}
