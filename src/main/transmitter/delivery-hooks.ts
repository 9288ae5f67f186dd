/**
 * What the stream-management service tells the delivery side. The management API knows nothing
 * about SETs; delivery implements these hooks (verification SETs, stream-updated SETs, holding
 * and flushing on status changes, purging on delete).
 * @module
 */
import type { StreamStatusValue } from '../../shared/ssf'
import type { StreamRecord } from '../store/streams-repo'

/** Who changed a stream's status: the Receiver (management API) or the Transmitter (control API). */
export type StatusInitiator = 'receiver' | 'transmitter'

/** Hooks called by the stream service after its write is committed. */
export interface DeliveryHooks {
  verificationRequested(stream: StreamRecord, state: string | undefined): void | Promise<void>
  /** Called before the new status is stored when `when === 'before'`, after it otherwise. */
  statusChanged(
    stream: StreamRecord,
    previous: StreamStatusValue,
    initiator: StatusInitiator,
    when: 'before' | 'after'
  ): void | Promise<void>
  streamDeleted(streamId: string): void | Promise<void>
}

/** Hooks that do nothing (no delivery wired). */
export const noDeliveryHooks: DeliveryHooks = {
  verificationRequested: () => {},
  statusChanged: () => {},
  streamDeleted: () => {}
}
