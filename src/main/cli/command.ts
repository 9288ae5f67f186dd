/**
 * The glue between commander and a command's body: resolve the connection, run, map failures.
 * @module
 */
import type { Command } from 'commander'
import { findEventType } from '../../shared/ssf'
import { UsageError } from '../core/config'
import type { ApiClient } from './api-client'
import { connect, type ConnectionFlags } from './connection'
import type { CliIo } from './output'

/** What a client command's body gets. */
export interface ClientContext {
  api: ApiClient
  io: CliIo
  /** `--json` */
  json: boolean
  /** The command's parsed options. */
  opts: Record<string, unknown>
  /** The declared arguments, in order. */
  args: string[]
}

/** A string option, if given. */
export function stringOpt(opts: Record<string, unknown>, key: string): string | undefined {
  const v = opts[key]
  return typeof v === 'string' ? v : undefined
}

/** A commander action that talks to a running instance. */
export function clientAction(
  io: CliIo,
  body: (c: ClientContext) => Promise<void>
): (this: Command) => Promise<void> {
  return async function (this: Command) {
    const opts: Record<string, unknown> = this.opts()
    const flags: ConnectionFlags = { json: opts.json === true }
    const url = stringOpt(opts, 'url')
    const token = stringOpt(opts, 'token')
    const dataDir = stringOpt(opts, 'dataDir')
    if (url !== undefined) flags.url = url
    if (token !== undefined) flags.token = token
    if (dataDir !== undefined) flags.dataDir = dataDir
    const args = this.processedArgs.filter((a): a is string => typeof a === 'string')
    await body({ api: connect(flags, io.env), io, json: opts.json === true, opts, args })
  }
}

/** Parse a JSON object argument, or fail as a usage error naming it. */
export function jsonObjectArg(raw: string, what: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw new UsageError(`${what} must be JSON, got ${raw}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${what} must be a JSON object`)
  return Object.fromEntries(Object.entries(value))
}

/** A subject from `email:alice@example.com`, `opaque:u-1`, `phone:+1…` or RFC 9493 JSON. */
export function subjectArg(raw: string): Record<string, unknown> {
  const m = raw.match(/^(email|opaque|phone):(.+)$/)
  if (!m?.[2]) return jsonObjectArg(raw, 'the subject')
  if (m[1] === 'email') return { format: 'email', email: m[2] }
  if (m[1] === 'phone') return { format: 'phone_number', phone_number: m[2] }
  return { format: 'opaque', id: m[2] }
}

/** `key=value` pairs into an object: numbers and true/false become JSON values. */
export function keyValues(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const pair of pairs) {
    const m = pair.match(/^([A-Za-z_][\w-]*)=(.*)$/)
    if (!m?.[1]) throw new UsageError(`expected key=value, got "${pair}"`)
    const v = m[2] ?? ''
    out[m[1].replace(/-/g, '_')] =
      v === 'true' ? true : v === 'false' ? false : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v
  }
  return out
}

/** An example block for `--help`. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`
}

/** An event-type URI from a catalog name (`caep.session-revoked`) or a URI (kept as given). */
export function eventTypeUri(nameOrUri: string): string {
  return findEventType(nameOrUri)?.uri ?? nameOrUri
}
