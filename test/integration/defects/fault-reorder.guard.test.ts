/**
 * Guard for mutation testing (docs/testing.md) of the `reorder` fault in the push worker, over
 * real HTTP: a queued SET waiting for its retry time is no partner to swap with (one whose time
 * has come is), and a SET held back for want of a partner stays held until REORDER_HOLD_MS has
 * passed, even when the worker is woken before.
 * @see src/main/transmitter/delivery/push.ts (`reorderPick`)
 */
import { expect, it } from 'vitest'
import { REORDER_HOLD_MS } from '../../../src/main/transmitter/delivery/push'
import { startTestEngine } from '../helpers/bootstrap'
import {
  PUSH,
  createStream,
  expectFrom,
  fireOk,
  perTestEngineAndReceiver,
  startReceiver
} from '../delivery/helpers'

const slots = perTestEngineAndReceiver()
const HELD = 'held back by the reorder fault: waits for the next SET'

it(
  'reorder swaps only with a SET whose retry time has come, and holds a lone SET its full time',
  { timeout: 60_000 },
  async () => {
    // B (second) goes first and is told to retry at once; A (swapped head) in 1 s, so B is due
    // before A is. B again, told to retry in an hour; A again, told to retry at once: A is now
    // due, and its only possible partner is B, which is not.
    const retryAfter = ['0', '1', '3600', '0']
    const r = (slots.rx = await startReceiver((n) => {
      const ra = retryAfter[n]
      return ra === undefined ? { status: 202 } : { status: 503, headers: { 'Retry-After': ra } }
    }))
    const e = (slots.engine = await startTestEngine({
      pushBackoffBaseMs: 5,
      pushBackoffCapMs: 60_000
    }))
    const stream = await createStream(e, { method: PUSH, endpoint_url: r.url })
    expectFrom(r, e, stream.aud)
    const { outbound } = e.core.ctx.services.delivery
    const reorder = () =>
      e.call('PUT', `/api/streams/${stream.stream_id}/faults`, { reorder: true })
    expect((await reorder()).status).toBe(200)

    const a = (await fireOk(e, 'a@b.example'))[0]!.jti
    await expect.poll(() => outbound.get(a)?.last_error).toBe(HELD)
    const b = (await fireOk(e, 'b@b.example'))[0]!.jti
    await expect.poll(() => r.received.map((x) => x.claims.jti)).toEqual([b, a, b, a])
    // A is held now: B waits for its retry an hour ahead.
    await expect.poll(() => outbound.get(a)?.last_error).toBe(HELD)
    const heldAt = outbound.get(a)!.updated_at
    // Wake the worker while A is held (the fault set again): A stays held.
    expect((await reorder()).status).toBe(200)
    await expect
      .poll(() => outbound.get(a)?.state, { timeout: REORDER_HOLD_MS + 20_000 })
      .toBe('delivered')
    expect(r.received.map((x) => x.claims.jti)).toEqual([b, a, b, a, a])
    const last = outbound.attempts(a).at(-1)!
    expect(last.started_at - heldAt).toBeGreaterThanOrEqual(REORDER_HOLD_MS - 2)
    expect(outbound.get(b)).toMatchObject({ state: 'queued', attempts: 2 })
  }
)
