/** `status_endpoint`: read (GET) and update (POST) stream status. @see SSF 1.0 §8.1.2 */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { createStream, expectError, readStatus } from './fixtures'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

describe('GET', () => {
  it('a new stream is enabled, with no reason', async () => {
    const s = await createStream(engine)
    const res = await engine.call('GET', `/ssf/status?stream_id=${s.stream_id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ stream_id: s.stream_id, status: 'enabled' })
  })

  test.each([
    { query: '', status: 400 },
    { query: '?stream_id=', status: 400 },
    { query: '?stream_id=a&stream_id=b', status: 400 },
    { query: '?stream_id=st_nope', status: 404 }
  ])('GET /ssf/status$query → $status', async ({ query, status }) => {
    await expectError(await engine.call('GET', `/ssf/status${query}`), status)
  })
})

describe('POST', () => {
  test.each([
    { status: 'paused', reason: 'Receiver maintenance' },
    { status: 'disabled', reason: undefined },
    { status: 'enabled', reason: 'back' }
  ])('→ $status (reason $reason): 200 with the status object', async ({ status, reason }) => {
    const s = await createStream(engine)
    const body =
      reason === undefined
        ? { stream_id: s.stream_id, status }
        : { stream_id: s.stream_id, status, reason }
    const res = await engine.call('POST', '/ssf/status', body)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual(body)
    expect(await readStatus(engine, s.stream_id)).toEqual(body)
  })

  it('a later change without reason clears the old reason', async () => {
    const s = await createStream(engine)
    await engine.call('POST', '/ssf/status', {
      stream_id: s.stream_id,
      status: 'paused',
      reason: 'r'
    })
    await engine.call('POST', '/ssf/status', { stream_id: s.stream_id, status: 'enabled' })
    expect(await readStatus(engine, s.stream_id)).toEqual({
      stream_id: s.stream_id,
      status: 'enabled'
    })
  })

  test.each([
    { name: 'unknown status value', body: { status: 'stopped' } },
    { name: 'upper-case status', body: { status: 'PAUSED' } },
    { name: 'missing status', body: {} },
    { name: 'numeric status', body: { status: 1 } },
    { name: 'numeric reason', body: { status: 'paused', reason: 5 } },
    { name: 'missing stream_id', body: { status: 'paused', stream_id: undefined } },
    { name: 'numeric stream_id', body: { status: 'paused', stream_id: 3 } }
  ])('$name → 400', async ({ body }) => {
    const s = await createStream(engine)
    await expectError(
      await engine.call('POST', '/ssf/status', { stream_id: s.stream_id, ...body }),
      400,
      'invalid_request'
    )
    expect((await readStatus(engine, s.stream_id)).status).toBe('enabled')
  })

  it('unknown stream → 404', async () => {
    await expectError(
      await engine.call('POST', '/ssf/status', { stream_id: 'st_nope', status: 'paused' }),
      404,
      'not_found'
    )
  })
})
