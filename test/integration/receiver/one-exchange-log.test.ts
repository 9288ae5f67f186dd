/**
 * Issue 12 item 3 / issue 13: the Receiver keeps one exchange log, the traffic log. Every
 * `exchange_id` it hands out (check lines, management results, inbox entries, the exchanges view)
 * is a traffic-log id that `GET /api/traffic/{id}` resolves, to an entry of that receiver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { TX_TOKEN, startTestTransmitter, type TestTransmitter } from './helpers/test-transmitter'

interface Check {
  id: string
  status: string
  exchange_id?: number
}

interface Traffic {
  id: number
  receiver_id: string | null
  direction: string
  kind: string
  method: string
  url: string
}

let engine: TestEngine
let tx: TestTransmitter
let id: string

async function traffic(exchangeId: number): Promise<Traffic> {
  const res = await engine.call('GET', `/api/traffic/${exchangeId}`)
  expect(res.status).toBe(200)
  return (await res.json()) as Traffic
}

beforeAll(async () => {
  engine = await startTestEngine()
  tx = await startTestTransmitter(() => 'https://one-log.test')
  const res = await engine.call('POST', '/api/receivers', {
    issuer: tx.issuer,
    audience: 'https://one-log.test',
    transmitter_token: TX_TOKEN
  })
  id = ((await res.json()) as { receiver_id: string }).receiver_id
})
afterAll(async () => {
  await engine.stop()
  await tx.close()
})

describe('one exchange log', () => {
  it('every check line with an exchange links to the traffic entry behind it', async () => {
    const res = await engine.call('POST', `/api/receivers/${id}/check`, {
      verification_wait_seconds: 2
    })
    const { checks } = (await res.json()) as { checks: Check[] }
    const linked = checks.filter((c) => c.exchange_id !== undefined)
    expect(linked.map((c) => c.id)).toEqual(
      expect.arrayContaining(['stream.create', 'stream.delete', 'verification.round_trip'])
    )
    for (const c of linked) {
      const x = await traffic(c.exchange_id!)
      expect({ check: c.id, receiver_id: x.receiver_id }).toEqual({
        check: c.id,
        receiver_id: id
      })
    }
    const create = await traffic(checks.find((c) => c.id === 'stream.create')!.exchange_id!)
    expect(create).toMatchObject({ direction: 'outbound', kind: 'management', method: 'POST' })
    // The verification SET arrived by push: its line links to our push endpoint's inbound entry.
    const pushed = await traffic(
      checks.find((c) => c.id === 'verification.round_trip')!.exchange_id!
    )
    expect(pushed).toMatchObject({ direction: 'inbound', kind: 'receiver-push' })
    expect(pushed.url).toContain(`/receiver/${id}/push`)
  })

  it('management results, inbox entries and the exchanges view use traffic ids', async () => {
    const created = (await (
      await engine.call('POST', `/api/receivers/${id}/stream`, { delivery: 'push' })
    ).json()) as { ok: boolean; exchange_id: number }
    expect(created.ok).toBe(true)
    expect(await traffic(created.exchange_id)).toMatchObject({ method: 'POST', receiver_id: id })

    const { token, jti } = await tx.sign()
    const view = (await (await engine.call('GET', `/api/receivers/${id}`)).json()) as {
      push_endpoint: string
    }
    const pushed = await fetch(view.push_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/secevent+jwt' },
      body: token
    })
    expect(pushed.status).toBe(202)
    const [entry] = (await (
      await engine.call('GET', `/api/receivers/${id}/inbox?limit=1`)
    ).json()) as { exchange_id: number }[]
    const x = await traffic(entry!.exchange_id)
    expect(x).toMatchObject({ kind: 'receiver-push', receiver_id: id })

    // One entry per push: the endpoint records it, the traffic middleware does not again.
    const carried = (await (
      await engine.call('GET', `/api/traffic?jti=${encodeURIComponent(jti)}`)
    ).json()) as { items: Traffic[] }
    expect(carried.items.map((p) => [p.id, p.kind])).toEqual([
      [entry!.exchange_id, 'receiver-push']
    ])

    const exchanges = (await (
      await engine.call('GET', `/api/receivers/${id}/exchanges?limit=500`)
    ).json()) as { id: number; operation: string }[]
    expect(exchanges.find((e) => e.id === created.exchange_id)?.operation).toBe('create_stream')
    expect(exchanges.find((e) => e.id === entry!.exchange_id)?.operation).toBe('push')
    const one = await engine.call('GET', `/api/receivers/${id}/exchanges/${entry!.exchange_id}`)
    expect(one.status).toBe(200)
  })

  it("another receiver's exchange is not found under this one", async () => {
    const other = (await (
      await engine.call('POST', '/api/receivers', { issuer: tx.issuer })
    ).json()) as { receiver_id: string }
    const [mine] = (await (
      await engine.call('GET', `/api/receivers/${id}/exchanges?limit=1`)
    ).json()) as { id: number }[]
    const res = await engine.call(
      'GET',
      `/api/receivers/${other.receiver_id}/exchanges/${mine!.id}`
    )
    expect(res.status).toBe(404)
  })
})
