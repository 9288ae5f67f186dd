/**
 * Engine to engine: our Receiver (engine B) manages a stream on our own Transmitter (engine A)
 * over HTTP and receives fired events, by push and by poll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
let a: TestEngine
let b: TestEngine

beforeAll(async () => {
  a = await startTestEngine({ token: 'engine-a-token' })
  b = await startTestEngine({ token: 'engine-b-token' })
})
afterAll(async () => {
  await b.stop()
  await a.stop()
})

async function receiver(): Promise<string> {
  const res = await b.call('POST', '/api/receivers', {
    issuer: a.url,
    audience: 'set-below',
    transmitter_token: a.token
  })
  return ((await res.json()) as { receiver_id: string }).receiver_id
}

interface InboxEntry {
  verdict: string
  via: string
  err?: string
  description?: string
  payload?: { events?: Record<string, unknown> }
}

describe.each(['push', 'poll'] as const)('engine to engine by %s', (delivery) => {
  it('receives a fired event with a clean verdict', async () => {
    const id = await receiver()
    const created = (await (
      await b.call('POST', `/api/receivers/${id}/stream`, {
        delivery,
        events_requested: [SESSION_REVOKED]
      })
    ).json()) as { ok: boolean; result: { aud: string; stream_id: string } }
    expect(created.ok).toBe(true)
    // Our audience is whatever engine A put in the stream's aud.
    const aud = created.result.aud
    await b.call('PATCH', `/api/receivers/${id}`, { audience: Array.isArray(aud) ? aud[0] : aud })
    const fired = await a.call('POST', '/api/events', {
      type: SESSION_REVOKED,
      subject: { format: 'email', email: 'alice@example.com' },
      stream_ids: [created.result.stream_id]
    })
    expect(fired.status).toBe(201)
    await expect
      .poll(
        async () => {
          if (delivery === 'poll') await b.call('POST', `/api/receivers/${id}/poll`)
          const inbox = (await (
            await b.call('GET', `/api/receivers/${id}/inbox`)
          ).json()) as InboxEntry[]
          return inbox.filter((e) => e.payload?.events?.[SESSION_REVOKED] !== undefined)
        },
        { timeout: 10_000 }
      )
      .toEqual([expect.objectContaining({ verdict: 'accepted', via: delivery })])
  })
})
