/**
 * Guard for mutation testing (docs/testing.md) of the long poll (poll queue): a long poll waiting
 * on a stream that is deleted answers at once, with nothing, instead of at the end of its wait;
 * so does a poll of a stopped queue, or one whose client has already gone.
 * (A SET wakes every long poll of its stream, and each finds it: a SET handed out and not yet
 * acknowledged is handed out again, so only a deletion wakes a poll that then finds nothing.)
 * @see RFC 8936 §2.4; src/main/transmitter/delivery/poll-queue.ts; docs/decisions.md (poll16)
 */
import { afterEach, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream, fireOk } from '../delivery/helpers'

let engine: TestEngine | undefined
afterEach(async () => {
  await engine?.stop()
  engine = undefined
})

it('a long poll on a stream deleted under it answers at once, with nothing', async () => {
  // Longer than the test's own bound: a poll that waited out its wait would fail the test.
  const e = (engine = await startTestEngine({ pollWaitSeconds: 600 }))
  const stream = await createStream(e, { method: POLL })
  const queue = e.core.ctx.services.delivery.pollQueue
  const pending = fetch(stream.delivery.endpoint_url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${e.token}`, 'Content-Type': 'application/json' },
    body: '{}'
  })
  await expect.poll(() => queue.waiting(stream.stream_id)).toBe(1)
  expect((await e.call('DELETE', `/ssf/streams?stream_id=${stream.stream_id}`)).status).toBe(204)
  const res = await pending
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ sets: {}, moreAvailable: false })
  expect(queue.waiting(stream.stream_id)).toBe(0)
})

it('two long polls woken by one SET both get it (handed out until acknowledged)', async () => {
  const e = (engine = await startTestEngine({ pollWaitSeconds: 600 }))
  const stream = await createStream(e, { method: POLL })
  const queue = e.core.ctx.services.delivery.pollQueue
  const poll = () =>
    fetch(stream.delivery.endpoint_url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${e.token}`, 'Content-Type': 'application/json' },
      body: '{}'
    }).then(async (res) => Object.keys(((await res.json()) as { sets: object }).sets))
  const polls = [poll(), poll()]
  await expect.poll(() => queue.waiting(stream.stream_id)).toBe(2)
  const [made] = await fireOk(e, 'a@b.example')
  expect(await Promise.all(polls)).toEqual([[made!.jti], [made!.jti]])
})

it('a poll of a stopped queue, or whose client has already gone, answers without waiting', async () => {
  const e = (engine = await startTestEngine({ pollWaitSeconds: 600 }))
  const stream = await createStream(e, { method: POLL })
  const queue = e.core.ctx.services.delivery.pollQueue
  const request = { returnImmediately: false, ack: [], setErrs: [] }
  const empty = { response: { sets: {}, moreAvailable: false }, handed: [] }

  const gone = new AbortController()
  gone.abort()
  expect(await queue.poll(stream.stream_id, request, gone.signal)).toEqual(empty)
  expect(queue.waiting(stream.stream_id)).toBe(0)

  queue.stop()
  expect(await queue.poll(stream.stream_id, request, new AbortController().signal)).toEqual(empty)
  expect(queue.waiting(stream.stream_id)).toBe(0)
})
