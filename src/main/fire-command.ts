/**
 * `ssf-sim fire`: fire an event through a running instance's control API and print the result.
 * @module
 */
import { parseArgs } from 'node:util'
import { UsageError } from './core/config'

/** Options of `ssf-sim fire`. */
export const FIRE_OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string', short: 't' },
  type: { type: 'string' },
  subject: { type: 'string' },
  claims: { type: 'string' },
  stream: { type: 'string', multiple: true },
  txn: { type: 'string' }
} as const

/** A failure reported by the server or the network: exit code 1 with its description. */
export class FireError extends Error {
  override name = 'FireError'
}

function parseJsonObject(raw: string, flag: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw new UsageError(`${flag} must be JSON, got ${raw}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${flag} must be a JSON object`)
  return Object.fromEntries(Object.entries(value))
}

/** Build the `POST /api/events` request from `fire` flags. Pure; unit-testable. */
export function fireRequest(
  argv: readonly string[],
  env: NodeJS.ProcessEnv
): { url: string; token: string; body: Record<string, unknown> } {
  let values
  try {
    values = parseArgs({ args: [...argv], options: FIRE_OPTIONS, strict: true }).values
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
  const token = values.token ?? env.SSF_SIM_TOKEN
  if (token === undefined) throw new UsageError('fire needs --token (or SSF_SIM_TOKEN)')
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
    subject: parseJsonObject(values.subject, '--subject')
  }
  if (values.claims !== undefined) body.claims = parseJsonObject(values.claims, '--claims')
  if (values.stream !== undefined) body.stream_ids = values.stream
  if (values.txn !== undefined) body.txn = values.txn
  return { url: url.href, token, body }
}

/** Run `fire`: print the server's JSON answer; throw {@link FireError} on failure. */
export async function fireCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { url, token, body } = fireRequest(argv, env)
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
