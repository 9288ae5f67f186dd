/** `DELETE configuration_endpoint?stream_id=`: 204, then the stream is gone. @see SSF 1.0 §8.1.1.5 */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { createStream, expectError } from './fixtures'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

describe('DELETE', () => {
  it('answers 204 with an empty body; afterwards every endpoint says 404', async () => {
    const s = await createStream(engine)
    await engine.call('POST', '/ssf/subjects:add', {
      stream_id: s.stream_id,
      subject: { format: 'email', email: 'a@example.com' }
    })
    const res = await engine.call('DELETE', `/ssf/streams?stream_id=${s.stream_id}`)
    expect(res.status).toBe(204)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.text()).toBe('')
    const id = s.stream_id
    await expectError(await engine.call('GET', `/ssf/streams?stream_id=${id}`), 404)
    await expectError(await engine.call('DELETE', `/ssf/streams?stream_id=${id}`), 404)
    await expectError(await engine.call('GET', `/ssf/status?stream_id=${id}`), 404)
    await expectError(await engine.call('POST', '/ssf/verify', { stream_id: id }), 404)
    expect(await (await engine.call('GET', '/ssf/streams')).json()).toEqual([])
  })

  test.each([
    { name: 'no stream_id', query: '', status: 400 },
    { name: 'empty stream_id', query: '?stream_id=', status: 400 },
    { name: 'unknown stream_id', query: '?stream_id=st_nope', status: 404 }
  ])('$name → $status', async ({ query, status }) => {
    await expectError(await engine.call('DELETE', `/ssf/streams${query}`), status)
  })
})
