/**
 * The Receiver's polling (RFC 8936): poll a receiver's poll stream now, or on its interval. Each
 * SET polled goes through the inbox; good ones are acknowledged, bad ones reported in `setErrs`.
 * @see RFC 8936 §2.4–2.5
 * @module
 */
import { InvalidRequestError } from '../../shared/ssf'
import type { Logger } from '../core/logger'
import type { Inbox } from './inbox'
import { createPollScheduler, pollOnce, type PollResult } from './poller'
import type { ReceiverRegistry } from './registry'

/** What polling needs. */
export interface PollingDeps {
  registry: Pick<ReceiverRegistry, 'require' | 'find' | 'target'>
  inbox: Pick<Inbox, 'judge' | 'keep' | 'refused'>
  logger: Logger
}

/** Build the polling of every receiver. */
export function createReceiverPolling(deps: PollingDeps) {
  const { registry, inbox } = deps
  const scheduler = createPollScheduler(deps.logger, (id) => poll(id))

  /** Poll receiver `id` now (400 when it has no poll stream). */
  async function poll(id: string): Promise<PollResult> {
    const r = registry.require(id)
    const pollUrl = r.remote_stream?.poll_endpoint
    if (pollUrl === undefined)
      throw new InvalidRequestError(
        'this receiver has no poll stream (create one with delivery "poll")'
      )
    return pollOnce(
      registry.target(r),
      pollUrl,
      r.settings.poll_max_events,
      async (jti, value, exchangeId) => {
        if (typeof value !== 'string') {
          const description = `the poll response's value for "${jti}" is not a SET string`
          const rejection = { code: 'invalid_request', description } as const
          inbox.keep(inbox.refused(id, JSON.stringify(value) ?? '', 'poll', rejection), exchangeId)
          return { err: 'invalid_request', description }
        }
        const judged = await inbox.judge(registry.require(id), value, 'poll')
        const { entry } = judged
        if (entry.verdict === 'accepted' && entry.jti !== undefined && entry.jti !== jti)
          entry.findings.push({
            severity: 'warning',
            rule: 'RFC 8936 §2.5',
            path: 'sets',
            message: `the poll response keyed this SET "${jti}" but its jti is "${entry.jti}"`
          })
        inbox.keep(judged, exchangeId)
        return entry.verdict === 'accepted'
          ? undefined
          : { err: entry.err ?? 'invalid_request', description: entry.description ?? 'rejected' }
      }
    )
  }

  return {
    poll,
    /** Poll on the receiver's interval when it has a poll stream; otherwise stop. */
    reschedule(id: string): void {
      const r = registry.find(id)
      if (r?.remote_stream?.poll_endpoint !== undefined && r.settings.poll_interval_seconds > 0)
        scheduler.schedule(id, r.settings.poll_interval_seconds)
      else scheduler.cancel(id)
    },
    /** Stop every timer and wait for polls in flight. */
    close: () => scheduler.close()
  }
}

/** The polling. */
export type ReceiverPolling = ReturnType<typeof createReceiverPolling>
