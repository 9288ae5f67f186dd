/**
 * Guard for mutation testing (docs/testing.md) of the long poll (poll endpoint and poll queue):
 * a poll that finds a SET answers at once, and a long poll whose client goes away stops waiting
 * then, not at the end of the bounded wait.
 */
import { afterEach, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream, fireOk } from './helpers'

let engine: TestEngine | undefined
afterEach(async () => {
  await engine?.stop()
  engine = undefined
})

// Longer than expect.poll's 10 s: a poll that waited out its bound would fail the test.
const WAIT_SECONDS = 60

async function setup() {
  const e = (engine = await startTestEngine({ pollWaitSeconds: WAIT_SECONDS }))
  const stream = await createStream(e, { method: POLL })
  const poll = (body: unknown, signal?: AbortSignal) =>
    fetch(stream.delivery.endpoint_url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${e.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {})
    })
  return { e, streamId: stream.stream_id, poll }
}

it('a long poll that finds a queued SET answers at once with it', async () => {
  const { e, poll } = await setup()
  const [made] = await fireOk(e, 'a@b.example')
  const res = await poll({})
  expect(res.status).toBe(200)
  expect(Object.keys(((await res.json()) as { sets: object }).sets)).toEqual([made!.jti])
})

it('a long poll whose client goes away stops waiting at once', async () => {
  const { e, streamId, poll } = await setup()
  const queue = e.core.ctx.services.delivery.pollQueue
  const client = new AbortController()
  const pending = poll({}, client.signal).catch((err: unknown) => err)
  await expect.poll(() => queue.waiting(streamId)).toBe(1)
  client.abort()
  expect(await pending).toBeInstanceOf(Error)
  await expect.poll(() => queue.waiting(streamId)).toBe(0)
  // The stream still serves the next poll.
  const [made] = await fireOk(e, 'a@b.example')
  const res = await poll({ returnImmediately: true })
  expect(Object.keys(((await res.json()) as { sets: object }).sets)).toEqual([made!.jti])
})

it('two long polls wait side by side; one leaving keeps the other, which the next SET answers', async () => {
  const { e, streamId, poll } = await setup()
  const queue = e.core.ctx.services.delivery.pollQueue
  const leaving = new AbortController()
  const left = poll({}, leaving.signal).catch((err: unknown) => err)
  const staying = poll({})
  await expect.poll(() => queue.waiting(streamId)).toBe(2)
  leaving.abort()
  expect(await left).toBeInstanceOf(Error)
  await expect.poll(() => queue.waiting(streamId)).toBe(1)
  const [made] = await fireOk(e, 'a@b.example')
  const res = await staying
  expect(Object.keys(((await res.json()) as { sets: object }).sets)).toEqual([made!.jti])
})

it('stopping the engine answers a waiting long poll at once', async () => {
  const { e, streamId, poll } = await setup()
  const pending = poll({})
  await expect.poll(() => e.core.ctx.services.delivery.pollQueue.waiting(streamId)).toBe(1)
  await e.stop()
  engine = undefined
  const res = await pending
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ sets: {}, moreAvailable: false })
})
