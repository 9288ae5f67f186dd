/**
 * Event validation against the catalog: required claims, JSON types, enums, second-based
 * timestamps, language-tagged reasons, subject formats, custom schemas. Every finding names the
 * JSON path and the spec rule.
 * @see CAEP 1.0 §2–§3, RISC 1.0, SSF 1.0 §3, §8.1.4–§8.1.5
 * @module
 */
import { InvalidRequestError } from '../errors'
import { CAEP_EVENT_TYPES } from '../event-types'
import { lintSubject } from '../subject'
import { findEventType } from './index'
import { validateJsonSchema } from './json-schema'
import { joinPath } from './path'
import type { ClaimSpec, CustomEventType, EventTypeEntry, Finding } from './types'

/** Values above this are milliseconds, not seconds (1e11 s is the year 5138). */
export const MILLISECONDS_THRESHOLD = 1e11
/** 2024-01-01T00:00:00Z: an earlier event time is implausible for a live SET (A-notes). */
export const PLAUSIBLE_SINCE = 1704067200
/** Default clock skew tolerated for timestamps in the future, in seconds. */
export const DEFAULT_SKEW_SECONDS = 300

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

// BCP 47 language tag, syntax only (RFC 5646 §2.1, simplified).
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/

/** Options shared by validation and lint. */
export interface CheckOptions {
  customTypes?: readonly CustomEventType[]
  /** Current time, **seconds**; when given, timestamps in the future beyond the skew are errors. */
  now?: number
  skewSeconds?: number
}

const error = (path: string, rule: string, message: string): Finding => ({
  path,
  rule,
  message,
  severity: 'error'
})
const warning = (path: string, rule: string, message: string): Finding => ({
  path,
  rule,
  message,
  severity: 'warning'
})

/**
 * Check a NumericDate in seconds: a number, not milliseconds, not negative, not in the future
 * beyond the skew (when `now` is known), not implausibly old.
 * @see RFC 7519 §2 (NumericDate)
 */
export function checkSecondsTimestamp(
  value: unknown,
  path: string,
  rule: string,
  options: CheckOptions = {}
): Finding[] {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return [
      error(path, `${rule} type`, 'must be a number of seconds since the epoch (NumericDate)')
    ]
  if (value > MILLISECONDS_THRESHOLD)
    return [
      error(
        path,
        `${rule} seconds`,
        `looks like milliseconds (${value}); NumericDate is seconds, e.g. ${Math.floor(value / 1000)}`
      )
    ]
  if (value < 0) return [error(path, `${rule} seconds`, 'must not be negative')]
  const skew = options.skewSeconds ?? DEFAULT_SKEW_SECONDS
  if (options.now !== undefined && value > options.now + skew)
    return [
      error(
        path,
        `${rule} not in the future`,
        `is ${Math.round(value - options.now)} s in the future (skew allowed: ${skew} s)`
      )
    ]
  if (value < PLAUSIBLE_SINCE)
    return [
      warning(path, `${rule} plausible`, 'is before 2024-01-01: a placeholder or a wrong unit?')
    ]
  return []
}

function checkLanguageTagged(spec: ClaimSpec, value: unknown, path: string): Finding[] {
  const rule = `${spec.section} ${spec.name} language-tagged object`
  if (typeof value === 'string') {
    const msg = 'must be an object keyed by language tags, e.g. {"en": "..."}, not a plain string'
    return [spec.lenientString ? warning(path, rule, msg) : error(path, rule, msg)]
  }
  if (!isObject(value))
    return [error(path, rule, 'must be an object keyed by language tags, e.g. {"en": "..."}')]
  const entries = Object.entries(value)
  if (entries.length === 0)
    return [error(path, rule, 'must contain at least one language-tagged message')]
  return entries.flatMap(([tag, text]) => {
    const at = joinPath(path, tag)
    const out: Finding[] = []
    if (!LANGUAGE_TAG.test(tag))
      out.push(error(at, rule, `"${tag}" is not a BCP 47 language tag (e.g. "en", "de-CH")`))
    if (typeof text !== 'string' || text.length === 0)
      out.push(error(at, rule, 'the message must be a non-empty string'))
    return out
  })
}

function checkType(spec: ClaimSpec, value: unknown, path: string): Finding[] {
  const rule = `${spec.section} ${spec.name} type`
  const ok =
    spec.type === 'any' ||
    (spec.type === 'string' && typeof value === 'string') ||
    (spec.type === 'number' && Number.isFinite(value)) ||
    (spec.type === 'integer' && Number.isInteger(value)) ||
    (spec.type === 'boolean' && typeof value === 'boolean') ||
    (spec.type === 'object' && isObject(value)) ||
    (spec.type === 'array' && Array.isArray(value))
  if (ok) return []
  const article =
    spec.type === 'object' || spec.type === 'array' || spec.type === 'integer' ? 'an' : 'a'
  return [error(path, rule, `"${spec.name}" must be ${article} ${spec.type}`)]
}

/** Check one claim value against its spec (the claim is present). */
export function checkClaim(
  spec: ClaimSpec,
  value: unknown,
  path: string,
  options: CheckOptions = {}
): Finding[] {
  if (spec.format === 'seconds-timestamp')
    return checkSecondsTimestamp(value, path, `${spec.section} ${spec.name}`, options)
  if (spec.format === 'language-tagged') return checkLanguageTagged(spec, value, path)
  const typeIssues = checkType(spec, value, path)
  if (typeIssues.length > 0) return typeIssues
  const out: Finding[] = []
  if (typeof value === 'string' && spec.type === 'string' && value.length === 0)
    out.push(
      error(path, `${spec.section} ${spec.name} non-empty`, `"${spec.name}" must not be empty`)
    )
  if (spec.enum && typeof value === 'string' && !spec.enum.includes(value)) {
    const caseHint = spec.enum.find((e) => e.toLowerCase() === value.toLowerCase())
    const listed = `one of ${spec.enum.join(', ')}`
    const msg = caseHint
      ? `"${value}" must be written "${caseHint}" (values are case-sensitive)`
      : spec.openEnum
        ? `"${value}" is not ${listed}; other values need agreement between Transmitter and Receiver`
        : `"${value}" is not ${listed}`
    out.push(
      spec.openEnum && !caseHint
        ? warning(path, `${spec.section} ${spec.name} values`, msg)
        : error(path, `${spec.section} ${spec.name} enum`, msg)
    )
  }
  if (spec.format === 'string-array' && Array.isArray(value))
    value.forEach((item, i) => {
      if (typeof item !== 'string' || item.length === 0)
        out.push(
          error(
            `${path}[${i}]`,
            `${spec.section} ${spec.name} array of strings`,
            'must be a non-empty string'
          )
        )
    })
  if (spec.format === 'json-object' && isObject(value) && Object.keys(value).length === 0)
    out.push(
      error(
        path,
        `${spec.section} ${spec.name} one or more`,
        `"${spec.name}" must contain at least one claim`
      )
    )
  if (spec.format === 'uri' && typeof value === 'string' && !ABSOLUTE_URI.test(value))
    out.push(
      error(path, `${spec.section} ${spec.name} URI`, `"${spec.name}" must be an absolute URI`)
    )
  return out
}

/** Rules that involve more than one claim. */
function crossChecks(
  entry: EventTypeEntry,
  payload: Record<string, unknown>,
  base: string
): Finding[] {
  if (
    entry.uri === CAEP_EVENT_TYPES['assurance-level-change'] &&
    payload.previous_level !== undefined &&
    payload.change_direction === undefined
  )
    return [
      warning(
        joinPath(base, 'change_direction'),
        'CAEP 1.0 §3.4 change_direction SHOULD with previous_level',
        '"change_direction" should be present when "previous_level" is'
      )
    ]
  return []
}

/**
 * Check an event payload against its catalog entry. `base` is the payload's JSON path
 * (`claims` for the fire API, `events["<uri>"]` for a SET).
 */
export function checkPayload(
  entry: EventTypeEntry,
  payload: unknown,
  base: string,
  options: CheckOptions = {}
): Finding[] {
  if (!isObject(payload))
    return [
      error(
        base,
        'RFC 8417 §2.2 event payload is a JSON object',
        'the event payload must be a JSON object ({} when empty)'
      )
    ]
  if (entry.schema) {
    // Custom types: the schema is authoritative; timestamps named like CAEP's still get unit checks.
    const out = validateJsonSchema(entry.schema, payload, base, `custom ${entry.uri}`)
    if (payload.event_timestamp !== undefined)
      out.push(
        ...checkSecondsTimestamp(
          payload.event_timestamp,
          joinPath(base, 'event_timestamp'),
          `custom ${entry.uri} event_timestamp`,
          options
        )
      )
    return out
  }
  const out: Finding[] = []
  for (const spec of entry.claims) {
    const path = joinPath(base, spec.name)
    const value = payload[spec.name]
    if (value === undefined) {
      if (spec.requirement === 'required')
        out.push(
          error(
            path,
            `${spec.section} ${spec.name} REQUIRED`,
            `"${spec.name}" is required for ${entry.title}`
          )
        )
      else if (spec.requirement === 'recommended')
        out.push(
          warning(
            path,
            `${spec.section} ${spec.name} RECOMMENDED`,
            `"${spec.name}" is recommended for ${entry.title}`
          )
        )
      continue
    }
    out.push(...checkClaim(spec, value, path, options))
  }
  return [...out, ...crossChecks(entry, payload, base)]
}

/** Check the event's subject: a valid subject member, in a format the event allows. */
export function checkEventSubject(
  entry: EventTypeEntry | undefined,
  subject: unknown,
  path: string
): Finding[] {
  if (subject === undefined)
    return [error(path, 'SSF 1.0 §3 sub_id REQUIRED', 'the subject (sub_id) is required')]
  const out: Finding[] = lintSubject(subject, path)
  const constraint = entry?.subject
  if (constraint && isObject(subject) && typeof subject.format === 'string') {
    const format = subject.format === 'phone' ? 'phone_number' : subject.format
    if (!constraint.formats.includes(format))
      out.push(
        error(
          joinPath(path, 'format'),
          constraint.rule,
          `${constraint.message} (got "${subject.format}")`
        )
      )
  }
  return out
}

/** Input of {@link validateEvent}: what `POST /api/events` receives. */
export interface EventInput {
  /** Event-type URI or catalog name. */
  type: unknown
  subject: unknown
  claims?: unknown
}

/**
 * Validate an event before it becomes a SET: findings at `type`, `subject.*` and `claims.*`.
 * @see CAEP 1.0 §2–§3, RISC 1.0, SSF 1.0 §3, §4
 */
export function validateEvent(input: EventInput, options: CheckOptions = {}): Finding[] {
  if (typeof input.type !== 'string' || input.type.length === 0)
    return [error('type', 'SSF 1.0 §4 events', '"type" must be an event-type URI or catalog name')]
  const entry = findEventType(input.type, options.customTypes)
  const out: Finding[] = []
  if (!entry)
    out.push(
      error(
        'type',
        'SSF 1.0 §8.1.1 events_supported',
        `"${input.type}" is not a catalog event type or a custom event type`
      )
    )
  else if (entry.deprecated)
    out.push(
      warning(
        'type',
        `${entry.section} deprecated`,
        `${entry.title} is deprecated${entry.replacedBy ? `; use ${entry.replacedBy}` : ''}`
      )
    )
  out.push(...checkEventSubject(entry, input.subject, 'subject'))
  if (entry) out.push(...checkPayload(entry, input.claims ?? {}, 'claims', options))
  return out
}

/** Result of {@link validateEventForFire}. */
export interface FireValidation {
  /** The catalog entry, when the type is known. */
  entry?: EventTypeEntry
  /** The event-type URI to put in `events` (the input itself for an unknown absolute URI). */
  uri?: string
  errors: Finding[]
  warnings: Finding[]
  /** Whether the emitter may build the SET: no errors, or invalid on purpose. */
  fire: boolean
}

/**
 * What the emitter calls before firing. With `allowInvalid` (a request that asks for an invalid
 * SET on purpose, to test Receivers) errors are reported but do not stop the SET — as long as
 * there is an event-type URI to put in `events`.
 */
export function validateEventForFire(
  input: EventInput,
  options: CheckOptions & { allowInvalid?: boolean } = {}
): FireValidation {
  const findings = validateEvent(input, options)
  const errors = findings.filter((f) => f.severity === 'error')
  const warnings = findings.filter((f) => f.severity === 'warning')
  const entry =
    typeof input.type === 'string' ? findEventType(input.type, options.customTypes) : undefined
  const uri =
    entry?.uri ??
    (typeof input.type === 'string' && ABSOLUTE_URI.test(input.type) ? input.type : undefined)
  const fire = uri !== undefined && (errors.length === 0 || options.allowInvalid === true)
  return { ...(entry ? { entry } : {}), ...(uri ? { uri } : {}), errors, warnings, fire }
}

/** Render findings as one line each: `path: message (rule)`. */
export function formatFindings(findings: readonly Finding[], max = 10): string {
  return findings
    .slice(0, max)
    .map((f) => `${f.path}: ${f.message} (${f.rule})`)
    .join('; ')
}

/** Throw 400 `invalid_request` naming every error unless the validation allows firing. */
export function assertFireable(
  result: FireValidation
): asserts result is FireValidation & { uri: string } {
  if (!result.fire)
    throw new InvalidRequestError(
      `invalid event: ${formatFindings(result.errors) || 'unknown event type'}`
    )
}
