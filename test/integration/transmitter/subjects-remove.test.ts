/** `remove_subject_endpoint`: 204. @see SSF 1.0 §8.1.3.3 */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { createStream, expectError } from './fixtures'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

const subjectsOf = (id: string) => engine.core.ctx.repos.streams.listSubjects(id)

describe('204 No Content', () => {
  it('removes a subject that was added (member order does not matter)', async () => {
    const s = await createStream(engine)
    const keep = { format: 'opaque', id: 'keep' }
    await engine.call('POST', '/ssf/subjects:add', { stream_id: s.stream_id, subject: keep })
    await engine.call('POST', '/ssf/subjects:add', {
      stream_id: s.stream_id,
      subject: { format: 'phone_number', phone_number: '+14155550123' }
    })
    const res = await engine.call('POST', '/ssf/subjects:remove', {
      stream_id: s.stream_id,
      subject: { phone_number: '+14155550123', format: 'phone_number' }
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.text()).toBe('')
    expect(subjectsOf(s.stream_id).map((r) => r.subject)).toEqual([keep])
  })

  it('answers 204 for a subject that is not in the stream (no subject probing)', async () => {
    const s = await createStream(engine)
    const res = await engine.call('POST', '/ssf/subjects:remove', {
      stream_id: s.stream_id,
      subject: { format: 'email', email: 'never@example.com' }
    })
    expect(res.status).toBe(204)
  })
})

describe('errors', () => {
  test.each([
    { name: 'no subject', body: { stream_id: 'S' }, status: 400 },
    {
      name: 'malformed subject',
      body: { stream_id: 'S', subject: { format: 'email' } },
      status: 400
    },
    { name: 'subject as a number', body: { stream_id: 'S', subject: 1 }, status: 400 },
    { name: 'no stream_id', body: { subject: { format: 'opaque', id: 'a' } }, status: 400 },
    {
      name: 'unknown stream',
      body: { stream_id: 'st_nope', subject: { format: 'opaque', id: 'a' } },
      status: 404
    }
  ])('$name → $status', async ({ body, status }) => {
    const s = await createStream(engine)
    const withId = body.stream_id === 'S' ? { ...body, stream_id: s.stream_id } : body
    await expectError(await engine.call('POST', '/ssf/subjects:remove', withId), status)
  })
})
