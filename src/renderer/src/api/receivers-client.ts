/**
 * The Receiver part of the control API (`/api/receivers`): schemas of what the UI reads and the
 * typed calls. The engine's answers are parsed, never trusted.
 * @module
 */
import type { ConformanceReport } from '../../../shared/api/conformance'
import type {
  CreateReceiverRequest,
  InboxEntryView,
  PollResultView,
  ReceiverOperationResult
} from '../../../shared/api/contract'
import { API_PATHS } from '../../../shared/api/paths'
import { call, parse } from './client'
import type { ReceiverSummary } from './schemas'

export type { ReceiverSummary } from './schemas'

/** Typed calls of `/api/receivers`. */
export const receiversApi = {
  list: async (): Promise<ReceiverSummary[]> =>
    parse((s) => s.receiversSchema, await call('GET', API_PATHS.receivers), 'receiver list'),
  create: async (body: CreateReceiverRequest): Promise<ReceiverSummary> =>
    parse((s) => s.receiverSchema, await call('POST', API_PATHS.receivers, body), 'receiver'),
  remove: async (id: string): Promise<void> => {
    await call('DELETE', API_PATHS.receiver(id))
  },
  inbox: async (id: string): Promise<InboxEntryView[]> =>
    parse((s) => s.inboxSchema, await call('GET', API_PATHS.receiverInbox(id)), 'inbox'),
  createStream: async (id: string, delivery: 'push' | 'poll'): Promise<ReceiverOperationResult> =>
    parse(
      (s) => s.operationSchema,
      await call('POST', API_PATHS.receiverStream(id), { delivery }),
      'stream result'
    ),
  poll: async (id: string): Promise<PollResultView> =>
    parse((s) => s.pollSchema, await call('POST', API_PATHS.receiverPoll(id), {}), 'poll result'),
  check: async (id: string): Promise<ConformanceReport> =>
    parse(
      (s) => s.conformanceReportSchema,
      await call('POST', API_PATHS.receiverCheck(id), {}),
      'check report'
    )
}
