/**
 * Client isolation: a stream belongs to the client that created it; another client's token gets
 * 404 for it on every endpoint and never sees it in lists. @see SSF 1.0 §8 (authorization binds a
 * Receiver to its streams), interop note A12.
 */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import type { StreamConfiguration } from '../../../src/shared/ssf'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream, expectError, readStatus } from './fixtures'

let engine: TestEngine
let second: { client_id: string; token: string; audience: string }
let first: StreamConfiguration
const subject = { format: 'email', email: 'owner@example.com' }

beforeAll(async () => {
  engine = await startTestEngine()
  const res = await engine.call('POST', '/api/clients', { name: 'second receiver' })
  expect(res.status).toBe(201)
  second = (await res.json()) as typeof second
  first = await createStream(engine)
  await engine.call('POST', '/ssf/subjects:add', { stream_id: first.stream_id, subject })
})
afterAll(() => engine.stop())

describe("the second client's token", () => {
  it('is a different token with its own audience', () => {
    expect(second.token).not.toBe(engine.token)
    expect(second.client_id).not.toBe('default')
    expect(second.audience).toBe(second.client_id)
  })

  it("sees its own streams only, with its own aud, and never the first client's", async () => {
    expect(
      await (await engine.call('GET', '/ssf/streams', undefined, second.token)).json()
    ).toEqual([])
    const own = await createStream(engine, { delivery: { method: POLL } }, second.token)
    expect(own.aud).toBe(second.audience)
    const list = (await (
      await engine.call('GET', '/ssf/streams', undefined, second.token)
    ).json()) as StreamConfiguration[]
    expect(list.map((s) => s.stream_id)).toEqual([own.stream_id])
    const firstList = (await (
      await engine.call('GET', '/ssf/streams')
    ).json()) as StreamConfiguration[]
    expect(firstList.map((s) => s.stream_id)).not.toContain(own.stream_id)
  })

  const id = () => first.stream_id
  test.each([
    { name: 'read', method: 'GET', path: () => `/ssf/streams?stream_id=${id()}` },
    {
      name: 'update',
      method: 'PATCH',
      path: () => '/ssf/streams',
      body: () => ({ stream_id: id(), description: 'hijacked' })
    },
    {
      name: 'replace',
      method: 'PUT',
      path: () => '/ssf/streams',
      body: () => ({ stream_id: id(), delivery: { method: POLL } })
    },
    { name: 'delete', method: 'DELETE', path: () => `/ssf/streams?stream_id=${id()}` },
    { name: 'read status', method: 'GET', path: () => `/ssf/status?stream_id=${id()}` },
    {
      name: 'update status',
      method: 'POST',
      path: () => '/ssf/status',
      body: () => ({ stream_id: id(), status: 'disabled' })
    },
    {
      name: 'add subject',
      method: 'POST',
      path: () => '/ssf/subjects:add',
      body: () => ({ stream_id: id(), subject: { format: 'opaque', id: 'intruder' } })
    },
    {
      name: 'remove subject',
      method: 'POST',
      path: () => '/ssf/subjects:remove',
      body: () => ({ stream_id: id(), subject })
    },
    {
      name: 'verification',
      method: 'POST',
      path: () => '/ssf/verify',
      body: () => ({ stream_id: id() })
    }
  ])("cannot $name the first client's stream: 404", async ({ method, path, body }) => {
    const res = await engine.call(method, path(), body?.(), second.token)
    const err = await expectError(res, 404, 'not_found')
    // Exactly what an unknown stream id gets: nothing reveals that the stream exists.
    const unknown = await engine.call(
      method,
      path().replace(id(), 'st_unknown'),
      body ? { ...body(), stream_id: 'st_unknown' } : undefined,
      second.token
    )
    expect(unknown.status).toBe(404)
    expect(err.description.replace(id(), 'X')).toBe(
      ((await unknown.json()) as { description: string }).description.replace('st_unknown', 'X')
    )
  })

  it('changed nothing of the first stream', async () => {
    expect(
      await (await engine.call('GET', `/ssf/streams?stream_id=${first.stream_id}`)).json()
    ).toEqual(first)
    expect(await readStatus(engine, first.stream_id)).toEqual({
      stream_id: first.stream_id,
      status: 'enabled'
    })
    expect(
      engine.core.ctx.repos.streams.listSubjects(first.stream_id).map((s) => s.subject)
    ).toEqual([subject])
    expect(
      engine.core.ctx.db
        .prepare('SELECT COUNT(*) AS n FROM verification_requests WHERE stream_id = ?')
        .get(first.stream_id)
    ).toEqual({ n: 0 })
  })
})

describe('client tokens are management-API tokens only', () => {
  it('a second client token cannot use the control API', async () => {
    await expectError(await engine.call('GET', '/api/session', undefined, second.token), 401)
  })
})
