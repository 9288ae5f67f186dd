/** `verification_endpoint`: 204, 429 inside `min_verification_interval`. @see SSF 1.0 §8.1.4.2 */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { createStream, expectError } from './fixtures'

let engine: TestEngine
let now = Date.UTC(2026, 0, 1)
beforeAll(async () => {
  engine = await startTestEngine({}, undefined, { clock: { now: () => now } })
})
afterAll(() => engine.stop())

const requestsOf = (id: string) =>
  engine.core.ctx.db
    .prepare<[string], { state: string | null; requested_at: number }>(
      'SELECT state, requested_at FROM verification_requests WHERE stream_id = ? ORDER BY id'
    )
    .all(id)

describe('204 No Content', () => {
  it('records the request with its state and answers with an empty body', async () => {
    const s = await createStream(engine)
    const res = await engine.call('POST', '/ssf/verify', { stream_id: s.stream_id, state: 'c2lt' })
    expect(res.status).toBe(204)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.text()).toBe('')
    expect(requestsOf(s.stream_id)).toEqual([{ state: 'c2lt', requested_at: now }])
  })

  it('state is optional', async () => {
    const s = await createStream(engine)
    expect((await engine.call('POST', '/ssf/verify', { stream_id: s.stream_id })).status).toBe(204)
    expect(requestsOf(s.stream_id)).toEqual([{ state: null, requested_at: now }])
  })
})

test.each(['paused', 'disabled'])(
  'a %s stream still accepts verification requests (204, interop notes A9/A10)',
  async (status) => {
    const s = await createStream(engine)
    await engine.call('POST', '/ssf/status', { stream_id: s.stream_id, status })
    expect((await engine.call('POST', '/ssf/verify', { stream_id: s.stream_id })).status).toBe(204)
  }
)

describe('429 Too Many Requests inside min_verification_interval', () => {
  it('answers 429 with Retry-After until the interval has passed', async () => {
    const s = await createStream(engine)
    expect(s.min_verification_interval).toBe(30)
    const verify = () => engine.call('POST', '/ssf/verify', { stream_id: s.stream_id })
    expect((await verify()).status).toBe(204)
    now += 10_000
    const early = await verify()
    expect(early.headers.get('retry-after')).toBe('20')
    await expectError(early, 429, 'too_many_requests')
    now += 19_500
    const stillEarly = await verify()
    expect(stillEarly.headers.get('retry-after')).toBe('1')
    await expectError(stillEarly, 429)
    now += 500
    expect((await verify()).status).toBe(204)
    expect(requestsOf(s.stream_id)).toHaveLength(2)
  })

  it('each stream has its own interval', async () => {
    const a = await createStream(engine)
    const b = await createStream(engine)
    expect((await engine.call('POST', '/ssf/verify', { stream_id: a.stream_id })).status).toBe(204)
    expect((await engine.call('POST', '/ssf/verify', { stream_id: b.stream_id })).status).toBe(204)
  })
})

describe('errors', () => {
  test.each([
    { name: 'no stream_id', body: {}, status: 400 },
    { name: 'numeric stream_id', body: { stream_id: 1 }, status: 400 },
    { name: 'numeric state', body: { stream_id: 'S', state: 1 }, status: 400 },
    { name: 'object state', body: { stream_id: 'S', state: {} }, status: 400 },
    { name: 'unknown stream', body: { stream_id: 'st_nope' }, status: 404 }
  ])('$name → $status', async ({ body, status }) => {
    const s = await createStream(engine)
    const withId = body.stream_id === 'S' ? { ...body, stream_id: s.stream_id } : body
    await expectError(await engine.call('POST', '/ssf/verify', withId), status)
    expect(requestsOf(s.stream_id)).toEqual([])
  })
})
