/**
 * Guard for mutation testing (docs/testing.md) of the long poll (poll queue): a long poll whose
 * client went away hands out nothing, not even a SET stored in the instant the client left.
 * @see RFC 8936 §2.4; src/main/transmitter/delivery/poll-queue.ts
 */
import { afterEach, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, SESSION_REVOKED, createStream, longPoll } from '../delivery/helpers'

let engine: TestEngine | undefined
afterEach(async () => {
  await engine?.stop()
  engine = undefined
})

it('a long poll whose client went away hands out nothing, even a SET stored as it left', async () => {
  const e = (engine = await startTestEngine({ pollWaitSeconds: 60 }))
  const stream = await createStream(e, { method: POLL })
  const { pollQueue, outbound } = e.core.ctx.services.delivery
  const client = new AbortController()
  const pending = longPoll(e, stream.delivery.endpoint_url, client.signal)
  await expect.poll(() => pollQueue.waiting(stream.stream_id)).toBe(1)
  // Stored straight into the repository, without the wake-up the emitter sends: the waiting poll
  // learns of it only when it looks again, as when a SET is stored in the instant the client
  // leaves.
  outbound.insert(
    {
      jti: 'stored-as-the-client-left',
      stream_id: stream.stream_id,
      event_type: SESSION_REVOKED,
      token: 'not-a-set',
      claims: '{}',
      state: 'queued'
    },
    Date.now()
  )
  client.abort()
  expect(await pending).toBeInstanceOf(Error)
  await expect.poll(() => pollQueue.waiting(stream.stream_id)).toBe(0)
  expect(outbound.get('stored-as-the-client-left')).toMatchObject({ state: 'queued', attempts: 0 })
  // The next poll hands it out.
  const res = await e.call('POST', `/ssf/poll/${stream.stream_id}`, { returnImmediately: true })
  expect(await res.json()).toEqual({
    sets: { 'stored-as-the-client-left': 'not-a-set' },
    moreAvailable: false
  })
})
