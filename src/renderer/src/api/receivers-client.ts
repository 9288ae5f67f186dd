/**
 * The Receiver part of the control API (`/api/receivers`): schemas of what the UI reads and the
 * typed calls. The engine's answers are parsed, never trusted.
 * @module
 */
import { z } from 'zod'
import { conformanceReportSchema, type ConformanceReport } from '../../../shared/api/conformance'
import type {
  CreateReceiverRequest,
  InboxEntryView,
  PollResultView,
  ReceiverOperationResult
} from '../../../shared/api/contract'
import { API_PATHS } from '../../../shared/api/paths'
import { call, parse } from './client'

const findingView = z.object({
  severity: z.enum(['error', 'warning', 'info']).catch('info'),
  rule: z.string(),
  path: z.string(),
  message: z.string()
})

/** What the Receiver screen shows of a registered Transmitter. */
export interface ReceiverSummary {
  receiver_id: string
  issuer: string
  audience: string
  push_endpoint: string
  metadata_url: string
  spec_generation: string
  stream?: { stream_id: string; method: string; poll_endpoint?: string }
  verification_pending: boolean
  findings: z.infer<typeof findingView>[]
}

const receiverSchema: z.ZodType<ReceiverSummary> = z.object({
  receiver_id: z.string(),
  issuer: z.string(),
  audience: z.string(),
  push_endpoint: z.string(),
  metadata_url: z.string(),
  spec_generation: z.string(),
  stream: z
    .object({ stream_id: z.string(), method: z.string(), poll_endpoint: z.string().optional() })
    .optional(),
  verification_pending: z.boolean().catch(false),
  findings: z.array(findingView).catch([])
})

const inboxSchema: z.ZodType<InboxEntryView[]> = z.array(
  z.object({
    id: z.number(),
    receiver_id: z.string(),
    via: z.enum(['push', 'poll']),
    received_at: z.number(),
    jti: z.string().optional(),
    raw: z.string(),
    header: z.unknown().optional(),
    payload: z.unknown().optional(),
    verdict: z.enum(['accepted', 'rejected']),
    err: z.string().optional(),
    description: z.string().optional(),
    findings: z.array(findingView).catch([]),
    exchange_id: z.number().optional()
  })
)

const operationSchema: z.ZodType<ReceiverOperationResult> = z.object({
  ok: z.boolean(),
  operation: z.string(),
  status: z.number().optional(),
  exchange_id: z.number().optional(),
  result: z.unknown().optional(),
  error: z
    .object({ status: z.number().optional(), err: z.string().optional(), description: z.string() })
    .optional(),
  state: z.string().optional()
})

const pollSchema: z.ZodType<PollResultView> = z.object({
  ok: z.boolean(),
  requests: z.number(),
  received: z.number(),
  acked: z.array(z.string()),
  set_errs: z.record(z.string(), z.object({ err: z.string(), description: z.string() })),
  more_available: z.boolean(),
  exchange_ids: z.array(z.number()),
  error: z
    .object({ status: z.number().optional(), err: z.string().optional(), description: z.string() })
    .optional()
})

/** Typed calls of `/api/receivers`. */
export const receiversApi = {
  list: async (): Promise<ReceiverSummary[]> =>
    parse(z.array(receiverSchema), await call('GET', API_PATHS.receivers), 'receiver list'),
  create: async (body: CreateReceiverRequest): Promise<ReceiverSummary> =>
    parse(receiverSchema, await call('POST', API_PATHS.receivers, body), 'receiver'),
  remove: async (id: string): Promise<void> => {
    await call('DELETE', API_PATHS.receiver(id))
  },
  inbox: async (id: string): Promise<InboxEntryView[]> =>
    parse(inboxSchema, await call('GET', API_PATHS.receiverInbox(id)), 'inbox'),
  createStream: async (id: string, delivery: 'push' | 'poll'): Promise<ReceiverOperationResult> =>
    parse(
      operationSchema,
      await call('POST', API_PATHS.receiverStream(id), { delivery }),
      'stream result'
    ),
  poll: async (id: string): Promise<PollResultView> =>
    parse(pollSchema, await call('POST', API_PATHS.receiverPoll(id), {}), 'poll result'),
  check: async (id: string): Promise<ConformanceReport> =>
    parse(
      conformanceReportSchema,
      await call('POST', API_PATHS.receiverCheck(id), {}),
      'check report'
    )
}
