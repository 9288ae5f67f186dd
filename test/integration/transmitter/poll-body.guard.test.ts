/**
 * Guard for mutation testing (docs/testing.md) of the poll endpoint's response body: it is byte
 * for byte `JSON.stringify` of the response (which moves keys that are array indices ahead of the
 * others), whatever the stored SETs' jtis, and the traffic log records those bytes; a long poll
 * whose client went away sent nothing, and its record says so.
 * @see RFC 8936 §2.2; src/main/transmitter/endpoints/poll.ts
 */
import { afterEach, expect, it } from 'vitest'
import { signClaims } from '../../../src/main/transmitter/signer'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, SESSION_REVOKED, createStream, longPoll } from '../delivery/helpers'

let engine: TestEngine | undefined
afterEach(async () => {
  await engine?.stop()
  engine = undefined
})

/** A recorded exchange in detail (`GET /api/traffic/{id}`). */
interface Exchange {
  status: number | null
  response_body: string | null
  error: string | null
}

/** The poll exchanges of a stream, newest first, once there are `count` of them. */
async function pollExchanges(e: TestEngine, streamId: string, count: number): Promise<Exchange[]> {
  let ids: number[] = []
  await expect
    .poll(async () => {
      const res = await e.call('GET', `/api/traffic?kind=poll&stream_id=${streamId}`)
      ids = ((await res.json()) as { items: { id: number }[] }).items.map((x) => x.id)
      return ids.length
    })
    .toBe(count)
  return Promise.all(
    ids.map(async (id) => (await (await e.call('GET', `/api/traffic/${id}`)).json()) as Exchange)
  )
}

it('a poll response is JSON.stringify of its sets whatever the jtis, and is recorded as sent', async () => {
  const e = (engine = await startTestEngine())
  const stream = await createStream(e, { method: POLL })
  const { emitter } = e.core.ctx.services.delivery
  const poll = (body: unknown) => e.call('POST', `/ssf/poll/${stream.stream_id}`, body)
  const now = Math.floor(Date.now() / 1000)
  // SETs stored in this order; JSON.stringify puts jtis that are array indices first, ascending.
  // Each case is one a narrower test of "array index" would send in stored order.
  const cases = [
    ['b', '10', '9'],
    ['c', '7'],
    ['d', '12'],
    ['21', '8']
  ]
  for (const [i, jtis] of cases.entries()) {
    const tokens = new Map<string, string>()
    for (const jti of jtis) {
      const claims = {
        iss: e.core.issuer,
        aud: stream.aud,
        jti,
        iat: now,
        sub_id: { format: 'email', email: `${jti}@b.example` },
        events: { [SESSION_REVOKED]: { event_timestamp: now } }
      }
      const token = await signClaims(e.core.ctx.keys, claims)
      tokens.set(jti, token)
      await emitter.store([
        {
          jti,
          stream_id: stream.stream_id,
          event_type: SESSION_REVOKED,
          token,
          claims: JSON.stringify(claims),
          state: 'queued'
        }
      ])
    }
    const res = await poll({ returnImmediately: true })
    expect(res.status).toBe(200)
    const sent = await res.text()
    expect(sent).toBe(JSON.stringify({ sets: Object.fromEntries(tokens), moreAvailable: false }))
    if (i === 0) {
      const [recorded] = await pollExchanges(e, stream.stream_id, 1)
      expect(recorded!.response_body).toBe(sent)
    }
    const acked = await poll({ ack: jtis, returnImmediately: true })
    expect(await acked.text()).toBe('{"sets":{},"moreAvailable":false}')
  }
})

it('a long poll whose client went away is recorded without a response', async () => {
  const e = (engine = await startTestEngine({ pollWaitSeconds: 60 }))
  const stream = await createStream(e, { method: POLL })
  const queue = e.core.ctx.services.delivery.pollQueue
  const client = new AbortController()
  const pending = longPoll(e, stream.delivery.endpoint_url, client.signal)
  await expect.poll(() => queue.waiting(stream.stream_id)).toBe(1)
  client.abort()
  expect(await pending).toBeInstanceOf(Error)
  await expect.poll(() => queue.waiting(stream.stream_id)).toBe(0)
  const [recorded] = await pollExchanges(e, stream.stream_id, 1)
  expect(recorded).toMatchObject({
    status: null,
    response_body: null,
    error: 'connection closed before the response finished'
  })
})
