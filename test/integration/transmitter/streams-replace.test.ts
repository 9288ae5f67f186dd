/** `PUT configuration_endpoint`: full replacement. @see SSF 1.0 §8.1.1.4 */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import type { StreamConfiguration } from '../../../src/shared/ssf'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import {
  CREDENTIAL_CHANGE,
  POLL,
  PUSH,
  RX_URL,
  SESSION_REVOKED,
  createStream,
  expectError
} from './fixtures'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

async function put(body: Record<string, unknown>): Promise<StreamConfiguration> {
  const res = await engine.call('PUT', '/ssf/streams', body)
  expect(res.status, await res.clone().text()).toBe(200)
  expect(res.headers.get('cache-control')).toBe('no-store')
  return (await res.json()) as StreamConfiguration
}

describe('200 with the whole replaced configuration', () => {
  it('deletes Receiver-supplied members that are missing', async () => {
    const s = await createStream(engine, {
      delivery: { method: PUSH, endpoint_url: RX_URL },
      events_requested: [SESSION_REVOKED],
      description: 'to be removed'
    })
    const r = await put({ stream_id: s.stream_id, delivery: { method: POLL } })
    expect(r).not.toHaveProperty('description')
    expect(r).not.toHaveProperty('events_requested')
    expect(r.delivery.method).toBe(POLL)
    expect(r.stream_id).toBe(s.stream_id)
    expect(r.aud).toBe(s.aud)
    expect(
      await (await engine.call('GET', `/ssf/streams?stream_id=${s.stream_id}`)).json()
    ).toEqual(r)
  })

  it('GET, edit, PUT back works with every Transmitter-supplied member echoed', async () => {
    const s = await createStream(engine)
    const r = await put({ ...s, events_requested: [SESSION_REVOKED, CREDENTIAL_CHANGE] })
    expect(r.events_requested).toEqual([SESSION_REVOKED, CREDENTIAL_CHANGE])
    expect([...r.events_delivered].sort()).toEqual([CREDENTIAL_CHANGE, SESSION_REVOKED].sort())
  })
})

describe('400 Bad Request', () => {
  test.each([
    { name: 'no delivery (A6)', body: { events_requested: [SESSION_REVOKED] } },
    { name: 'changed aud', body: { delivery: { method: POLL }, aud: 'other' } },
    { name: 'changed iss', body: { delivery: { method: POLL }, iss: 'https://x.example' } },
    {
      name: 'changed stream-level events_delivered',
      body: { delivery: { method: POLL }, events_delivered: [] }
    },
    { name: 'delivery as a number', body: { delivery: 1 } }
  ])('$name', async ({ body }) => {
    const s = await createStream(engine)
    await expectError(
      await engine.call('PUT', '/ssf/streams', { stream_id: s.stream_id, ...body }),
      400,
      'invalid_request'
    )
    expect(
      await (await engine.call('GET', `/ssf/streams?stream_id=${s.stream_id}`)).json()
    ).toEqual(s)
  })

  it('without stream_id', async () => {
    await expectError(
      await engine.call('PUT', '/ssf/streams', { delivery: { method: POLL } }),
      400,
      'invalid_request'
    )
  })
})

describe('404 Not Found', () => {
  it('for an unknown stream_id', async () => {
    await expectError(
      await engine.call('PUT', '/ssf/streams', {
        stream_id: 'st_nope',
        delivery: { method: POLL }
      }),
      404,
      'not_found'
    )
  })
})
