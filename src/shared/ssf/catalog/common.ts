/**
 * Claim helpers and the optional claims common to every CAEP event, defined once.
 * @see CAEP 1.0 §2
 * @module
 */
import type { ClaimSpec, FormField, Requirement } from './types'

/** Values of `initiating_entity`. @see CAEP 1.0 §2 */
export const INITIATING_ENTITIES = ['admin', 'user', 'policy', 'system'] as const

/** `credential_type` values of CAEP Credential Change (reused by RISC). @see CAEP 1.0 §3.3 */
export const CREDENTIAL_TYPES = [
  'password',
  'pin',
  'x509',
  'fido2-platform',
  'fido2-roaming',
  'fido-u2f',
  'verifiable-credential',
  'phone-voice',
  'phone-sms',
  'app'
] as const

/** A string claim. */
export function stringClaim(
  name: string,
  requirement: Requirement,
  section: string,
  description: string,
  form: Omit<FormField, 'kind'> & { kind?: FormField['kind'] }
): ClaimSpec {
  return {
    name,
    type: 'string',
    requirement,
    section,
    description,
    form: { kind: 'text', ...form }
  }
}

/** A string claim with a closed (or, with `open`, an open) list of values. */
export function enumClaim(
  name: string,
  requirement: Requirement,
  section: string,
  values: readonly string[],
  description: string,
  label: string,
  open = false
): ClaimSpec {
  return {
    name,
    type: 'string',
    requirement,
    section,
    description,
    enum: values,
    ...(open ? { openEnum: true } : {}),
    form: { kind: open ? 'combo' : 'select', label, options: values }
  }
}

/** `event_timestamp`: when the event happened, NumericDate seconds. */
export function eventTimestampClaim(section: string, meaning: string): ClaimSpec {
  return {
    name: 'event_timestamp',
    type: 'number',
    format: 'seconds-timestamp',
    requirement: 'optional',
    section,
    description: `${meaning}, in seconds since 1970-01-01T00:00:00Z (not milliseconds).`,
    form: { kind: 'timestamp', label: 'Event time', help: 'Seconds since the epoch' }
  }
}

/** `reason_admin` / `reason_user`: language-tagged message objects. */
export function reasonClaim(
  name: 'reason_admin' | 'reason_user',
  section: string,
  lenientString = false
): ClaimSpec {
  const who = name === 'reason_admin' ? 'administrators and logs' : 'end users'
  return {
    name,
    type: 'object',
    format: 'language-tagged',
    requirement: 'optional',
    section,
    description: `Localizable message for ${who}: an object whose keys are BCP 47 language tags (e.g. "en") and whose values are the message in that language.`,
    ...(lenientString ? { lenientString: true } : {}),
    form: {
      kind: 'language-map',
      label: name === 'reason_admin' ? 'Reason (admin)' : 'Reason (user)',
      placeholder: name === 'reason_admin' ? 'Session revoked by policy' : 'Please sign in again.'
    }
  }
}

/**
 * The optional claims every CAEP event may carry. `meaning` says what `event_timestamp` is for
 * the event at hand.
 * @see CAEP 1.0 §2
 */
export function caepCommonClaims(meaning: string): ClaimSpec[] {
  return [
    eventTimestampClaim('CAEP 1.0 §2', meaning),
    enumClaim(
      'initiating_entity',
      'optional',
      'CAEP 1.0 §2',
      INITIATING_ENTITIES,
      'What initiated the event: an administrator, the user, a policy evaluation or the system.',
      'Initiating entity'
    ),
    reasonClaim('reason_admin', 'CAEP 1.0 §2'),
    reasonClaim('reason_user', 'CAEP 1.0 §2')
  ]
}

/** Names of the CAEP common claims. */
export const CAEP_COMMON_CLAIM_NAMES: readonly string[] = [
  'event_timestamp',
  'initiating_entity',
  'reason_admin',
  'reason_user'
]
