/**
 * SSF 1.0 event types: verification and stream-updated.
 * @see SSF 1.0 §8.1.4, §8.1.5
 * @module
 */
import { STREAM_STATUSES } from '../stream'
import { SSF_EVENT_TYPES } from '../event-types'
import { enumClaim, stringClaim } from './common'
import type { EventTypeEntry, SubjectConstraint } from './types'

const streamSubject = (section: string): SubjectConstraint => ({
  formats: ['opaque'],
  rule: `${section} sub_id opaque stream_id`,
  message: 'the subject must be {"format": "opaque", "id": "<stream_id>"}'
})

/** The SSF entries. */
export const SSF_CATALOG: readonly EventTypeEntry[] = [
  {
    uri: SSF_EVENT_TYPES.verification,
    name: 'ssf.verification',
    profile: 'ssf',
    title: 'Verification',
    description:
      'Confirms end-to-end delivery on a stream. Sent in answer to a verification request (echoing its state) or unrequested (without state).',
    section: 'SSF 1.0 §8.1.4',
    claims: [
      stringClaim(
        'state',
        'optional',
        'SSF 1.0 §8.1.4',
        'Echo of the state of the verification request; absent for Transmitter-initiated verification.',
        {
          label: 'State',
          placeholder: 'c2ltLXN0YXRlLTAwMQ'
        }
      )
    ],
    example: {
      sub_id: { format: 'opaque', id: 'st_9f2c4e1a7b' },
      claims: { state: 'c2ltLXN0YXRlLTAwMQ' }
    },
    deprecated: false,
    subject: streamSubject('SSF 1.0 §8.1.4')
  },
  {
    uri: SSF_EVENT_TYPES['stream-updated'],
    name: 'ssf.stream-updated',
    profile: 'ssf',
    title: 'Stream Updated',
    description:
      'The Transmitter changed the status of the stream on its own (pause, disable, re-enable).',
    section: 'SSF 1.0 §8.1.5',
    claims: [
      enumClaim(
        'status',
        'required',
        'SSF 1.0 §8.1.5',
        STREAM_STATUSES,
        'The new status of the stream.',
        'Status'
      ),
      stringClaim('reason', 'optional', 'SSF 1.0 §8.1.5', 'Short explanation of the change.', {
        label: 'Reason',
        placeholder: 'Transmitter maintenance'
      })
    ],
    example: {
      sub_id: { format: 'opaque', id: 'st_9f2c4e1a7b' },
      claims: { status: 'paused', reason: 'Transmitter maintenance' }
    },
    deprecated: false,
    subject: streamSubject('SSF 1.0 §8.1.5')
  }
]
