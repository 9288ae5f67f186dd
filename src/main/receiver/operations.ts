/**
 * The table of remote-stream operations: each management call our Receiver makes on an external
 * Transmitter (SSF 1.0 §8.1) is one row — its name, the metadata endpoint it calls, how it reads
 * the control-API body, the request it sends, how the answer is processed and what is remembered.
 * One {@link createRemoteOperations run} does the steps every row shares; the Transmitter's
 * failures come back as data (`{ok: false, status, error}`), never as our errors.
 * @see SSF 1.0 §8.1, `src/main/transmitter/router.ts` (the Transmitter's table)
 * @module
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  InvalidRequestError,
  SsfError,
  isSubject,
  parseWith,
  requireJsonObject,
  validateSubject,
  type SubjectIdentifier
} from '../../shared/ssf'
import type { ReceiverOperationResult } from '../../shared/api/contract'
import type { ReceiverRecord } from '../store/receiver-repo'
import {
  RemoteResponseError,
  createStreamRequest,
  deleteStreamRequest,
  getStatusRequest,
  processCreateStreamResponse,
  processDeleteStreamResponse,
  processListStreamsResponse,
  processReadStreamResponse,
  processStatusResponse,
  processSubjectResponse,
  processUpdateStreamResponse,
  processVerificationResponse,
  readStreamRequest,
  setStatusRequest,
  subjectRequest,
  updateStreamRequest,
  verificationRequest,
  type ClientTarget,
  type Exchanged,
  type RemoteStreamConfig,
  type StreamRequestBody
} from './management-client'
import { NetworkError } from './recording-fetch'
import type { EndpointMember, ReceiverRegistry } from './registry'

/**
 * Result of a management operation against the external Transmitter (errors are data);
 * `exchange_id` is the traffic-log entry of the call (`GET /api/traffic/{id}`).
 */
export type OperationResult = ReceiverOperationResult

/** What the table's rows use of the registry. */
export type OperationsDeps = Pick<
  ReceiverRegistry,
  | 'require'
  | 'target'
  | 'endpoint'
  | 'pushEndpoint'
  | 'rememberStream'
  | 'forgetStream'
  | 'expectVerification'
>

/** What a row's steps see. */
interface Call<I> {
  registry: OperationsDeps
  r: ReceiverRecord
  input: I
}

/** One row, as written: typed by its input `I` and processed answer `T`. */
interface RemoteOperation<I, T> {
  /** The metadata member naming the endpoint called. */
  endpoint: EndpointMember
  /** Read the control-API body (throws 400 on bad input). */
  input(body: unknown, r: ReceiverRecord): I
  /** Before the request goes out (e.g. await the verification state). */
  before?(call: Call<I>): void
  send(t: ClientTarget, endpoint: string, call: Call<I>): Promise<Exchanged>
  process(response: Response): Promise<T>
  /** After a good answer: remember what it says; the value returned is shown as `result`. */
  after?(result: T, call: Call<I>): unknown
  /** After the call, good or bad: adjust the result shown. */
  settle?(result: OperationResult, call: Call<I>): OperationResult
}

/** A row bound to one call (its types closed over). */
interface BoundOperation {
  before(): void
  send(t: ClientTarget, endpoint: string): Promise<Exchanged>
  /** Process the answer and remember it; the value shown as `result`. */
  process(response: Response): Promise<unknown>
  settle(result: OperationResult): OperationResult
}

/** A row of the table. */
export interface TableRow {
  endpoint: EndpointMember
  bind(body: unknown, r: ReceiverRecord, registry: OperationsDeps): BoundOperation
}

/** Write a row: its steps are type-checked together, then closed over. */
function operation<I, T>(row: RemoteOperation<I, T>): TableRow {
  return {
    endpoint: row.endpoint,
    bind(body, r, registry) {
      const call: Call<I> = { registry, r, input: row.input(body, r) }
      return {
        before: () => row.before?.(call),
        send: (t, endpoint) => row.send(t, endpoint, call),
        process: async (response) => {
          const processed = await row.process(response)
          return row.after ? row.after(processed, call) : processed
        },
        settle: (result) => (row.settle ? row.settle(result, call) : result)
      }
    }
  }
}

function streamIdOf(r: ReceiverRecord, given: unknown): string {
  if (typeof given === 'string' && given.length > 0) return given
  if (r.remote_stream) return r.remote_stream.stream_id
  throw new InvalidRequestError('no stream: create one first or pass "stream_id"')
}

function streamParam(body: unknown, r: ReceiverRecord): { stream_id: string } {
  const given = typeof body === 'object' && body !== null ? Reflect.get(body, 'stream_id') : body
  return { stream_id: streamIdOf(r, given) }
}

/** Remember a read/updated configuration when it is the stream this receiver manages. */
function rememberIfManaged<I>(config: RemoteStreamConfig, { registry, r }: Call<I>) {
  if (r.remote_stream?.stream_id === config.stream_id)
    registry.rememberStream(r.receiver_id, config)
  return config
}

const createInput = z.strictObject({
  delivery: z.enum(['push', 'poll']).default('push'),
  events_requested: z.array(z.string().min(1)).optional(),
  description: z.string().max(1024).optional()
})

const statusInput = z.strictObject({
  stream_id: z.string().min(1).optional(),
  status: z.string().min(1),
  reason: z.string().max(1024).optional()
})

const subjectInput = z.strictObject({
  stream_id: z.string().min(1).optional(),
  subject: z.unknown(),
  verified: z.boolean().optional()
})

const verifyInput = z.strictObject({
  stream_id: z.string().min(1).optional(),
  state: z.string().min(1).max(1024).nullable().optional()
})

function subjectBody(
  action: 'add' | 'remove',
  body: unknown,
  r: ReceiverRecord
): { stream_id: string; subject: SubjectIdentifier; verified?: boolean } {
  const input = parseWith(
    subjectInput,
    requireJsonObject(body, 'subject request'),
    'subject request'
  )
  const subject = input.subject
  if (!isSubject(subject)) {
    const issues = validateSubject(subject)
    throw new InvalidRequestError(
      `invalid "subject": ${issues.map((i) => i.message).join('; ') || 'not an RFC 9493 subject identifier'}`
    )
  }
  const out: { stream_id: string; subject: SubjectIdentifier; verified?: boolean } = {
    stream_id: streamIdOf(r, input.stream_id),
    subject
  }
  if (input.verified !== undefined && action === 'add') out.verified = input.verified
  return out
}

const updateRow = (mode: 'update' | 'replace') =>
  operation({
    endpoint: 'configuration_endpoint',
    input: (body: unknown, r: ReceiverRecord): StreamRequestBody => {
      const input = requireJsonObject(body ?? {}, 'stream update')
      return { ...input, stream_id: streamIdOf(r, input.stream_id) }
    },
    send: (t, ep, { input }) => updateStreamRequest(t, ep, input, mode),
    process: processUpdateStreamResponse,
    after: rememberIfManaged
  })

const subjectRow = (action: 'add' | 'remove') =>
  operation({
    endpoint: action === 'add' ? 'add_subject_endpoint' : 'remove_subject_endpoint',
    input: (body, r) => subjectBody(action, body, r),
    send: (t, ep, { input }) => subjectRequest(t, ep, action, input),
    process: processSubjectResponse
  })

/**
 * The table. Names are the operation names of the control API's results (and of the exchanges
 * view). `read_stream`/`list_streams`/`delete_stream`/`get_status` take `{stream_id?}`.
 */
export const REMOTE_OPERATIONS = {
  create_stream: operation({
    endpoint: 'configuration_endpoint',
    input: (body: unknown) => parseWith(createInput, body ?? {}, 'stream request'),
    send: (t, ep, { registry, input, r }) => {
      const request: StreamRequestBody = {
        delivery:
          input.delivery === 'poll'
            ? { method: DELIVERY_METHOD_POLL }
            : {
                method: DELIVERY_METHOD_PUSH,
                endpoint_url: registry.pushEndpoint(r.receiver_id),
                ...(r.settings.require_authorization && r.push_token
                  ? { authorization_header: `Bearer ${r.push_token}` }
                  : {})
              }
      }
      if (input.events_requested) request.events_requested = input.events_requested
      if (input.description !== undefined) request.description = input.description
      return createStreamRequest(t, ep, request)
    },
    process: processCreateStreamResponse,
    after: (config, { registry, r }) => {
      registry.rememberStream(r.receiver_id, config)
      return config
    }
  }),
  read_stream: operation({
    endpoint: 'configuration_endpoint',
    input: streamParam,
    send: (t, ep, { input }) => readStreamRequest(t, ep, input.stream_id),
    process: processReadStreamResponse,
    after: rememberIfManaged
  }),
  list_streams: operation({
    endpoint: 'configuration_endpoint',
    input: () => undefined,
    send: (t, ep) => readStreamRequest(t, ep),
    process: processListStreamsResponse
  }),
  update_stream: updateRow('update'),
  replace_stream: updateRow('replace'),
  delete_stream: operation({
    endpoint: 'configuration_endpoint',
    input: streamParam,
    send: (t, ep, { input }) => deleteStreamRequest(t, ep, input.stream_id),
    process: processDeleteStreamResponse,
    after: (_none, { registry, r, input }) => {
      if (r.remote_stream?.stream_id === input.stream_id) registry.forgetStream(r.receiver_id)
      return undefined
    }
  }),
  get_status: operation({
    endpoint: 'status_endpoint',
    input: streamParam,
    send: (t, ep, { input }) => getStatusRequest(t, ep, input.stream_id),
    process: processStatusResponse
  }),
  set_status: operation({
    endpoint: 'status_endpoint',
    input: (body, r) => {
      const input = parseWith(statusInput, requireJsonObject(body, 'status'), 'status')
      return {
        stream_id: streamIdOf(r, input.stream_id),
        status: input.status,
        ...(input.reason === undefined ? {} : { reason: input.reason })
      }
    },
    send: (t, ep, { input }) => setStatusRequest(t, ep, input),
    process: processStatusResponse
  }),
  add_subject: subjectRow('add'),
  remove_subject: subjectRow('remove'),
  /**
   * Request verification. `state` absent → a random one; `null` → none. The state is awaited
   * before the request goes out (the SET may arrive before the 204), and no longer when it fails.
   */
  verification: operation({
    endpoint: 'verification_endpoint',
    input: (body, r) => {
      const input = parseWith(verifyInput, body ?? {}, 'verification request')
      const state = input.state === undefined ? randomUUID() : input.state
      return { stream_id: streamIdOf(r, input.stream_id), state }
    },
    before: ({ registry, r, input }) => registry.expectVerification(r.receiver_id, input.state),
    send: (t, ep, { input: { stream_id, state } }) =>
      verificationRequest(t, ep, state === null ? { stream_id } : { stream_id, state }),
    process: processVerificationResponse,
    settle: (result, { registry, r, input }) => {
      if (!result.ok) registry.expectVerification(r.receiver_id, undefined)
      return input.state === null ? result : { ...result, state: input.state }
    }
  })
} as const

/** The name of a remote operation. */
export type RemoteOperationName = keyof typeof REMOTE_OPERATIONS

function operationError(err: unknown): OperationResult['error'] {
  if (err instanceof RemoteResponseError)
    return {
      status: err.status,
      description: err.message,
      ...(err.err === undefined ? {} : { err: err.err })
    }
  return { description: err instanceof Error ? err.message : String(err) }
}

/** Run rows of {@link REMOTE_OPERATIONS} for a receiver. */
export function createRemoteOperations(registry: OperationsDeps) {
  return {
    /** Run operation `name` on receiver `receiverId` with the control-API `body`. */
    async run(
      name: RemoteOperationName,
      receiverId: string,
      body: unknown
    ): Promise<OperationResult> {
      const row: TableRow = REMOTE_OPERATIONS[name]
      const r = registry.require(receiverId)
      const call = row.bind(body, r, registry)
      const t = registry.target(r)
      const endpoint = registry.endpoint(r, row.endpoint)
      call.before()
      let exchanged: Exchanged
      try {
        exchanged = await call.send(t, endpoint)
      } catch (err) {
        if (err instanceof SsfError) throw err
        const failed: OperationResult = { ok: false, operation: name, error: operationError(err) }
        if (err instanceof NetworkError) failed.exchange_id = err.exchangeId
        return call.settle(failed)
      }
      const base = {
        operation: name,
        status: exchanged.response.status,
        exchange_id: exchanged.exchangeId
      }
      try {
        const shown = await call.process(exchanged.response)
        return call.settle(
          shown === undefined ? { ok: true, ...base } : { ok: true, ...base, result: shown }
        )
      } catch (err) {
        return call.settle({ ok: false, ...base, error: operationError(err) })
      }
    }
  }
}

/** The remote operations. */
export type RemoteOperations = ReturnType<typeof createRemoteOperations>
