/**
 * Event-type URIs of CAEP 1.0, RISC 1.0 and SSF 1.0. The full catalog (claims, examples, forms)
 * builds on these.
 * @module
 */
import { EVENT_TYPE_STREAM_UPDATED, EVENT_TYPE_VERIFICATION } from './constants'

const CAEP = 'https://schemas.openid.net/secevent/caep/event-type/'
const RISC = 'https://schemas.openid.net/secevent/risc/event-type/'

/** CAEP 1.0 event types. @see CAEP 1.0 §3 */
export const CAEP_EVENT_TYPES = {
  'session-revoked': `${CAEP}session-revoked`,
  'token-claims-change': `${CAEP}token-claims-change`,
  'credential-change': `${CAEP}credential-change`,
  'assurance-level-change': `${CAEP}assurance-level-change`,
  'device-compliance-change': `${CAEP}device-compliance-change`,
  'session-established': `${CAEP}session-established`,
  'session-presented': `${CAEP}session-presented`,
  'risk-level-change': `${CAEP}risk-level-change`
} as const

/** RISC 1.0 event types (`sessions-revoked` is deprecated but still defined). @see RISC 1.0 §2 */
export const RISC_EVENT_TYPES = {
  'account-credential-change-required': `${RISC}account-credential-change-required`,
  'account-purged': `${RISC}account-purged`,
  'account-disabled': `${RISC}account-disabled`,
  'account-enabled': `${RISC}account-enabled`,
  'identifier-changed': `${RISC}identifier-changed`,
  'identifier-recycled': `${RISC}identifier-recycled`,
  'credential-compromise': `${RISC}credential-compromise`,
  'opt-in': `${RISC}opt-in`,
  'opt-out-initiated': `${RISC}opt-out-initiated`,
  'opt-out-cancelled': `${RISC}opt-out-cancelled`,
  'opt-out-effective': `${RISC}opt-out-effective`,
  'recovery-activated': `${RISC}recovery-activated`,
  'recovery-information-changed': `${RISC}recovery-information-changed`,
  'sessions-revoked': `${RISC}sessions-revoked`
} as const

/** SSF 1.0 event types. @see SSF 1.0 §8.1.4, §8.1.5 */
export const SSF_EVENT_TYPES = {
  verification: EVENT_TYPE_VERIFICATION,
  'stream-updated': EVENT_TYPE_STREAM_UPDATED
} as const

/** Every built-in event-type URI, in catalog order (CAEP, RISC, SSF). */
export const BUILTIN_EVENT_TYPE_URIS: readonly string[] = [
  ...Object.values(CAEP_EVENT_TYPES),
  ...Object.values(RISC_EVENT_TYPES),
  ...Object.values(SSF_EVENT_TYPES)
]
