/**
 * Delivery state for the UI: `GET /api/sets/{jti}`, `GET /api/deliveries/streams`, the live
 * `set.state` events (retrying, polled, acked), the `jti` filter, revealed details and the
 * filtered HAR export.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { UiEvent } from '../../../src/shared/api/ui-events'
import { setDeliveryViewSchema, streamDeliveriesSchema } from '../../../src/shared/api/deliveries'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import {
  POLL,
  PUSH,
  createStream,
  expectFrom,
  fireOk,
  startReceiver,
  type Responder,
  type TestReceiver
} from '../delivery/helpers'

let engine: TestEngine | undefined
let rx: TestReceiver | undefined
afterEach(async () => {
  await engine?.stop()
  await rx?.close()
  engine = rx = undefined
})

async function pushSetup(respond: Responder) {
  const r = (rx = await startReceiver(respond))
  const e = (engine = await startTestEngine({ pushBackoffBaseMs: 60_000 }))
  const stream = await createStream(e, {
    method: PUSH,
    endpoint_url: r.url,
    authorization_header: 'Bearer rx-secret-token-123456'
  })
  expectFrom(r, e, stream.aud)
  const events: UiEvent[] = []
  e.core.ctx.bus.subscribe((ev) => events.push(ev))
  return { e, r, stream, events }
}

const setView = async (e: TestEngine, jti: string) =>
  setDeliveryViewSchema.parse(await (await e.call('GET', `/api/sets/${jti}`)).json())
const streamRows = async (e: TestEngine) =>
  streamDeliveriesSchema.parse(await (await e.call('GET', '/api/deliveries/streams')).json())

describe('delivery state', () => {
  it('a push answered 202 is delivered, with the status and the exchange that carried it', async () => {
    const { e, stream } = await pushSetup(() => ({ status: 202 }))
    const [made] = await fireOk(e, 'd@corp.example')
    await expect.poll(async () => (await setView(e, made!.jti)).state).toBe('delivered')
    await expect.poll(async () => (await setView(e, made!.jti)).exchanges.length).toBe(1)
    const view = await setView(e, made!.jti)
    expect(view.history).toEqual([
      expect.objectContaining({ attempt: 1, response_status: 202, outcome: 'delivered' })
    ])
    expect(view.exchanges[0]).toMatchObject({ kind: 'push', status: 202 })
    const row = (await streamRows(e)).find((s) => s.stream_id === stream.stream_id)
    expect(row).toMatchObject({
      waiting: 0,
      held: 0,
      last: { jti: made!.jti, state: 'delivered', response_status: 202 }
    })
  })

  it('a push answered 503 is retrying: still queued, attempt counted, next attempt due', async () => {
    const { e, stream, events } = await pushSetup(() => ({ status: 503 }))
    const [made] = await fireOk(e, 'r@corp.example')
    await expect
      .poll(() => events.some((ev) => ev.type === 'set.state' && ev.state === 'retrying'))
      .toBe(true)
    const view = await setView(e, made!.jti)
    expect(view).toMatchObject({ state: 'queued', attempts: 1 })
    expect(view.next_attempt_at).toBeGreaterThan(Date.now())
    expect(view.history[0]).toMatchObject({ response_status: 503, outcome: 'retry' })
    const row = (await streamRows(e)).find((s) => s.stream_id === stream.stream_id)
    expect(row).toMatchObject({ waiting: 1, last: { state: 'queued', response_status: 503 } })
  })

  it('a poll hand-out and its acknowledgement are published and stored', async () => {
    const e = (engine = await startTestEngine())
    const events: UiEvent[] = []
    e.core.ctx.bus.subscribe((ev) => events.push(ev))
    const stream = await createStream(e, { method: POLL })
    const [made] = await fireOk(e, 'p@corp.example')
    const pollUrl = `/ssf/poll/${stream.stream_id}`
    await e.call('POST', pollUrl, { returnImmediately: true })
    expect((await setView(e, made!.jti)).state).toBe('polled')
    await e.call('POST', pollUrl, { ack: [made!.jti], returnImmediately: true })
    expect((await setView(e, made!.jti)).state).toBe('acked')
    const states = events.flatMap((ev) =>
      ev.type === 'set.state' && ev.jti === made!.jti ? [ev.state] : []
    )
    expect(states).toEqual(['queued', 'polled', 'acked'])
  })

  it('answers 404 in JSON for an unknown jti', async () => {
    const e = (engine = await startTestEngine())
    const res = await e.call('GET', '/api/sets/no-such-jti')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ err: expect.any(String) })
  })
})

describe('traffic details for the inspector screen', () => {
  it('filters by jti, reveals secrets on request and exports the filtered view as HAR', async () => {
    const { e } = await pushSetup(() => ({ status: 202 }))
    const [a] = await fireOk(e, 'a@corp.example')
    await fireOk(e, 'b@corp.example')
    await expect.poll(async () => (await setView(e, a!.jti)).exchanges.length).toBe(1)
    const list = (await (await e.call('GET', `/api/traffic?jti=${a!.jti}`)).json()) as {
      items: { id: number; jti: string }[]
    }
    expect(list.items.map((x) => x.jti)).toEqual([a!.jti])
    const id = list.items[0]!.id
    type Detail = { request_headers: Record<string, string> }
    const masked = (await (await e.call('GET', `/api/traffic/${id}`)).json()) as Detail
    expect(masked.request_headers.authorization).toBe('Bearer ****3456')
    const open = (await (await e.call('GET', `/api/traffic/${id}?reveal=1`)).json()) as Detail
    expect(open.request_headers.authorization).toBe('Bearer rx-secret-token-123456')
    const har = (await (await e.call('GET', `/api/traffic/export.har?jti=${a!.jti}`)).json()) as {
      log: { entries: unknown[] }
    }
    expect(har.log.entries).toHaveLength(1)
    const bad = await e.call('GET', '/api/traffic/export.har?status=abc')
    expect(bad.status).toBe(400)
  })
})
