/**
 * Event-type short names (`caep.session-revoked`, `risc.account-disabled`, `ssf.verification`)
 * and their resolution to URIs.
 * @module
 */
import { CAEP_EVENT_TYPES, RISC_EVENT_TYPES, SSF_EVENT_TYPES } from './event-types'

const PROFILES: Record<string, Record<string, string>> = {
  caep: CAEP_EVENT_TYPES,
  risc: RISC_EVENT_TYPES,
  ssf: SSF_EVENT_TYPES
}

/**
 * Resolve an event type given as a URI or as `<profile>.<name>` to its URI. Returns undefined
 * when the name is not known or the URI is not in `supported`.
 * @see CAEP 1.0 §3, RISC 1.0 §2, SSF 1.0 §8.1.4–§8.1.5
 */
export function resolveEventType(type: string, supported: readonly string[]): string | undefined {
  if (supported.includes(type)) return type
  const dot = type.indexOf('.')
  if (dot <= 0) return undefined
  const table = PROFILES[type.slice(0, dot).toLowerCase()]
  const name = type.slice(dot + 1)
  const uri = table && Object.hasOwn(table, name) ? table[name] : undefined
  return uri !== undefined && supported.includes(uri) ? uri : undefined
}

/** True for the SSF stream-management events (verification, stream-updated). @see SSF 1.0 §8.1 */
export function isSsfEventType(uri: string): boolean {
  return (Object.values(SSF_EVENT_TYPES) as string[]).includes(uri)
}
