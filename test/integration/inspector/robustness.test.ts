import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(async () => {
  await engine.stop()
})

describe('inspector API: bad input never crashes', () => {
  it('arbitrary query strings on GET /api/traffic answer 200 or 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(
            'stream_id',
            'direction',
            'kind',
            'status',
            'text',
            'limit',
            'before',
            'x'
          ),
          fc.string({ maxLength: 30 })
        ),
        async (params) => {
          const q = new URLSearchParams(params).toString()
          const res = await engine.call('GET', `/api/traffic?${q}`)
          expect([200, 400]).toContain(res.status)
          await res.arrayBuffer()
        }
      ),
      { numRuns: 60 }
    )
  })

  it('arbitrary replay and fault bodies answer 4xx, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string({ maxLength: 20 }), async (body, id) => {
        for (const path of [
          `/api/deliveries/${encodeURIComponent(id)}/replay`,
          `/api/keys/rotate`
        ]) {
          const res = await engine.call('POST', path, JSON.stringify(body) ?? 'null')
          expect(res.status).toBeLessThan(500)
          await res.arrayBuffer()
        }
        const res = await engine.call(
          'PUT',
          `/api/streams/${encodeURIComponent(id)}/faults`,
          JSON.stringify(body) ?? 'null'
        )
        expect(res.status).toBeLessThan(500)
        await res.arrayBuffer()
      }),
      { numRuns: 60 }
    )
  })
})
