/**
 * Issue 15, item 9, backlog: a push receiver that is down (every connection cut) for a while gets
 * its whole backlog, in order, once it returns. The outage lasts SSF_SIM_OUTAGE_MS (default 3 s
 * in `npm test`; `SSF_SIM_SOAK=1` makes it a minute with more SETs). Retries use a short backoff
 * cap so the return is noticed quickly; the outage itself is the thing under test, not a sleep
 * that synchronises anything.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeJwt } from 'jose'
import { afterAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { PUSH, createStream, fireOk } from '../delivery/helpers'

const SOAK = process.env.SSF_SIM_SOAK === '1'
const OUTAGE_MS = Number(process.env.SSF_SIM_OUTAGE_MS ?? (SOAK ? 60_000 : 3_000))
const BACKLOG = SOAK ? 300 : 40

let e: TestEngine | undefined
let server: Server | undefined
afterAll(async () => {
  await e?.stop()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

describe('backlog after a receiver outage', () => {
  it(
    `${BACKLOG} SETs fired during a ${OUTAGE_MS / 1000} s outage arrive in order afterwards`,
    async () => {
      let down = true
      const received: string[] = []
      server = createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          received.push(String(decodeJwt(Buffer.concat(chunks).toString('utf8')).jti))
          res.writeHead(202).end()
        })
      })
      // Down: the port stays bound (so it cannot change hands) but every connection is cut.
      server.on('connection', (socket) => {
        if (down) socket.destroy()
      })
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`
      e = await startTestEngine({
        pushBackoffBaseMs: 100,
        pushBackoffCapMs: 1_000,
        pushMaxAttempts: 1_000_000
      })
      const { stream_id } = await createStream(e, { method: PUSH, endpoint_url: url })
      const fired: string[] = []
      const outageEnds = Date.now() + OUTAGE_MS
      for (let i = 0; i < BACKLOG; i++)
        fired.push((await fireOk(e, `b${i}@corp.example`, { stream_ids: [stream_id] }))[0]!.jti)
      const outbound = e.core.ctx.services.delivery.outbound
      // The head SET has met the outage (failed attempts recorded), nothing got through.
      await expect.poll(() => outbound.attempts(fired[0]!).length).toBeGreaterThan(0)
      await new Promise((r) => setTimeout(r, Math.max(0, outageEnds - Date.now())))
      expect(received).toEqual([])
      expect(outbound.get(fired[0]!)?.state).toBe('queued')
      down = false
      await expect
        .poll(() => received.filter((j) => fired.includes(j)).length, { timeout: 30_000 })
        .toBe(BACKLOG)
      // In order, each once.
      expect(received.filter((j) => fired.includes(j))).toEqual(fired)
      // Received is not yet recorded: the outcome is committed when the 2xx is back at the worker.
      await expect
        .poll(() => fired.filter((jti) => outbound.get(jti)?.state !== 'delivered'))
        .toEqual([])
    },
    OUTAGE_MS + 90_000
  )
})
