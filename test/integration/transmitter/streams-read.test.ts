/** `GET configuration_endpoint`: read one stream (`?stream_id=`) or list them. @see SSF 1.0 §8.1.1.2 */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import type { StreamConfiguration } from '../../../src/shared/ssf'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream, expectError } from './fixtures'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

describe('list', () => {
  it('is [] (200, not 404) before any stream exists, then every stream of the client', async () => {
    const empty = await engine.call('GET', '/ssf/streams')
    expect(empty.status).toBe(200)
    expect(empty.headers.get('cache-control')).toBe('no-store')
    expect(await empty.json()).toEqual([])
    const a = await createStream(engine)
    const b = await createStream(engine, { delivery: { method: POLL } })
    const list = (await (await engine.call('GET', '/ssf/streams')).json()) as StreamConfiguration[]
    expect(list).toEqual([a, b])
  })
})

describe('read one', () => {
  it('answers 200 with exactly what create returned', async () => {
    const s = await createStream(engine)
    const res = await engine.call('GET', `/ssf/streams?stream_id=${s.stream_id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual(s)
  })

  test.each([
    { name: 'unknown id', query: '?stream_id=st_does_not_exist', status: 404 },
    { name: 'id with odd characters', query: '?stream_id=%00%FF%2F..', status: 404 },
    { name: 'empty id', query: '?stream_id=', status: 400 },
    { name: 'repeated id', query: '?stream_id=a&stream_id=b', status: 400 }
  ])('$name → $status', async ({ query, status }) => {
    await expectError(await engine.call('GET', `/ssf/streams${query}`), status)
  })
})
