/**
 * RISC 1.0 event types, including the deprecated `sessions-revoked`.
 * @see RISC 1.0 (openid-risc-1_0) §2
 * @module
 */
import { CAEP_EVENT_TYPES, RISC_EVENT_TYPES } from '../event-types'
import {
  CREDENTIAL_TYPES,
  enumClaim,
  eventTimestampClaim,
  reasonClaim,
  stringClaim
} from './common'
import type { SubjectIdentifier } from '../subject'
import type { EventTypeEntry, SubjectConstraint } from './types'

const IDP = 'https://idp.sim.example/'
const ACCOUNT: SubjectIdentifier = { format: 'iss_sub', iss: IDP, sub: 'acct-4410' }

const emailOrPhone = (title: string): SubjectConstraint => ({
  formats: ['email', 'phone_number'],
  rule: `RISC 1.0 (${title}) subject MUST be email or phone`,
  message: `the subject of ${title} must be an email or phone_number identifier`
})

type Plain = Pick<EventTypeEntry, 'title' | 'description'> & { key: keyof typeof RISC_EVENT_TYPES }

/** A RISC event without attributes: payload `{}`. */
function plain({ key, title, description }: Plain, sub_id = ACCOUNT): EventTypeEntry {
  return {
    uri: RISC_EVENT_TYPES[key],
    name: `risc.${key}`,
    profile: 'risc',
    title,
    description,
    section: `RISC 1.0 (${title})`,
    claims: [],
    example: { sub_id, claims: {} },
    deprecated: false
  }
}

/** The RISC 1.0 entries, in spec order. */
export const RISC_CATALOG: readonly EventTypeEntry[] = [
  plain({
    key: 'account-credential-change-required',
    title: 'Account Credential Change Required',
    description:
      'The account identified by the subject was required to change a credential (e.g. a forced password change).'
  }),
  plain({
    key: 'account-purged',
    title: 'Account Purged',
    description: 'The account identified by the subject was permanently deleted.'
  }),
  {
    uri: RISC_EVENT_TYPES['account-disabled'],
    name: 'risc.account-disabled',
    profile: 'risc',
    title: 'Account Disabled',
    description: 'The account identified by the subject was disabled (it may be re-enabled later).',
    section: 'RISC 1.0 (Account Disabled)',
    claims: [
      enumClaim(
        'reason',
        'optional',
        'RISC 1.0 (Account Disabled)',
        ['hijacking', 'bulk-account'],
        'Why the account was disabled: account takeover suspected, or a mass-created/abusive account.',
        'Reason'
      )
    ],
    example: {
      sub_id: { format: 'phone_number', phone_number: '+442079460123' },
      claims: { reason: 'hijacking' }
    },
    deprecated: false
  },
  plain({
    key: 'account-enabled',
    title: 'Account Enabled',
    description: 'The account identified by the subject was (re-)enabled.'
  }),
  {
    uri: RISC_EVENT_TYPES['identifier-changed'],
    name: 'risc.identifier-changed',
    profile: 'risc',
    title: 'Identifier Changed',
    description:
      'The identifier in the subject (the old value) changed. Issued by the provider authoritative for the identifier.',
    section: 'RISC 1.0 (Identifier Changed)',
    claims: [
      stringClaim(
        'new-value',
        'optional',
        'RISC 1.0 (Identifier Changed)',
        'The new value of the identifier.',
        {
          label: 'New value',
          placeholder: 'sam.park@mail.sim.example'
        }
      )
    ],
    example: {
      sub_id: { format: 'email', email: 'sam.lee@mail.sim.example' },
      claims: { 'new-value': 'sam.park@mail.sim.example' }
    },
    deprecated: false,
    subject: emailOrPhone('Identifier Changed')
  },
  {
    ...plain(
      {
        key: 'identifier-recycled',
        title: 'Identifier Recycled',
        description:
          'The identifier in the subject was recycled and now belongs to a different user.'
      },
      { format: 'email', email: 'old.user@mail.sim.example' }
    ),
    subject: emailOrPhone('Identifier Recycled')
  },
  {
    uri: RISC_EVENT_TYPES['credential-compromise'],
    name: 'risc.credential-compromise',
    profile: 'risc',
    title: 'Credential Compromise',
    description: 'A credential of the subject was found to be compromised.',
    section: 'RISC 1.0 (Credential Compromise)',
    claims: [
      enumClaim(
        'credential_type',
        'required',
        'RISC 1.0 (Credential Compromise)',
        CREDENTIAL_TYPES,
        'Type of the compromised credential (the values of CAEP Credential Change).',
        'Credential type',
        true
      ),
      eventTimestampClaim(
        'RISC 1.0 (Credential Compromise)',
        'Time the Transmitter discovered the compromise'
      ),
      // A28: the type is not spelled out; emit CAEP-style objects, accept strings with a warning.
      reasonClaim('reason_admin', 'RISC 1.0 (Credential Compromise)', true),
      reasonClaim('reason_user', 'RISC 1.0 (Credential Compromise)', true)
    ],
    example: {
      sub_id: ACCOUNT,
      claims: {
        credential_type: 'password',
        event_timestamp: 1767231380,
        reason_admin: { en: 'Credential matched a public breach corpus' },
        reason_user: { en: 'Your password appeared in a data breach. Please change it.' }
      }
    },
    deprecated: false
  },
  plain({
    key: 'opt-in',
    title: 'Opt In',
    description: 'The account opted into RISC event exchange (state: opt-in).'
  }),
  plain({
    key: 'opt-out-initiated',
    title: 'Opt Out Initiated',
    description:
      'The account asked to opt out; events still flow during a grace period (state: opt-out-initiated).'
  }),
  plain({
    key: 'opt-out-cancelled',
    title: 'Opt Out Cancelled',
    description: 'The account cancelled its opt-out (state: opt-in).'
  }),
  plain({
    key: 'opt-out-effective',
    title: 'Opt Out Effective',
    description: 'The account was effectively opted out of RISC event exchange (state: opt-out).'
  }),
  plain({
    key: 'recovery-activated',
    title: 'Recovery Activated',
    description: 'The account identified by the subject activated a recovery flow.'
  }),
  plain({
    key: 'recovery-information-changed',
    title: 'Recovery Information Changed',
    description:
      'The account changed some of its recovery information (e.g. a recovery email was added or removed).'
  }),
  {
    ...plain({
      key: 'sessions-revoked',
      title: 'Sessions Revoked',
      description: 'All sessions of the account were revoked. Deprecated: use CAEP Session Revoked.'
    }),
    deprecated: true,
    replacedBy: CAEP_EVENT_TYPES['session-revoked']
  }
]
