/**
 * CAEP 1.0 event types: every event, its claims, a realistic example and form metadata.
 * @see CAEP 1.0 §3
 * @module
 */
import { CAEP_EVENT_TYPES } from '../event-types'
import { CREDENTIAL_TYPES, caepCommonClaims, enumClaim, stringClaim } from './common'
import type { EventTypeEntry } from './types'

const IDP = 'https://idp.sim.example/'
const T = 1767229990

/** The CAEP 1.0 entries, in spec order. @see CAEP 1.0 §3.1–§3.8 */
export const CAEP_CATALOG: readonly EventTypeEntry[] = [
  {
    uri: CAEP_EVENT_TYPES['session-revoked'],
    name: 'caep.session-revoked',
    profile: 'caep',
    title: 'Session Revoked',
    description:
      'The session identified by the subject has been revoked. With a complex subject (user, device, tenant …) every matching session is revoked.',
    section: 'CAEP 1.0 §3.1',
    claims: caepCommonClaims('Time the session was revoked'),
    example: {
      sub_id: {
        format: 'complex',
        user: { format: 'iss_sub', iss: IDP, sub: 'u-5521' },
        session: { format: 'opaque', id: 'sess-7f3c9a' }
      },
      claims: {
        initiating_entity: 'policy',
        reason_admin: { en: 'Session revoked by risk policy RP-4' },
        reason_user: { en: 'For your security you have been signed out.' },
        event_timestamp: T
      }
    },
    deprecated: false
  },
  {
    uri: CAEP_EVENT_TYPES['token-claims-change'],
    name: 'caep.token-claims-change',
    profile: 'caep',
    title: 'Token Claims Change',
    description: 'A claim in a token identified by the subject changed value.',
    section: 'CAEP 1.0 §3.2',
    claims: [
      {
        name: 'claims',
        type: 'object',
        format: 'json-object',
        requirement: 'required',
        section: 'CAEP 1.0 §3.2',
        description:
          'One or more claim names with their new values (any JSON type). Names may be URIs (SAML attribute names).',
        form: { kind: 'json', label: 'Changed claims', placeholder: '{"role": "viewer"}' }
      },
      ...caepCommonClaims('Time the claim values changed')
    ],
    example: {
      sub_id: { format: 'jwt_id', iss: IDP, jti: 'idt-9b8a7c6d' },
      claims: {
        claims: { role: 'viewer', on_corp_network: false },
        initiating_entity: 'admin',
        reason_admin: { en: 'Role downgraded by helpdesk ticket 4411' },
        event_timestamp: T
      }
    },
    deprecated: false
  },
  {
    uri: CAEP_EVENT_TYPES['credential-change'],
    name: 'caep.credential-change',
    profile: 'caep',
    title: 'Credential Change',
    description:
      'A credential was created, changed, revoked or deleted: password or PIN change/reset, certificate enrollment/renewal/revocation, second-factor or passwordless enrollment or deletion.',
    section: 'CAEP 1.0 §3.3',
    claims: [
      enumClaim(
        'credential_type',
        'required',
        'CAEP 1.0 §3.3',
        CREDENTIAL_TYPES,
        'Type of the credential. Other values may be agreed between the parties.',
        'Credential type',
        true
      ),
      enumClaim(
        'change_type',
        'required',
        'CAEP 1.0 §3.3',
        ['create', 'revoke', 'update', 'delete'],
        'What happened to the credential.',
        'Change type'
      ),
      stringClaim('friendly_name', 'optional', 'CAEP 1.0 §3.3', 'Display name of the credential.', {
        label: 'Friendly name',
        placeholder: "Dana's laptop passkey"
      }),
      stringClaim(
        'x509_issuer',
        'optional',
        'CAEP 1.0 §3.3',
        'Issuer of the X.509 certificate (RFC 5280).',
        {
          label: 'X.509 issuer',
          placeholder: 'CN=Corp Issuing CA 2,O=Corp'
        }
      ),
      stringClaim(
        'x509_serial',
        'optional',
        'CAEP 1.0 §3.3',
        'Serial number of the X.509 certificate (RFC 5280).',
        {
          label: 'X.509 serial',
          placeholder: '4c:1f:09:aa'
        }
      ),
      stringClaim(
        'fido2_aaguid',
        'optional',
        'CAEP 1.0 §3.3',
        'FIDO2 authenticator AAGUID (WebAuthn).',
        {
          label: 'FIDO2 AAGUID',
          placeholder: '6a7e2b1c-0d3f-4e5a-9b8c-7d6e5f4a3b2c'
        }
      ),
      ...caepCommonClaims('Time of the credential change')
    ],
    example: {
      sub_id: { format: 'email', email: 'dana@corp.example' },
      claims: {
        credential_type: 'fido2-platform',
        change_type: 'create',
        friendly_name: "Dana's laptop passkey",
        fido2_aaguid: '6a7e2b1c-0d3f-4e5a-9b8c-7d6e5f4a3b2c',
        initiating_entity: 'user',
        reason_admin: { en: 'User enrolled a platform authenticator' },
        event_timestamp: T
      }
    },
    deprecated: false
  },
  {
    uri: CAEP_EVENT_TYPES['assurance-level-change'],
    name: 'caep.assurance-level-change',
    profile: 'caep',
    title: 'Assurance Level Change',
    description:
      'The authentication assurance level of the subject changed since the initial login (stepped up or down).',
    section: 'CAEP 1.0 §3.4',
    claims: [
      // Custom namespaces agreed by both parties are allowed: the list only suggests values.
      stringClaim(
        'namespace',
        'required',
        'CAEP 1.0 §3.4',
        'The level vocabulary (RFC8176, RFC6711, ISO-IEC-29115, NIST-IAL, NIST-AAL, NIST-FAL) or a custom alias agreed by both parties.',
        {
          kind: 'combo',
          label: 'Namespace',
          options: ['RFC8176', 'RFC6711', 'ISO-IEC-29115', 'NIST-IAL', 'NIST-AAL', 'NIST-FAL']
        }
      ),
      stringClaim('current_level', 'required', 'CAEP 1.0 §3.4', 'Current level in the namespace.', {
        label: 'Current level',
        placeholder: 'nist-aal2'
      }),
      stringClaim(
        'previous_level',
        'optional',
        'CAEP 1.0 §3.4',
        'Previous level; absent means unknown.',
        {
          label: 'Previous level',
          placeholder: 'nist-aal1'
        }
      ),
      enumClaim(
        'change_direction',
        'optional',
        'CAEP 1.0 §3.4',
        ['increase', 'decrease'],
        'Whether the level went up or down (SHOULD be present with previous_level).',
        'Change direction'
      ),
      ...caepCommonClaims('Time the assurance level changed')
    ],
    example: {
      sub_id: { format: 'iss_sub', iss: IDP, sub: 'u-5521' },
      claims: {
        namespace: 'NIST-AAL',
        current_level: 'nist-aal1',
        previous_level: 'nist-aal2',
        change_direction: 'decrease',
        initiating_entity: 'system',
        event_timestamp: T
      }
    },
    deprecated: false
  },
  {
    uri: CAEP_EVENT_TYPES['device-compliance-change'],
    name: 'caep.device-compliance-change',
    profile: 'caep',
    title: 'Device Compliance Change',
    description: "A device's compliance status changed.",
    section: 'CAEP 1.0 §3.5',
    claims: [
      enumClaim(
        'previous_status',
        'required',
        'CAEP 1.0 §3.5',
        ['compliant', 'not-compliant'],
        'Compliance status before the change.',
        'Previous status'
      ),
      enumClaim(
        'current_status',
        'required',
        'CAEP 1.0 §3.5',
        ['compliant', 'not-compliant'],
        'Compliance status after the change.',
        'Current status'
      ),
      ...caepCommonClaims('Time the compliance status changed')
    ],
    example: {
      sub_id: {
        format: 'complex',
        device: { format: 'opaque', id: 'dev-88f1' },
        tenant: { format: 'opaque', id: 'corp-tenant-1' }
      },
      claims: {
        previous_status: 'compliant',
        current_status: 'not-compliant',
        initiating_entity: 'policy',
        reason_admin: { en: 'Disk encryption disabled' },
        reason_user: { en: 'Your device no longer meets security requirements.' },
        event_timestamp: T
      }
    },
    deprecated: false
  },
  {
    uri: CAEP_EVENT_TYPES['session-established'],
    name: 'caep.session-established',
    profile: 'caep',
    title: 'Session Established',
    description: 'The Transmitter established a new session for the subject.',
    section: 'CAEP 1.0 §3.6',
    claims: [
      stringClaim(
        'fp_ua',
        'optional',
        'CAEP 1.0 §3.6',
        'Fingerprint of the user agent computed by the Transmitter.',
        {
          label: 'User-agent fingerprint',
          placeholder: '5f2d0c9e1b7a44c3a0e8d6b2c4f1a3e5d7b9c0a1'
        }
      ),
      stringClaim(
        'acr',
        'optional',
        'CAEP 1.0 §3.6',
        'Authentication context class reference, as in an ID token.',
        {
          label: 'ACR',
          placeholder: 'urn:corp:acr:mfa'
        }
      ),
      {
        name: 'amr',
        type: 'array',
        format: 'string-array',
        requirement: 'optional',
        section: 'CAEP 1.0 §3.6',
        description: 'Authentication methods references, as in an ID token (array of strings).',
        form: {
          kind: 'string-list',
          label: 'AMR',
          placeholder: 'pwd',
          options: ['pwd', 'otp', 'mfa', 'hwk', 'swk', 'face', 'fpt', 'sms']
        }
      },
      stringClaim(
        'ext_id',
        'optional',
        'CAEP 1.0 §3.6',
        'External session identifier to correlate with a broader (e.g. federated) session.',
        {
          label: 'External session ID',
          placeholder: 'saml-sess-01AB23'
        }
      ),
      ...caepCommonClaims('Time the session was established')
    ],
    example: {
      sub_id: { format: 'email', email: 'dana@corp.example' },
      claims: {
        fp_ua: '5f2d0c9e1b7a44c3a0e8d6b2c4f1a3e5d7b9c0a1',
        acr: 'urn:corp:acr:mfa',
        amr: ['pwd', 'otp'],
        ext_id: 'saml-sess-01AB23',
        event_timestamp: T
      }
    },
    deprecated: false
  },
  {
    uri: CAEP_EVENT_TYPES['session-presented'],
    name: 'caep.session-presented',
    profile: 'caep',
    title: 'Session Presented',
    description: 'The Transmitter observed the session being used at event_timestamp.',
    section: 'CAEP 1.0 §3.7',
    claims: [
      stringClaim(
        'fp_ua',
        'optional',
        'CAEP 1.0 §3.7',
        'Fingerprint of the user agent computed by the Transmitter.',
        {
          label: 'User-agent fingerprint',
          placeholder: '5f2d0c9e1b7a44c3a0e8d6b2c4f1a3e5d7b9c0a1'
        }
      ),
      stringClaim('ext_id', 'optional', 'CAEP 1.0 §3.7', 'External session identifier.', {
        label: 'External session ID',
        placeholder: 'saml-sess-01AB23'
      }),
      ...caepCommonClaims('Time the session was observed')
    ],
    example: {
      sub_id: { format: 'email', email: 'dana@corp.example' },
      claims: {
        fp_ua: '5f2d0c9e1b7a44c3a0e8d6b2c4f1a3e5d7b9c0a1',
        ext_id: 'saml-sess-01AB23',
        event_timestamp: T
      }
    },
    deprecated: false
  },
  {
    uri: CAEP_EVENT_TYPES['risk-level-change'],
    name: 'caep.risk-level-change',
    profile: 'caep',
    title: 'Risk Level Change',
    description: "The Transmitter's assessed risk level for the subject changed.",
    section: 'CAEP 1.0 §3.8',
    claims: [
      enumClaim(
        'principal',
        'required',
        'CAEP 1.0 §3.8',
        ['USER', 'DEVICE', 'SESSION', 'TENANT', 'ORG_UNIT', 'GROUP'],
        'The kind of principal the risk is about (uppercase); other entity types are allowed.',
        'Principal',
        true
      ),
      enumClaim(
        'current_level',
        'required',
        'CAEP 1.0 §3.8',
        ['LOW', 'MEDIUM', 'HIGH'],
        'Current risk level (uppercase).',
        'Current level'
      ),
      stringClaim(
        'risk_reason',
        'recommended',
        'CAEP 1.0 §3.8',
        'Free-form reason, e.g. PASSWORD_FOUND_IN_DATA_BREACH.',
        {
          label: 'Risk reason',
          placeholder: 'PASSWORD_FOUND_IN_DATA_BREACH'
        }
      ),
      enumClaim(
        'previous_level',
        'optional',
        'CAEP 1.0 §3.8',
        ['LOW', 'MEDIUM', 'HIGH'],
        'Previous risk level; absent means unknown.',
        'Previous level'
      ),
      ...caepCommonClaims('Time the risk level changed')
    ],
    example: {
      sub_id: { format: 'iss_sub', iss: IDP, sub: 'u-5521' },
      claims: {
        principal: 'USER',
        current_level: 'HIGH',
        previous_level: 'LOW',
        risk_reason: 'PASSWORD_FOUND_IN_DATA_BREACH',
        event_timestamp: T
      }
    },
    deprecated: false
  }
]
