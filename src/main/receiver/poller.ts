/**
 * RFC 8936 poll client: polls the external Transmitter's poll endpoint, verifies each SET,
 * acknowledges good ones and reports bad ones in `setErrs`; on demand or on an interval.
 * @see RFC 8936 §2.4–2.5, interop notes §2 "Checks applied to Receivers"
 * @module
 */
import type { PollResultView } from '../../shared/api/receivers'
import type { Logger } from '../core/logger'
import {
  RemoteResponseError,
  pollRequest,
  processPollResponse,
  type ClientTarget,
  type PollRequestBody
} from './management-client'
import { NetworkError } from './recording-fetch'

/** Result of one on-demand poll (possibly several requests): the control API's answer body. */
export type PollResult = PollResultView

/** Handles one SET taken from a poll response; returns ack (undefined) or the error to report. */
export type PollSetHandler = (
  jti: string,
  value: unknown,
  exchangeId: number
) => Promise<{ err: string; description: string } | undefined>

/** Most requests one poll run makes (ack rounds and `moreAvailable` follow-ups). */
const MAX_ROUNDS = 10

/**
 * Poll until nothing is outstanding: each request carries the acks/errors of the previous batch;
 * a final acknowledge-only request (`maxEvents: 0`) reports the last batch.
 */
export async function pollOnce(
  target: ClientTarget,
  endpoint: string,
  maxEvents: number,
  handle: PollSetHandler
): Promise<PollResult> {
  const result: PollResult = {
    ok: true,
    requests: 0,
    received: 0,
    acked: [],
    set_errs: {},
    more_available: false,
    exchange_ids: []
  }
  let ack: string[] = []
  let setErrs: Record<string, { err: string; description: string }> = {}
  let fetchMore = true
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const body: PollRequestBody = { maxEvents: fetchMore ? maxEvents : 0, returnImmediately: true }
    if (ack.length > 0) body.ack = ack
    if (Object.keys(setErrs).length > 0) body.setErrs = setErrs
    result.requests++
    let exchanged
    try {
      exchanged = await pollRequest(target, endpoint, body)
    } catch (err) {
      result.ok = false
      result.error = { description: err instanceof Error ? err.message : String(err) }
      if (err instanceof NetworkError) result.exchange_ids.push(err.exchangeId)
      return result
    }
    result.exchange_ids.push(exchanged.exchangeId)
    result.acked.push(...ack)
    Object.assign(result.set_errs, setErrs)
    ack = []
    setErrs = {}
    let response
    try {
      response = await processPollResponse(exchanged.response)
    } catch (err) {
      result.ok = false
      result.error =
        err instanceof RemoteResponseError
          ? {
              status: err.status,
              description: err.message,
              ...(err.err === undefined ? {} : { err: err.err })
            }
          : { description: err instanceof Error ? err.message : String(err) }
      return result
    }
    for (const [jti, value] of Object.entries(response.sets)) {
      result.received++
      const error = await handle(jti, value, exchanged.exchangeId)
      if (error === undefined) ack.push(jti)
      else setErrs[jti] = error
    }
    result.more_available = response.moreAvailable === true
    fetchMore = result.more_available
    if (ack.length === 0 && Object.keys(setErrs).length === 0 && !fetchMore) break
  }
  return result
}

/** Interval polling of several receivers; stops cleanly on close. */
export function createPollScheduler(logger: Logger, run: (receiverId: string) => Promise<unknown>) {
  const timers = new Map<string, NodeJS.Timeout>()
  const running = new Map<string, Promise<unknown>>()
  let closed = false

  function schedule(receiverId: string, seconds: number): void {
    cancel(receiverId)
    if (closed || seconds <= 0) return
    const timer = setTimeout(() => {
      timers.delete(receiverId)
      const p = run(receiverId)
        .catch((err: unknown) =>
          logger.warn(
            `poll of receiver ${receiverId} failed: ${err instanceof Error ? err.message : String(err)}`
          )
        )
        .finally(() => {
          running.delete(receiverId)
          if (!closed) schedule(receiverId, seconds)
        })
      running.set(receiverId, p)
    }, seconds * 1000)
    timer.unref()
    timers.set(receiverId, timer)
  }

  function cancel(receiverId: string): void {
    const timer = timers.get(receiverId)
    if (timer) clearTimeout(timer)
    timers.delete(receiverId)
  }

  return {
    schedule,
    cancel,
    /** Stop all timers and wait for in-flight polls. */
    async close(): Promise<void> {
      closed = true
      for (const id of [...timers.keys()]) cancel(id)
      await Promise.allSettled([...running.values()])
    }
  }
}
