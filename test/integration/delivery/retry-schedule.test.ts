/**
 * When a push is retried, observed over real HTTP: a hanging receiver times out and the SET is
 * sent again; Retry-After (seconds and HTTP-date, against the engine's injected clock) sets the
 * next attempt; the backoff grows, is capped, and its jitter stays in bounds; 4xx is final.
 * Times are the engine's own attempt records (its clock), so the bounds hold on a loaded machine:
 * a lower bound is exact, an upper bound allows SLACK_MS for timers that fire late.
 * @see RFC 8935 §2.3–§2.4; src/main/transmitter/delivery/push.ts
 */
import { describe, expect, it } from 'vitest'
import type { Clock } from '../../../src/main/core/context'
import type { DeliveryAttempt } from '../../../src/main/store/outbound-repo'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import {
  PUSH,
  createStream,
  expectFrom,
  fireOk,
  perTestEngineAndReceiver,
  startReceiver,
  type Responder,
  type TestReceiver
} from './helpers'

/** How late a timer may fire on a busy machine. */
const SLACK_MS = 1500
/** The engine lives an hour behind the wall clock: only its injected clock gives right answers. */
const SKEW_MS = -3_600_000
const skewedClock: Clock = { now: () => Date.now() + SKEW_MS }

const running = perTestEngineAndReceiver()

async function setup(
  options: Record<string, unknown>,
  respond: Responder
): Promise<{ e: TestEngine; r: TestReceiver }> {
  const r = (running.rx = await startReceiver(respond))
  const e = (running.engine = await startTestEngine(options, undefined, { clock: skewedClock }))
  const stream = await createStream(e, { method: PUSH, endpoint_url: r.url })
  expectFrom(r, e, stream.aud)
  return { e, r }
}

function attemptsOf(e: TestEngine, jti: string): DeliveryAttempt[] {
  return e.core.ctx.services.delivery.outbound.attempts(jti)
}
const stateOf = (e: TestEngine, jti: string) =>
  e.core.ctx.services.delivery.outbound.get(jti)?.state

/** Time between the end of attempt `i` and the start of attempt `i + 1`, engine clock. */
function gapAfter(attempts: DeliveryAttempt[], i: number): number {
  const a = attempts[i]!
  return attempts[i + 1]!.started_at - (a.started_at + a.duration_ms)
}

describe('push retry schedule (RFC 8935 §2.3)', () => {
  it('a receiver that hangs makes the push time out; the SET is retried later and delivered', async () => {
    const timeout = 2000
    const { e, r } = await setup(
      { pushTimeoutMs: timeout, pushBackoffBaseMs: 5, pushBackoffCapMs: 20 },
      (n) => (n === 0 ? { status: 0, hang: true } : { status: 202 })
    )
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => stateOf(e, made!.jti)).toBe('delivered')
    // The same SET again after the hang (more than once only if a retry timed out too).
    expect(r.received[0]).toMatchObject({ status: 0, claims: { jti: made!.jti } })
    expect(r.received.at(-1)).toMatchObject({ status: 202, claims: { jti: made!.jti } })
    const attempts = attemptsOf(e, made!.jti)
    expect(attempts[0]).toMatchObject({
      attempt: 1,
      outcome: 'retry',
      error: 'timed out',
      response_status: null
    })
    expect(attempts.at(-1)).toMatchObject({ outcome: 'delivered', response_status: 202 })
    // The first attempt lasted the timeout, not longer.
    expect(attempts[0]!.duration_ms).toBeGreaterThanOrEqual(timeout - 10)
    expect(attempts[0]!.duration_ms).toBeLessThan(timeout + SLACK_MS)
  })

  it('honours Retry-After in seconds', async () => {
    const { e, r } = await setup({ pushBackoffBaseMs: 5, pushBackoffCapMs: 60_000 }, (n) =>
      n === 0 ? { status: 503, headers: { 'Retry-After': '2' } } : { status: 202 }
    )
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => stateOf(e, made!.jti)).toBe('delivered')
    expect(r.received.map((x) => x.status)).toEqual([503, 202])
    const attempts = attemptsOf(e, made!.jti)
    expect(attempts.map((a) => a.outcome)).toEqual(['retry', 'delivered'])
    // Rounding of the attempt's duration: ±2 ms.
    expect(gapAfter(attempts, 0)).toBeGreaterThanOrEqual(2000 - 2)
    expect(gapAfter(attempts, 0)).toBeLessThan(2000 + SLACK_MS)
  })

  it('honours Retry-After as an HTTP-date, read against the injected clock', async () => {
    let retryAt = 0
    const { e, r } = await setup({ pushBackoffBaseMs: 5, pushBackoffCapMs: 60_000 }, (n) => {
      if (n > 0) return { status: 202 }
      // An HTTP-date 3 s ahead of the engine's clock (whole seconds: 2–3 s ahead).
      const date = new Date(skewedClock.now() + 3000)
      retryAt = Math.floor(date.getTime() / 1000) * 1000
      return { status: 429, headers: { 'Retry-After': date.toUTCString() } }
    })
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => stateOf(e, made!.jti)).toBe('delivered')
    expect(r.received.map((x) => x.status)).toEqual([429, 202])
    const [first, second] = attemptsOf(e, made!.jti)
    expect(first!.outcome).toBe('retry')
    expect(second!.started_at).toBeGreaterThanOrEqual(retryAt)
    expect(second!.started_at).toBeLessThan(retryAt + SLACK_MS)
    // Over the wire too (wall clock): at least 2 s between the two requests.
    expect(r.received[1]!.at - r.received[0]!.at).toBeGreaterThanOrEqual(2000 - 10)
  })

  it('the backoff grows, is capped, and its jitter stays within [delay/2, delay]', async () => {
    const base = 50
    const cap = 400
    const { e, r } = await setup(
      { pushBackoffBaseMs: base, pushBackoffCapMs: cap, pushMaxAttempts: 8 },
      () => ({ status: 503 })
    )
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => stateOf(e, made!.jti)).toBe('failed')
    expect(r.received.map((x) => x.claims.jti)).toEqual(Array(8).fill(made!.jti))
    const attempts = attemptsOf(e, made!.jti)
    expect(attempts.map((a) => a.outcome)).toEqual([...Array(7).fill('retry'), 'failed'])
    const gaps = attempts.slice(0, -1).map((_, i) => gapAfter(attempts, i))
    // Full delay before retry n: base·2^(n−1), capped; the jitter takes it down to half.
    const delays = gaps.map((_, i) => Math.min(cap, base * 2 ** i))
    expect(delays).toEqual([50, 100, 200, 400, 400, 400, 400])
    gaps.forEach((gap, i) => {
      expect(gap, `gap ${i + 1}`).toBeGreaterThanOrEqual(delays[i]! / 2 - 2)
      expect(gap, `gap ${i + 1}`).toBeLessThanOrEqual(delays[i]! + SLACK_MS)
    })
    // Uncapped, the 7th delay would be at least 3200/2 ms: the cap holds it far below that.
    expect(gaps[6]).toBeLessThan(base * 2 ** 6 * 0.5)
  })

  it('a 400 from the receiver is final: one request, never retried', async () => {
    const { e, r } = await setup({ pushBackoffBaseMs: 5, pushBackoffCapMs: 20 }, (n) =>
      n === 0 ? { status: 400, body: '{"err":"invalid_request"}' } : { status: 202 }
    )
    const [refused] = await fireOk(e, 'a@b.example')
    await expect.poll(() => stateOf(e, refused!.jti)).toBe('failed')
    // A later SET on the same stream arrives; the refused one is not sent again before or after it.
    const [next] = await fireOk(e, 'a@b.example')
    await expect.poll(() => stateOf(e, next!.jti)).toBe('delivered')
    expect(r.received.map((x) => [x.claims.jti, x.status])).toEqual([
      [refused!.jti, 400],
      [next!.jti, 202]
    ])
    expect(attemptsOf(e, refused!.jti).map((a) => a.outcome)).toEqual(['rejected'])
  })
})
