/** `PATCH configuration_endpoint`: partial update. @see SSF 1.0 §8.1.1.3 */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import type { StreamConfiguration } from '../../../src/shared/ssf'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import {
  ACCOUNT_DISABLED,
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

async function patch(body: Record<string, unknown>): Promise<StreamConfiguration> {
  const res = await engine.call('PATCH', '/ssf/streams', body)
  expect(res.status, await res.clone().text()).toBe(200)
  expect(res.headers.get('cache-control')).toBe('no-store')
  return (await res.json()) as StreamConfiguration
}

describe('200 with the whole updated configuration', () => {
  it('changes only the members sent', async () => {
    const s = await createStream(engine, {
      delivery: { method: PUSH, endpoint_url: RX_URL },
      events_requested: [SESSION_REVOKED],
      description: 'before'
    })
    const u = await patch({ stream_id: s.stream_id, description: 'after' })
    expect(u).toEqual({ ...s, description: 'after' })
    const u2 = await patch({ stream_id: s.stream_id, events_requested: [CREDENTIAL_CHANGE] })
    expect(u2).toEqual({
      ...s,
      description: 'after',
      events_requested: [CREDENTIAL_CHANGE],
      events_delivered: [CREDENTIAL_CHANGE]
    })
    expect(
      await (await engine.call('GET', `/ssf/streams?stream_id=${s.stream_id}`)).json()
    ).toEqual(u2)
  })

  it('replaces the whole delivery (a new authorization_header is stored, A7)', async () => {
    const s = await createStream(engine, {
      delivery: { method: PUSH, endpoint_url: RX_URL, authorization_header: 'Bearer old' }
    })
    const u = await patch({
      stream_id: s.stream_id,
      delivery: { method: PUSH, endpoint_url: 'https://rx.example/v2' }
    })
    expect(u.delivery).toEqual({ method: PUSH, endpoint_url: 'https://rx.example/v2' })
    const rotated = await patch({
      stream_id: s.stream_id,
      delivery: { method: PUSH, endpoint_url: RX_URL, authorization_header: 'Bearer new' }
    })
    expect(rotated.delivery).toEqual({
      method: PUSH,
      endpoint_url: RX_URL,
      authorization_header: 'Bearer new'
    })
  })

  it('switching to poll gets a Transmitter-chosen endpoint_url', async () => {
    const s = await createStream(engine)
    const u = await patch({ stream_id: s.stream_id, delivery: { method: POLL } })
    expect(u.delivery.method).toBe(POLL)
    expect(u.delivery.endpoint_url).toContain(s.stream_id)
  })

  it('accepts Transmitter-supplied members sent back unchanged (full GET-edit-PATCH)', async () => {
    const s = await createStream(engine, { events_requested: [SESSION_REVOKED, ACCOUNT_DISABLED] })
    const u = await patch({
      ...s,
      events_delivered: [...s.events_delivered].reverse(),
      description: 'edited'
    })
    expect(u).toEqual({ ...s, description: 'edited' })
  })
})

describe('400 Bad Request', () => {
  test.each([
    { member: 'iss', value: 'https://other.example' },
    { member: 'aud', value: 'someone-else' },
    { member: 'aud', value: ['default', 'x'] },
    { member: 'events_supported', value: [SESSION_REVOKED] },
    { member: 'events_delivered', value: [CREDENTIAL_CHANGE] },
    { member: 'min_verification_interval', value: 1 },
    { member: 'inactivity_timeout', value: 60 }
  ])('a changed Transmitter-supplied $member=$value', async ({ member, value }) => {
    const s = await createStream(engine, { events_requested: [SESSION_REVOKED] })
    const res = await engine.call('PATCH', '/ssf/streams', {
      stream_id: s.stream_id,
      [member]: value
    })
    const body = await expectError(res, 400, 'invalid_request')
    expect(body.description).toContain(member)
    // Nothing changed.
    expect(
      await (await engine.call('GET', `/ssf/streams?stream_id=${s.stream_id}`)).json()
    ).toEqual(s)
  })

  test.each([
    { name: 'no stream_id', body: { description: 'x' } },
    { name: 'numeric stream_id', body: { stream_id: 5 } },
    { name: 'empty stream_id', body: { stream_id: '' } },
    { name: 'description as an object', body: { stream_id: 'S', description: {} } },
    { name: 'events_requested as an object', body: { stream_id: 'S', events_requested: {} } },
    { name: 'push without endpoint_url', body: { stream_id: 'S', delivery: { method: PUSH } } }
  ])('$name', async ({ body }) => {
    const s = await createStream(engine)
    const withId = body.stream_id === 'S' ? { ...body, stream_id: s.stream_id } : body
    await expectError(await engine.call('PATCH', '/ssf/streams', withId), 400, 'invalid_request')
  })
})

describe('404 Not Found', () => {
  it('for an unknown stream_id', async () => {
    await expectError(
      await engine.call('PATCH', '/ssf/streams', { stream_id: 'st_nope', description: 'x' }),
      404,
      'not_found'
    )
  })
})
