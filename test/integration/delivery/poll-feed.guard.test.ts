/**
 * Guard for mutation testing (docs/testing.md) of the poll queue's live feed: what a poll hands
 * out is published as `polled`, an acknowledgement as `acked`, a `setErrs` report (without any
 * acknowledgement in the same request) as `failed`.
 */
import { afterEach, expect, it } from 'vitest'
import type { UiEvent } from '../../../src/shared/api/ui-events'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream, fireOk } from './helpers'

let engine: TestEngine | undefined
afterEach(async () => {
  await engine?.stop()
  engine = undefined
})

it('publishes polled, acked and failed for hand-outs, acknowledgements and setErrs', async () => {
  const e = (engine = await startTestEngine())
  const events: UiEvent[] = []
  e.core.ctx.bus.subscribe((ev) => events.push(ev))
  const stream = await createStream(e, { method: POLL })
  const [a] = await fireOk(e, 'a@b.example')
  const [b] = await fireOk(e, 'a@b.example')
  const path = `/ssf/poll/${stream.stream_id}`
  const statesOf = (jti: string) =>
    events.flatMap((ev) => (ev.type === 'set.state' && ev.jti === jti ? [ev.state] : []))

  expect((await e.call('POST', path, { returnImmediately: true })).status).toBe(200)
  expect(statesOf(a!.jti)).toEqual(['queued', 'polled'])
  expect(statesOf(b!.jti)).toEqual(['queued', 'polled'])

  const failed = { setErrs: { [b!.jti]: { err: 'invalid_key' } }, returnImmediately: true }
  expect((await e.call('POST', path, failed)).status).toBe(200)
  // a, not acknowledged, is handed out again; b is reported and never comes back.
  expect(statesOf(a!.jti)).toEqual(['queued', 'polled', 'polled'])
  expect(statesOf(b!.jti)).toEqual(['queued', 'polled', 'failed'])

  const acked = { ack: [a!.jti], returnImmediately: true }
  const last = await e.call('POST', path, acked)
  expect(await last.json()).toEqual({ sets: {}, moreAvailable: false })
  expect(statesOf(a!.jti)).toEqual(['queued', 'polled', 'polled', 'acked'])
})
