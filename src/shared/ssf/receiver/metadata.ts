/**
 * The Receiver's view of a remote Transmitter's metadata: where to find it (insertion rule, then
 * legacy well-known names), how to parse it leniently, and which SSF version it speaks.
 * @see SSF 1.0 §7, interop notes §4 and A20, A27
 * @module
 */
import { z } from 'zod'
import {
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  LEGACY_DELIVERY_METHOD_POLL,
  LEGACY_DELIVERY_METHOD_PUSH
} from '../constants'
import type { Finding } from './findings'

/** Which well-known document a Transmitter's metadata came from. */
export type WellKnownKind = 'ssf-configuration' | 'sse-configuration' | 'risc-configuration'

/** A discovery URL to try, in order. */
export interface MetadataCandidate {
  kind: WellKnownKind
  url: string
}

/**
 * Discovery URLs for `issuer`: the SSF 1.0 insertion rule first, then the legacy SSE and RISC
 * names (same rule). @see SSF 1.0 §7.2, interop notes §4
 */
export function metadataCandidates(issuer: string): MetadataCandidate[] {
  const url = new URL(issuer)
  const path = url.pathname.replace(/\/$/, '')
  const kinds: WellKnownKind[] = ['ssf-configuration', 'sse-configuration', 'risc-configuration']
  return kinds.map((kind) => ({ kind, url: `${url.origin}/.well-known/${kind}${path}` }))
}

const optionalString = z.string().optional()

/** Remote metadata as we read it: typed where we rely on members, lenient elsewhere. */
const remoteMetadataSchema = z.looseObject({
  issuer: z.string({ message: 'must be a string' }),
  jwks_uri: z.string({ message: 'must be a string (the Receiver needs it to verify SETs)' }),
  spec_version: optionalString,
  delivery_methods_supported: z.array(z.string()).optional(),
  configuration_endpoint: optionalString,
  status_endpoint: optionalString,
  add_subject_endpoint: optionalString,
  remove_subject_endpoint: optionalString,
  verification_endpoint: optionalString,
  critical_subject_members: z.array(z.string()).optional(),
  authorization_schemes: z.array(z.looseObject({ spec_urn: z.string() })).optional(),
  default_subjects: optionalString
})

/** Remote Transmitter Configuration Metadata (members we use, plus anything else it sent). */
export type RemoteMetadata = z.output<typeof remoteMetadataSchema>

/** Parse a remote metadata document; `error` names the member at fault. */
export function parseRemoteMetadata(
  input: unknown
): { ok: true; metadata: RemoteMetadata } | { ok: false; error: string } {
  const result = remoteMetadataSchema.safeParse(input)
  if (result.success) return { ok: true, metadata: result.data }
  const issue = result.error.issues[0]
  const where = issue?.path.map(String).join('.') ?? ''
  return {
    ok: false,
    error: where
      ? `"${where}" ${issue?.message ?? 'is invalid'}`
      : 'the metadata is not a JSON object'
  }
}

/** The SSF generation a Transmitter appears to implement. */
export type SpecGeneration = 'final' | 'draft' | 'legacy' | 'unknown'

/**
 * Guess the SSF generation from `spec_version`, the delivery URIs and the well-known name used.
 * Absence of `spec_version` alone is not legacy (interop note A27). @see interop notes §4
 */
export function sniffSpecVersion(metadata: RemoteMetadata, source: WellKnownKind): SpecGeneration {
  const v = metadata.spec_version
  if (v === '1_0') return 'final'
  if (v !== undefined && /^1_0-ID\d+$/.test(v)) return 'draft'
  const methods = metadata.delivery_methods_supported ?? []
  if (methods.includes(DELIVERY_METHOD_PUSH) || methods.includes(DELIVERY_METHOD_POLL))
    return 'draft'
  if (
    source !== 'ssf-configuration' ||
    methods.includes(LEGACY_DELIVERY_METHOD_PUSH) ||
    methods.includes(LEGACY_DELIVERY_METHOD_POLL)
  )
    return 'legacy'
  return 'unknown'
}

/**
 * Findings about the metadata that do not stop registration: issuer not byte-equal to the
 * discovery input (A20), legacy well-known name.
 */
export function metadataFindings(
  metadata: RemoteMetadata,
  requestedIssuer: string,
  source: WellKnownKind
): Finding[] {
  const findings: Finding[] = []
  if (source !== 'ssf-configuration')
    findings.push({
      severity: 'warning',
      rule: 'SSF 1.0 §7.2',
      path: 'metadata',
      message: `metadata found only at the legacy /.well-known/${source}; SSF 1.0 uses /.well-known/ssf-configuration`
    })
  if (metadata.issuer !== requestedIssuer)
    findings.push({
      severity: 'error',
      rule: 'SSF 1.0 §7.2 / interop A20',
      path: 'metadata.issuer',
      message: `metadata "issuer" is "${metadata.issuer}" but it was discovered from "${requestedIssuer}"; they MUST be identical`
    })
  return findings
}
