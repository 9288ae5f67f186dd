/**
 * Pure parts of "Check my Transmitter": metadata rules and stream-configuration field rules.
 * The I/O (management calls, the verification round trip) lives in `src/main/receiver/check.ts`.
 * @see SSF 1.0 §7.1, §8.1.1, interop notes §2 "Checks applied to Transmitters"
 * @module
 */
import {
  AUTH_SCHEME_OAUTH2,
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  LEGACY_DELIVERY_METHOD_POLL,
  LEGACY_DELIVERY_METHOD_PUSH
} from '../constants'
import type { ConformanceCheck } from './findings'
import type { RemoteMetadata, WellKnownKind } from './metadata'

/** A value for a detail line (`absent` for undefined). */
function show(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value)
}

function isUrl(value: string, allowHttp: boolean): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || (allowHttp && url.protocol === 'http:')
  } catch {
    return false
  }
}

const ENDPOINT_MEMBERS = [
  'jwks_uri',
  'configuration_endpoint',
  'status_endpoint',
  'add_subject_endpoint',
  'remove_subject_endpoint',
  'verification_endpoint'
] as const

/**
 * Metadata rules. `raw` is the document as received (to see empty arrays and unknown shapes),
 * `metadata` its parsed form. `allowHttp` accepts http URLs (loopback development) with a warning.
 */
export function checkMetadata(
  raw: Record<string, unknown>,
  metadata: RemoteMetadata,
  requestedIssuer: string,
  source: WellKnownKind,
  allowHttp: boolean
): ConformanceCheck[] {
  const checks: ConformanceCheck[] = []
  const add = (
    id: string,
    title: string,
    rule: string,
    status: ConformanceCheck['status'],
    detail: string
  ) => checks.push({ id, title, rule, status, detail })

  add(
    'metadata.location',
    'Metadata at /.well-known/ssf-configuration (insertion rule)',
    'SSF 1.0 §7.2',
    source === 'ssf-configuration' ? 'pass' : 'fail',
    source === 'ssf-configuration'
      ? 'found at the SSF 1.0 location'
      : `found only at the legacy /.well-known/${source}`
  )
  add(
    'metadata.issuer',
    'issuer identical to the issuer it was discovered from',
    'SSF 1.0 §7.2 / interop A20',
    metadata.issuer === requestedIssuer ? 'pass' : 'fail',
    metadata.issuer === requestedIssuer
      ? `"${metadata.issuer}"`
      : `metadata says "${metadata.issuer}", discovered from "${requestedIssuer}" (compared byte for byte)`
  )
  const v = metadata.spec_version
  add(
    'metadata.spec_version',
    'spec_version present and well-formed',
    'SSF 1.0 §7.1',
    v === '1_0' ? 'pass' : v !== undefined && /^1_0-ID\d+$/.test(v) ? 'warn' : 'fail',
    v === undefined
      ? 'spec_version is missing (a Receiver must then assume 1_0-ID1)'
      : v === '1_0'
        ? '1_0'
        : /^1_0-ID\d+$/.test(v)
          ? `${v}: an implementer's draft, not SSF 1.0 final`
          : `"${v}" is not a valid spec_version (expected 1_0)`
  )
  const empty = Object.entries(raw)
    .filter(([, value]) => Array.isArray(value) && value.length === 0)
    .map(([key]) => key)
  add(
    'metadata.no_empty_arrays',
    'No empty arrays',
    'SSF 1.0 §7.1',
    empty.length === 0 ? 'pass' : 'fail',
    empty.length === 0 ? 'no member is an empty array' : `empty arrays: ${empty.join(', ')}`
  )
  const methods = metadata.delivery_methods_supported
  const legacy = (methods ?? []).filter(
    (m) => m === LEGACY_DELIVERY_METHOD_PUSH || m === LEGACY_DELIVERY_METHOD_POLL
  )
  const unknown = (methods ?? []).filter(
    (m) =>
      m !== DELIVERY_METHOD_PUSH &&
      m !== DELIVERY_METHOD_POLL &&
      m !== LEGACY_DELIVERY_METHOD_PUSH &&
      m !== LEGACY_DELIVERY_METHOD_POLL
  )
  add(
    'metadata.delivery_methods',
    'delivery_methods_supported uses the RFC 8935/8936 URNs',
    'SSF 1.0 §6.1, §7.1',
    methods === undefined || methods.length === 0
      ? 'fail'
      : legacy.length > 0
        ? 'fail'
        : unknown.length > 0
          ? 'warn'
          : 'pass',
    methods === undefined
      ? 'delivery_methods_supported is missing'
      : legacy.length > 0
        ? `legacy RISC delivery URIs: ${legacy.join(', ')} (use urn:ietf:rfc:8935 / urn:ietf:rfc:8936)`
        : unknown.length > 0
          ? `unknown methods: ${unknown.join(', ')}`
          : methods.join(', ')
  )
  const bad: string[] = []
  const http: string[] = []
  const missing: string[] = []
  for (const member of ENDPOINT_MEMBERS) {
    const value = raw[member]
    if (value === undefined) {
      missing.push(member)
      continue
    }
    if (typeof value !== 'string' || !isUrl(value, true)) bad.push(member)
    else if (!isUrl(value, false)) http.push(member)
  }
  add(
    'metadata.endpoints',
    'Endpoint members are URLs',
    'SSF 1.0 §7.1',
    bad.length > 0 ? 'fail' : http.length > 0 ? (allowHttp ? 'warn' : 'fail') : 'pass',
    bad.length > 0
      ? `not http(s) URLs: ${bad.join(', ')}`
      : http.length > 0
        ? `http (not https) URLs: ${http.join(', ')}${allowHttp ? ' (allowed for local development)' : ''}`
        : 'all present endpoints are https URLs'
  )
  const required = ['jwks_uri', 'configuration_endpoint', 'delivery_methods_supported']
  const interop = [
    'status_endpoint',
    'verification_endpoint',
    'add_subject_endpoint',
    'remove_subject_endpoint'
  ]
  const missingRequired = required.filter((m) => raw[m] === undefined)
  const missingInterop = interop.filter((m) => raw[m] === undefined)
  add(
    'metadata.required_members',
    'Members a Receiver needs are present',
    'SSF 1.0 §7.1 / CAEP interop profile §2',
    missingRequired.length > 0 ? 'fail' : missingInterop.length > 0 ? 'warn' : 'pass',
    missingRequired.length > 0
      ? `missing: ${missingRequired.join(', ')}`
      : missingInterop.length > 0
        ? `missing (required by the interop profile): ${missingInterop.join(', ')}`
        : 'all present'
  )
  const ds = raw.default_subjects
  add(
    'metadata.default_subjects',
    'default_subjects is ALL or NONE',
    'SSF 1.0 §7.1',
    ds === undefined ? 'warn' : ds === 'ALL' || ds === 'NONE' ? 'pass' : 'fail',
    ds === undefined
      ? 'absent (Receivers cannot tell whether subjects are added by default)'
      : show(ds)
  )
  const schemes = metadata.authorization_schemes
  add(
    'metadata.authorization_schemes',
    'authorization_schemes includes OAuth 2.0 (urn:ietf:rfc:6749)',
    'CAEP interop profile §2.1',
    schemes?.some((s) => s.spec_urn === AUTH_SCHEME_OAUTH2) ? 'pass' : 'warn',
    schemes === undefined ? 'absent' : schemes.map((s) => s.spec_urn).join(', ')
  )
  return checks
}

/** What was asked of a create request, to check the Transmitter's answer against. */
export interface StreamExpectation {
  issuer: string
  events_requested?: readonly string[]
  method: typeof DELIVERY_METHOD_PUSH | typeof DELIVERY_METHOD_POLL
  push_endpoint?: string
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const stringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string')

/** Field rules of a Stream Configuration returned by create/read/update. @see SSF 1.0 §8.1.1 */
export function checkStreamFields(
  config: unknown,
  expect: StreamExpectation,
  idPrefix: string
): ConformanceCheck[] {
  const checks: ConformanceCheck[] = []
  const add = (id: string, title: string, rule: string, ok: boolean | 'warn', detail: string) =>
    checks.push({
      id: `${idPrefix}.${id}`,
      title,
      rule,
      status: ok === 'warn' ? 'warn' : ok ? 'pass' : 'fail',
      detail
    })
  if (!isRecord(config)) {
    add('shape', 'Stream Configuration is a JSON object', 'SSF 1.0 §8.1.1', false, 'not an object')
    return checks
  }
  add(
    'stream_id',
    'stream_id is a non-empty string',
    'SSF 1.0 §8.1.1',
    typeof config.stream_id === 'string' && config.stream_id.length > 0,
    show(config.stream_id)
  )
  add(
    'iss',
    'iss equals the metadata issuer',
    'SSF 1.0 §8.1.1 / interop A20',
    config.iss === expect.issuer,
    `iss ${show(config.iss)}, issuer "${expect.issuer}"`
  )
  const aud = config.aud
  add(
    'aud',
    'aud is a string or an array of strings',
    'SSF 1.0 §8.1.1',
    typeof aud === 'string' || stringArray(aud),
    show(aud)
  )
  const supported = config.events_supported
  const delivered = config.events_delivered
  if (!stringArray(supported) || !stringArray(delivered)) {
    add(
      'events_delivered',
      'events_supported and events_delivered are arrays of strings',
      'SSF 1.0 §8.1.1',
      false,
      `events_supported ${show(supported)}, events_delivered ${show(delivered)}`
    )
  } else {
    const requested = expect.events_requested
    const extra = delivered.filter(
      (t) => !supported.includes(t) || (requested !== undefined && !requested.includes(t))
    )
    add(
      'events_delivered',
      'events_delivered ⊆ events_supported ∩ events_requested',
      'SSF 1.0 §8.1.1',
      extra.length === 0,
      extra.length === 0
        ? `${delivered.length} event type(s) delivered`
        : `delivered but not supported or not requested: ${extra.join(', ')}`
    )
  }
  const delivery = config.delivery
  if (!isRecord(delivery)) {
    add('delivery', 'delivery is an object', 'SSF 1.0 §8.1.1', false, show(delivery))
    return checks
  }
  add(
    'delivery.method',
    'delivery.method is the requested URN',
    'SSF 1.0 §6.1',
    delivery.method === expect.method,
    `${show(delivery.method)} (requested ${expect.method})`
  )
  if (expect.method === DELIVERY_METHOD_POLL)
    add(
      'delivery.endpoint_url',
      'poll endpoint_url assigned by the Transmitter',
      'SSF 1.0 §6.1.2',
      typeof delivery.endpoint_url === 'string' && delivery.endpoint_url.length > 0,
      show(delivery.endpoint_url)
    )
  else
    add(
      'delivery.endpoint_url',
      'push endpoint_url kept as the Receiver sent it',
      'SSF 1.0 §6.1.1',
      delivery.endpoint_url === expect.push_endpoint,
      `${show(delivery.endpoint_url)} (sent ${expect.push_endpoint ?? '—'})`
    )
  return checks
}
