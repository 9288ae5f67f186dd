import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { TX_TOKEN, startTestTransmitter, type TestTransmitter } from './helpers/test-transmitter'

interface InboxEntry {
  verdict: string
  via: string
  err?: string
  jti?: string
}
interface PollResult {
  ok: boolean
  received: number
  acked: string[]
  set_errs: Record<string, { err: string; description: string }>
}

const AUDIENCE = 'https://poller.test'
let engine: TestEngine
let tx: TestTransmitter
let id: string

async function inbox(): Promise<InboxEntry[]> {
  return (await (await engine.call('GET', `/api/receivers/${id}/inbox`)).json()) as InboxEntry[]
}

beforeAll(async () => {
  engine = await startTestEngine()
  tx = await startTestTransmitter(() => AUDIENCE)
  const res = await engine.call('POST', '/api/receivers', {
    issuer: tx.issuer,
    audience: AUDIENCE,
    transmitter_token: TX_TOKEN
  })
  id = ((await res.json()) as { receiver_id: string }).receiver_id
  const stream = await engine.call('POST', `/api/receivers/${id}/stream`, { delivery: 'poll' })
  expect(await stream.json()).toMatchObject({ ok: true, status: 201 })
})
afterAll(async () => {
  await engine.stop()
  await tx.close()
})

describe('the poll client (RFC 8936)', () => {
  it('remembers the poll endpoint the Transmitter assigned', async () => {
    const view = await (await engine.call('GET', `/api/receivers/${id}`)).json()
    expect(view).toMatchObject({
      stream: { method: 'urn:ietf:rfc:8936', poll_endpoint: `${tx.url}/poll` }
    })
  })

  it('acks good SETs and reports bad ones in setErrs with the right codes', async () => {
    const good = await tx.sign()
    const badAud = await tx.sign({ audience: 'other' })
    const badIss = await tx.sign({ claims: { iss: 'https://evil.example' } })
    tx.pollQueue.set(good.jti, good.token)
    tx.pollQueue.set(badAud.jti, badAud.token)
    tx.pollQueue.set(badIss.jti, badIss.token)
    tx.pollQueue.set('garbage', 'not-a-jwt')
    const res = await engine.call('POST', `/api/receivers/${id}/poll`)
    expect(res.status).toBe(200)
    const result = (await res.json()) as PollResult
    expect(result.ok).toBe(true)
    expect(result.received).toBe(4)
    expect(result.acked).toEqual([good.jti])
    expect(result.set_errs[badAud.jti]?.err).toBe('invalid_audience')
    expect(result.set_errs[badIss.jti]?.err).toBe('invalid_issuer')
    expect(result.set_errs.garbage?.err).toBe('invalid_request')
    // What the Transmitter saw: the bearer token, the ack and the setErrs.
    const seen = tx.pollRequests.at(-1)
    expect(seen?.authorization).toBe(`Bearer ${TX_TOKEN}`)
    expect(seen?.body).toMatchObject({ ack: [good.jti], maxEvents: 0, returnImmediately: true })
    expect(Object.keys(seen?.body.setErrs ?? {})).toHaveLength(3)
    expect(tx.pollQueue.size).toBe(0)
    const entries = await inbox()
    expect(entries.slice(0, 4).every((e) => e.via === 'poll')).toBe(true)
    expect(entries.filter((e) => e.verdict === 'accepted').map((e) => e.jti)).toEqual([good.jti])
  })

  it('polls on the interval the user sets', async () => {
    const patched = await engine.call('PATCH', `/api/receivers/${id}`, { poll_interval_seconds: 1 })
    expect(patched.status).toBe(200)
    const next = await tx.sign()
    tx.pollQueue.set(next.jti, next.token)
    await expect
      .poll(async () => (await inbox()).map((e) => e.jti), { timeout: 5000 })
      .toContain(next.jti)
    await engine.call('PATCH', `/api/receivers/${id}`, { poll_interval_seconds: 0 })
  })

  it('verification by poll: the state round-trips; a wrong state is reported as invalid_state', async () => {
    const asked = (await (await engine.call('POST', `/api/receivers/${id}/verify`, {})).json()) as {
      ok: boolean
      state: string
    }
    expect(asked.ok).toBe(true)
    await expect.poll(() => tx.pollQueue.size).toBe(1)
    const first = (await (
      await engine.call('POST', `/api/receivers/${id}/poll`)
    ).json()) as PollResult
    expect(first.acked).toHaveLength(1)
    tx.faults.add('verify-wrong-state')
    await engine.call('POST', `/api/receivers/${id}/verify`, { state: 'expected-state' })
    await expect.poll(() => tx.pollQueue.size).toBe(1)
    const second = (await (
      await engine.call('POST', `/api/receivers/${id}/poll`)
    ).json()) as PollResult
    expect(Object.values(second.set_errs).map((e) => e.err)).toEqual(['invalid_state'])
    tx.faults.delete('verify-wrong-state')
  })

  it('interval polling stops cleanly when the engine closes', async () => {
    const other = await startTestEngine()
    const tx2 = await startTestTransmitter(() => AUDIENCE)
    const witness = await startTestTransmitter(() => AUDIENCE)
    let witnessId: string | undefined
    let stopped = false
    try {
      const created = (await (
        await other.call('POST', '/api/receivers', {
          issuer: tx2.issuer,
          audience: AUDIENCE,
          transmitter_token: TX_TOKEN,
          poll_interval_seconds: 1
        })
      ).json()) as { receiver_id: string }
      await other.call('POST', `/api/receivers/${created.receiver_id}/stream`, { delivery: 'poll' })
      await expect.poll(() => tx2.pollRequests.length, { timeout: 5000 }).toBeGreaterThan(0)
      await other.stop()
      stopped = true
      const polledBeforeClose = tx2.pollRequests.length
      // A witness polled every second by the engine that still runs: once it has been polled
      // twice after the close, more than one interval has passed.
      const res = await engine.call('POST', '/api/receivers', {
        issuer: witness.issuer,
        audience: AUDIENCE,
        transmitter_token: TX_TOKEN,
        poll_interval_seconds: 1
      })
      witnessId = ((await res.json()) as { receiver_id: string }).receiver_id
      await engine.call('POST', `/api/receivers/${witnessId}/stream`, { delivery: 'poll' })
      await expect.poll(() => witness.pollRequests.length, { timeout: 10_000 }).toBeGreaterThan(2)
      expect(tx2.pollRequests.length).toBe(polledBeforeClose)
    } finally {
      if (witnessId !== undefined)
        await engine.call('PATCH', `/api/receivers/${witnessId}`, { poll_interval_seconds: 0 })
      if (!stopped) await other.stop()
      await tx2.close()
      await witness.close()
    }
  })

  it('reports a failing poll endpoint as data, not as an error of ours', async () => {
    await tx.close()
    const res = await engine.call('POST', `/api/receivers/${id}/poll`)
    expect(res.status).toBe(200)
    const result = (await res.json()) as PollResult & { error?: { description: string } }
    expect(result.ok).toBe(false)
    expect(result.error?.description).toContain('could not reach')
  })
})
