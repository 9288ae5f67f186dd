/**
 * Issue 15, item 6: every management call about a stream is linked to its `stream_id` in the
 * traffic log, so `GET /api/traffic?stream_id=S` tells the stream's whole story.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream } from '../delivery/helpers'

let e: TestEngine
beforeAll(async () => {
  e = await startTestEngine()
})
afterAll(() => e.stop())

interface Summary {
  method: string
  url: string
  kind: string
  stream_id: string | null
}

describe('management calls are linked to their stream', () => {
  it('create, read, update, replace, status, subjects, verification and delete', async () => {
    const { stream_id: id } = await createStream(e, { method: POLL })
    const other = await createStream(e, { method: POLL })
    const subject = { format: 'email', email: 'a@corp.example' }
    const calls: [string, string, unknown?][] = [
      ['GET', `/ssf/streams?stream_id=${id}`],
      ['PATCH', '/ssf/streams', { stream_id: id, description: 'patched' }],
      ['PUT', '/ssf/streams', { stream_id: id, delivery: { method: POLL } }],
      ['GET', `/ssf/status?stream_id=${id}`],
      ['POST', '/ssf/status', { stream_id: id, status: 'enabled' }],
      ['POST', '/ssf/subjects:add', { stream_id: id, subject }],
      ['POST', '/ssf/subjects:remove', { stream_id: id, subject }],
      ['POST', '/ssf/verify', { stream_id: id, state: 'x' }],
      ['DELETE', `/ssf/streams?stream_id=${id}`]
    ]
    for (const [method, path, body] of calls) {
      const res = await e.call(method, path, body)
      expect(res.status, `${method} ${path}`).toBeLessThan(300)
    }
    const linked = async () =>
      (
        (await (
          await e.call('GET', `/api/traffic?stream_id=${id}&kind=management&limit=100`)
        ).json()) as { items: Summary[] }
      ).items
    // Created + the calls above, each linked to this stream and none to the other.
    await expect.poll(async () => (await linked()).length).toBe(calls.length + 1)
    const seen = (await linked()).map((x) => `${x.method} ${new URL(x.url).pathname}`).sort()
    expect(seen).toEqual(
      [['POST', '/ssf/streams'], ...calls].map(([m, p]) => `${m} ${p.split('?')[0]}`).sort()
    )
    const others = (await (
      await e.call('GET', `/api/traffic?stream_id=${other.stream_id}&kind=management`)
    ).json()) as { items: Summary[] }
    expect(others.items.map((x) => x.method)).toEqual(['POST'])
  })

  it('a list of every stream names no one stream', async () => {
    expect((await e.call('GET', '/ssf/streams')).status).toBe(200)
    const lists = async () => {
      const r = await e.call('GET', '/api/traffic?kind=management&limit=500')
      return ((await r.json()) as { items: Summary[] }).items.filter(
        (x) => x.method === 'GET' && new URL(x.url).search === ''
      )
    }
    await expect.poll(async () => (await lists()).length).toBe(1)
    expect((await lists())[0]!.stream_id).toBeNull()
  })
})
