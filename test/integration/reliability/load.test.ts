/**
 * Issue 15, item 9, load: many streams (half push, half poll) with many events each, with
 * management calls running all the while: every SET is delivered (push 2xx or poll
 * acknowledged). `npm test` runs 20 × 20; `SSF_SIM_SOAK=1` runs 100 streams × 100 events.
 * Figures (RSS, event-loop stalls) are measured by `npm run bench` (`bench/load.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runLoad } from '../../../bench/load-scenario'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

const SOAK = process.env.SSF_SIM_SOAK === '1'
// `npm test` runs a small load within its time budget; the soak runs the 100 × 100.
const SIZE = SOAK ? { streams: 100, events: 100 } : { streams: 20, events: 20 }

let e: TestEngine
beforeAll(async () => {
  e = await startTestEngine({ pollWaitSeconds: 2, quiet: true })
})
afterAll(() => e.stop())

describe('load', () => {
  it(
    `${SIZE.streams} streams × ${SIZE.events} events over push and poll, all delivered`,
    async () => {
      const r = await runLoad(e.core, SIZE)
      expect(r.fired.size).toBe(SIZE.streams)
      for (const [stream, jtis] of r.fired) {
        expect(jtis.size).toBe(SIZE.events)
        const got = r.pushed.get(stream) ?? r.polled.get(stream) ?? new Set<string>()
        const missing = [...jtis].filter((j) => !got.has(j))
        expect(missing, `stream ${stream}`).toEqual([])
      }
      expect(r.managementCalls).toBeGreaterThan(0)
      expect(r.managementFailures).toBe(0)
      // Nothing is left undelivered in the store either. A push outcome is committed a moment
      // after the receiver has answered (outcomes commit in batches), so wait for it.
      const left = e.core.ctx.db.prepare<[], { n: number }>(
        "SELECT COUNT(*) AS n FROM outbound_sets WHERE state NOT IN ('delivered', 'acked')"
      )
      await expect.poll(() => left.get()?.n, { timeout: 10_000 }).toBe(0)
    },
    SOAK ? 900_000 : 180_000
  )
})
