/**
 * Guard for mutation testing (docs/testing.md) of the push worker's stop: the push in flight is
 * cut off at once (not left to its timeout), nothing more is sent after the stop, and after a
 * restart both SETs are sent, each recorded once.
 * @see src/main/transmitter/delivery/push.ts (`stop`)
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeJwt } from 'jose'
import { afterEach, expect, it } from 'vitest'
import { startTestEngine, tempDataDir, type TestEngine } from '../helpers/bootstrap'
import { PUSH, createStream, fireOk } from './helpers'

let engine: TestEngine | undefined
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await engine?.stop()
  engine = undefined
  for (const close of closers.splice(0)) await close()
})

/** A receiver that never answers its first request and accepts every other one. */
async function startReceiverHoldingFirst() {
  const rx = { url: '', jtis: [] as string[], cutOff: 0 }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      rx.jtis.push(String(decodeJwt(Buffer.concat(chunks).toString('utf8')).jti))
      if (rx.jtis.length > 1) return res.writeHead(202).end()
      res.on('close', () => rx.cutOff++)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  )
  rx.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`
  return rx
}

it('a stop cuts off the push in flight at once and sends nothing more; a restart sends both SETs once', async () => {
  const r = await startReceiverHoldingFirst()
  const dataDir = tempDataDir()
  // A push timeout far beyond the test: only the stop can cut the first push off.
  const options = { pushTimeoutMs: 120_000 }
  const first = (engine = await startTestEngine(options, dataDir))
  await createStream(first, { method: PUSH, endpoint_url: r.url })
  const [a] = await fireOk(first, 'a@b.example')
  await expect.poll(() => r.jtis.length).toBe(1)
  const [b] = await fireOk(first, 'a@b.example')
  const port = Number(new URL(first.url).port)
  await first.stop(false)
  engine = undefined
  await expect.poll(() => r.cutOff).toBe(1)
  const e = (engine = await startTestEngine({ ...options, port }, dataDir))
  const outbound = e.core.ctx.services.delivery.outbound
  for (const s of [a!, b!]) {
    await expect.poll(() => outbound.get(s.jti)?.state).toBe('delivered')
    expect(outbound.attempts(s.jti)).toMatchObject([{ attempt: 1, outcome: 'delivered' }])
  }
  // The first SET twice (cut off, then after the restart), the second only after the restart.
  expect(r.jtis).toEqual([a!.jti, a!.jti, b!.jti])
})
