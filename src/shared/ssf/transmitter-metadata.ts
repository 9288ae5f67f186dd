/**
 * Transmitter Configuration Metadata and the discovery-URL rule.
 * @see SSF 1.0 §7
 * @module
 */
import {
  AUTH_SCHEME_OAUTH2,
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  SPEC_VERSION,
  SSF_WELL_KNOWN_PATH
} from './constants'

/** `authorization_schemes[]` entry. @see SSF 1.0 §7.1.1 */
export interface AuthorizationScheme {
  spec_urn: string
}

/** Transmitter Configuration Metadata. @see SSF 1.0 §7.1 */
export interface TransmitterMetadata {
  spec_version?: string
  issuer: string
  jwks_uri?: string
  delivery_methods_supported?: string[]
  configuration_endpoint?: string
  status_endpoint?: string
  add_subject_endpoint?: string
  remove_subject_endpoint?: string
  verification_endpoint?: string
  critical_subject_members?: string[]
  authorization_schemes?: AuthorizationScheme[]
  default_subjects?: 'ALL' | 'NONE'
}

/** Path of each Transmitter endpoint below `{issuer}`. Receivers must discover them from metadata. */
export const TRANSMITTER_ENDPOINT_PATHS = {
  jwks: '/ssf/jwks',
  configuration: '/ssf/streams',
  status: '/ssf/status',
  addSubject: '/ssf/subjects:add',
  removeSubject: '/ssf/subjects:remove',
  verification: '/ssf/verify',
  poll: '/ssf/poll'
} as const

/**
 * The discovery URL of an issuer: the well-known suffix is inserted between the host and the
 * issuer's path, after removing a terminating `/`. @see SSF 1.0 §7.2
 */
export function discoveryUrl(issuer: string): string {
  const url = new URL(issuer)
  const path = url.pathname.replace(/\/$/, '')
  return `${url.origin}${SSF_WELL_KNOWN_PATH}${path}`
}

/** Path part of an issuer without a terminating `/` (`''` for a bare origin). */
export function issuerPath(issuer: string): string {
  return new URL(issuer).pathname.replace(/\/$/, '')
}

/** Options a Transmitter publishes in its metadata. */
export interface MetadataOptions {
  defaultSubjects: 'ALL' | 'NONE'
  criticalSubjectMembers?: string[]
}

/** Build the metadata document for `issuer` (empty arrays omitted, as §7.1 requires). */
export function buildTransmitterMetadata(
  issuer: string,
  options: MetadataOptions
): TransmitterMetadata {
  const base = issuer.replace(/\/$/, '')
  const metadata: TransmitterMetadata = {
    spec_version: SPEC_VERSION,
    issuer,
    jwks_uri: base + TRANSMITTER_ENDPOINT_PATHS.jwks,
    delivery_methods_supported: [DELIVERY_METHOD_PUSH, DELIVERY_METHOD_POLL],
    configuration_endpoint: base + TRANSMITTER_ENDPOINT_PATHS.configuration,
    status_endpoint: base + TRANSMITTER_ENDPOINT_PATHS.status,
    add_subject_endpoint: base + TRANSMITTER_ENDPOINT_PATHS.addSubject,
    remove_subject_endpoint: base + TRANSMITTER_ENDPOINT_PATHS.removeSubject,
    verification_endpoint: base + TRANSMITTER_ENDPOINT_PATHS.verification,
    authorization_schemes: [{ spec_urn: AUTH_SCHEME_OAUTH2 }],
    default_subjects: options.defaultSubjects
  }
  if (options.criticalSubjectMembers && options.criticalSubjectMembers.length > 0)
    metadata.critical_subject_members = [...options.criticalSubjectMembers]
  return metadata
}
