/**
 * RFC 8936 poll queue: parses poll requests, applies `ack`/`setErrs`, hands out outstanding SETs
 * (oldest first, `maxEvents`, `moreAvailable`) and holds long polls until a SET arrives or the
 * bounded wait elapses.
 * @see RFC 8936 §2.1–§2.4; interop notes A16–A19
 * @module
 */
import { z } from 'zod'
import { parseWith, SET_ERROR_CODES } from '../../../shared/ssf'
import type { Clock } from '../../core/clock'
import type { OutboundRepo } from '../../store/outbound-repo'
import type { DeliveryOptions } from './options'

/** A parsed poll request. @see RFC 8936 §2.1 */
export interface PollRequest {
  maxEvents?: number
  returnImmediately: boolean
  ack: string[]
  setErrs: { jti: string; err: string; description: string }[]
}

/** The poll response. @see RFC 8936 §2.2 */
export interface PollResponse {
  sets: Record<string, string>
  moreAvailable: boolean
}

/** A poll response and the first SET it hands out (links the exchange in the traffic log). */
export interface PollResult {
  response: PollResponse
  first?: { jti: string; event_type: string }
  /** The SETs of `response.sets` as stored, in the order handed out. */
  handed: readonly { jti: string; token: string }[]
}

/** Longest jti and most acknowledgements a poll request may carry. */
const MAX_JTI = 1024
const MAX_ACKS = 10_000
const jti = z.string().min(1, 'must be a non-empty jti').max(MAX_JTI)
const pollSchema = z.looseObject({
  maxEvents: z
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .optional(),
  returnImmediately: z.boolean({ message: 'must be true or false' }).optional(),
  ack: z.array(jti, { message: 'must be an array of jti strings' }).max(MAX_ACKS).optional(),
  setErrs: z
    .record(
      jti,
      z.looseObject({
        // Unknown codes are tolerated (the registry is extensible), but must be code-shaped.
        err: z.union([z.enum(SET_ERROR_CODES), z.string().regex(/^[A-Za-z0-9_]{1,64}$/)], {
          message: 'must be an error code'
        }),
        description: z.string().max(4096).optional()
      }),
      { message: 'must be an object of jti → {err, description}' }
    )
    .optional()
})

const isJti = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_JTI

/**
 * The usual poll body (`ack`, `maxEvents`, `returnImmediately`, no `setErrs`) when it is valid,
 * without the schema's per-element work (a drain acknowledges 100 jtis per request); anything
 * else, valid or not, goes through {@link pollSchema}.
 */
function plainPollRequest(body: unknown): PollRequest | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined
  const { ack, maxEvents, returnImmediately, setErrs } = body as Record<string, unknown>
  if (setErrs !== undefined) return undefined
  if (ack !== undefined && !(Array.isArray(ack) && ack.length <= MAX_ACKS && ack.every(isJti)))
    return undefined
  if (maxEvents !== undefined && !(Number.isSafeInteger(maxEvents) && (maxEvents as number) >= 0))
    return undefined
  if (returnImmediately !== undefined && typeof returnImmediately !== 'boolean') return undefined
  const request: PollRequest = {
    returnImmediately: returnImmediately ?? false,
    ack: (ack as string[] | undefined) ?? [],
    setErrs: []
  }
  if (maxEvents !== undefined) request.maxEvents = maxEvents as number
  return request
}

/** Parse a poll body; absent or empty means `{}` (interop note A18). Throws 400 otherwise. */
export function parsePollRequest(body: unknown): PollRequest {
  const plain = plainPollRequest(body ?? {})
  if (plain) return plain
  const p = parseWith(pollSchema, body ?? {}, 'poll request')
  const request: PollRequest = {
    returnImmediately: p.returnImmediately ?? false,
    ack: p.ack ?? [],
    setErrs: Object.entries(p.setErrs ?? {}).map(([j, e]) => ({
      jti: j,
      err: e.err,
      description: e.description ?? ''
    }))
  }
  if (p.maxEvents !== undefined) request.maxEvents = p.maxEvents
  return request
}

/** The poll queue of every poll stream. */
export interface PollQueue {
  /** A SET became available on a stream: wake its long polls. */
  notify(streamId: string): void
  /** Serve one poll request (already authorized for `streamId`). */
  poll(streamId: string, request: PollRequest, aborted: AbortSignal): Promise<PollResult>
  /** How many long polls are waiting on a stream (for the UI and tests). */
  waiting(streamId: string): number
  /** Answer every waiting long poll now (shutdown). */
  stop(): void
}

/** Create the poll queue. */
export function createPollQueue(
  outbound: OutboundRepo,
  options: DeliveryOptions,
  clock: Clock,
  /** Told what a poll request acknowledged or reported in `setErrs` (the live feed). */
  onAnswered: (
    streamId: string,
    acked: readonly string[],
    failed: readonly string[]
  ) => void = () => {},
  /** Told which SETs a poll response hands out (the live feed's `polled`). */
  onHanded: (streamId: string, jtis: readonly string[]) => void = () => {}
): PollQueue {
  const waiters = new Map<string, Set<() => void>>()
  let stopped = false

  function wait(streamId: string, ms: number, aborted: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = waiters.get(streamId)
      if (!set) waiters.set(streamId, (set = new Set()))
      const done = () => {
        clearTimeout(timer)
        aborted.removeEventListener('abort', done)
        const s = waiters.get(streamId)
        s?.delete(done)
        if (s?.size === 0) waiters.delete(streamId)
        resolve()
      }
      const timer = setTimeout(done, ms)
      aborted.addEventListener('abort', done)
      set.add(done)
    })
  }

  /** One commit: acknowledge, then hand out up to `max` SETs. */
  function take(streamId: string, max: number, request?: PollRequest): PollResult {
    const turn = outbound.pollTurn(
      streamId,
      request?.ack ?? [],
      request?.setErrs ?? [],
      max,
      clock.now()
    )
    if (request && (request.ack.length > 0 || request.setErrs.length > 0))
      onAnswered(
        streamId,
        request.ack,
        request.setErrs.map((e) => e.jti)
      )
    if (turn.sets.length > 0)
      onHanded(
        streamId,
        turn.sets.map((r) => r.jti)
      )
    const response: PollResponse = {
      sets: Object.fromEntries(turn.sets.map((r) => [r.jti, r.token])),
      moreAvailable: turn.more
    }
    const first = turn.sets[0]
    return first
      ? { response, first: { jti: first.jti, event_type: first.event_type }, handed: turn.sets }
      : { response, handed: turn.sets }
  }

  return {
    notify(streamId) {
      for (const wake of [...(waiters.get(streamId) ?? [])]) wake()
    },
    async poll(streamId, request, aborted) {
      const max = Math.min(
        request.maxEvents ?? options.pollDefaultMaxEvents,
        options.pollMaxEventsCap
      )
      const result = take(streamId, max, request)
      // maxEvents 0 is an acknowledge-only request: answered at once (docs/decisions.md).
      if (result.first || request.returnImmediately || max === 0) return result
      if (stopped || aborted.aborted) return result
      // One wait. A wake-up means a SET was stored (or released) for this stream, or the stream
      // was deleted: the poll answers with what it then finds, which after a deletion is nothing,
      // at once rather than at the end of its wait (docs/decisions.md, poll16).
      await wait(streamId, options.pollWaitSeconds * 1000, aborted)
      return aborted.aborted || stopped ? result : take(streamId, max)
    },
    waiting(streamId) {
      return waiters.get(streamId)?.size ?? 0
    },
    stop() {
      stopped = true
      for (const set of waiters.values()) for (const wake of [...set]) wake()
    }
  }
}
