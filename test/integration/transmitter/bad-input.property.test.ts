/**
 * Bad input never crashes: random JSON values and random bytes thrown at every management
 * endpoint (and the control API) get a 2xx or a JSON `{err, description}` 4xx — never a 5xx —
 * and the server keeps serving.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { BODY_ENDPOINTS, createStream } from './fixtures'

let engine: TestEngine
let streamId: string
beforeAll(async () => {
  engine = await startTestEngine()
  streamId = (await createStream(engine)).stream_id
})
afterAll(() => engine.stop())

const TARGETS = [
  ...BODY_ENDPOINTS,
  { method: 'POST', path: '/api/clients' },
  { method: 'POST', path: '/api/streams/x/status' }
] as const

async function expectHandled(res: Response): Promise<void> {
  const text = await res.text()
  expect(res.status, text).toBeLessThan(500)
  if (res.status >= 400) {
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = JSON.parse(text) as Record<string, unknown>
    expect(typeof body.err).toBe('string')
    expect(typeof body.description).toBe('string')
  }
}

async function stillServes(): Promise<void> {
  const res = await engine.call('GET', `/ssf/streams?stream_id=${streamId}`)
  expect(res.status).toBe(200)
}

const target = fc.constantFrom(...TARGETS)
/** Random JSON, sometimes with a real stream id so validation goes past the lookup. */
const jsonBody = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.string(), fc.jsonValue()),
  fc
    .record(
      {
        stream_id: fc.constantFrom('real', 'st_x', ''),
        status: fc.oneof(fc.constantFrom('enabled', 'paused', 'disabled'), fc.jsonValue()),
        subject: fc.jsonValue(),
        delivery: fc.jsonValue(),
        events_requested: fc.jsonValue(),
        description: fc.jsonValue(),
        state: fc.jsonValue(),
        aud: fc.jsonValue()
      },
      { requiredKeys: [] }
    )
    .map((o) => (o.stream_id === 'real' ? { ...o, stream_id: streamId } : o))
)

describe('random input', () => {
  it('random JSON values get 2xx or a JSON 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(target, jsonBody, async ({ method, path }, body) => {
        const res = await engine.call(method, path, JSON.stringify(body))
        await expectHandled(res)
        // Non-objects are never accepted.
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          expect(res.status).toBeGreaterThanOrEqual(400)
      }),
      { numRuns: 300 }
    )
    await stillServes()
  })

  it('random bytes under random content types get a JSON 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        target,
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-16',
          'text/plain',
          'application/octet-stream',
          'application/merge-patch+json'
        ),
        async ({ method, path }, bytes, type) => {
          const res = await fetch(`${engine.url}${path}`, {
            method,
            headers: { Authorization: `Bearer ${engine.token}`, 'Content-Type': type },
            body: bytes
          })
          await expectHandled(res)
        }
      ),
      { numRuns: 200 }
    )
    await stillServes()
  })

  it('random query strings on the GET endpoints get 2xx or a JSON 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/ssf/streams', '/ssf/status'),
        fc.string(),
        async (path, query) => {
          const res = await engine.call('GET', `${path}?${encodeURI(query)}`)
          await expectHandled(res)
        }
      ),
      { numRuns: 200 }
    )
    await stillServes()
  })
})
