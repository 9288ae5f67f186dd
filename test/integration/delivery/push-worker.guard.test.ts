/**
 * Guard for mutation testing (docs/testing.md) of the push worker, over real HTTP: each attempt
 * record compared whole, the states published on the live feed, giving up and refusals, the
 * Retry-After bounds (capped, never below the backoff), one SET in flight per stream, a backlog
 * longer than the read-ahead (in order, each SET once), and the drop and delay faults.
 * @see RFC 8935 §2.3–§2.4; src/main/transmitter/delivery/push.ts
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeJwt } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import type { UiEvent } from '../../../src/shared/api/ui-events'
import type { DeliveryAttempt } from '../../../src/main/store/outbound-repo'
import { REORDER_HOLD_MS } from '../../../src/main/transmitter/delivery/push'
import { startTestEngine, tempDataDir, type TestEngine } from '../helpers/bootstrap'
import { PUSH, createStream, fireOk } from './helpers'

/** How late a timer may fire on a busy machine. */
const SLACK_MS = 1500

interface Answer {
  status: number
  body?: string
  headers?: Record<string, string>
}

/** A receiver whose answers may wait on the test (a gate), and that counts requests in flight. */
interface GatedReceiver {
  url: string
  /** jti of each request, in arrival order. */
  jtis: string[]
  /** Most requests in flight at once. */
  maxInFlight: number
  /** Requests whose connection closed before they were answered. */
  cutOff: number
  close(): Promise<void>
}

async function startGatedReceiver(
  answer: (n: number) => Answer | Promise<Answer>
): Promise<GatedReceiver> {
  let inFlight = 0
  const rx: GatedReceiver = {
    url: '',
    jtis: [],
    maxInFlight: 0,
    cutOff: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
  const server: Server = createServer((req, res) => {
    inFlight++
    rx.maxInFlight = Math.max(rx.maxInFlight, inFlight)
    res.on('close', () => {
      if (!res.writableEnded) rx.cutOff++
    })
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const n = rx.jtis.length
      rx.jtis.push(String(decodeJwt(Buffer.concat(chunks).toString('utf8')).jti))
      void Promise.resolve(answer(n)).then((a) => {
        inFlight--
        if (res.destroyed) return
        res.writeHead(a.status, a.headers ?? {})
        res.end(a.body ?? '')
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  rx.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`
  return rx
}

/** A promise the test resolves later. */
function gate(): { wait: Promise<void>; open(): void } {
  let open = () => {}
  const wait = new Promise<void>((resolve) => (open = resolve))
  return { wait, open }
}

let engine: TestEngine | undefined
let rx: GatedReceiver | undefined
afterEach(async () => {
  await engine?.stop()
  await rx?.close()
  engine = rx = undefined
})

async function setup(
  options: Record<string, unknown>,
  answer: (n: number) => Answer | Promise<Answer>
) {
  const r = (rx = await startGatedReceiver(answer))
  const e = (engine = await startTestEngine(options))
  const events: UiEvent[] = []
  e.core.ctx.bus.subscribe((ev) => events.push(ev))
  const stream = await createStream(e, { method: PUSH, endpoint_url: r.url })
  const statesOf = (jti: string): string[] =>
    events.flatMap((ev) => (ev.type === 'set.state' && ev.jti === jti ? [ev.state] : []))
  const outbound = e.core.ctx.services.delivery.outbound
  return { e, r, streamId: stream.stream_id, statesOf, outbound }
}

describe('push worker: what it records', () => {
  it('records each attempt whole: a 503 with a long body, then a 200 (delivered, with a warning)', async () => {
    const long = 'z'.repeat(3000)
    const { e, r, streamId, statesOf, outbound } = await setup(
      { pushBackoffBaseMs: 5, pushBackoffCapMs: 20 },
      (n) => (n === 0 ? { status: 503, body: long } : { status: 200 })
    )
    const before = Date.now()
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => outbound.get(made!.jti)?.state).toBe('delivered')
    const after = Date.now()
    const attempts = outbound.attempts(made!.jti)
    const common = { jti: made!.jti, stream_id: streamId, method: 'push', request_url: r.url }
    expect(attempts).toStrictEqual([
      {
        ...common,
        attempt: 1,
        started_at: expect.any(Number),
        duration_ms: expect.any(Number),
        response_status: 503,
        response_body: 'z'.repeat(2048),
        error: `HTTP 503 (${'z'.repeat(200)})`,
        outcome: 'retry'
      },
      {
        ...common,
        attempt: 2,
        started_at: expect.any(Number),
        duration_ms: expect.any(Number),
        response_status: 200,
        response_body: '',
        error: 'HTTP 200 instead of 202 Accepted',
        outcome: 'delivered'
      }
    ])
    for (const a of attempts) {
      expect(a.started_at).toBeGreaterThanOrEqual(before)
      expect(a.started_at).toBeLessThanOrEqual(after)
      expect(a.duration_ms).toBeGreaterThanOrEqual(0)
      expect(a.duration_ms).toBeLessThanOrEqual(after - before)
    }
    expect(attempts[1]!.started_at).toBeGreaterThanOrEqual(attempts[0]!.started_at)
    expect(r.jtis).toEqual([made!.jti, made!.jti])
    await expect.poll(() => statesOf(made!.jti)).toEqual(['queued', 'retrying', 'delivered'])
  })

  it('a 202 is recorded with no error; each later SET is published delivered once', async () => {
    const { e, statesOf, outbound } = await setup({}, () => ({ status: 202 }))
    const fired = [(await fireOk(e, 'a@b.example'))[0]!, (await fireOk(e, 'a@b.example'))[0]!]
    for (const s of fired) {
      await expect.poll(() => statesOf(s.jti)).toEqual(['queued', 'delivered'])
      expect(outbound.attempts(s.jti)).toMatchObject([
        { attempt: 1, response_status: 202, response_body: '', error: null, outcome: 'delivered' }
      ])
      expect(outbound.get(s.jti)?.state).toBe('delivered')
    }
  })

  it('pushMaxAttempts 1: the first retryable answer is final', async () => {
    const { e, r, statesOf, outbound } = await setup({ pushMaxAttempts: 1 }, () => ({
      status: 503
    }))
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => statesOf(made!.jti)).toEqual(['queued', 'failed'])
    expect(outbound.get(made!.jti)).toMatchObject({
      state: 'failed',
      last_error: 'gave up after 1 attempts: HTTP 503'
    })
    expect(outbound.attempts(made!.jti)).toMatchObject([
      { attempt: 1, response_status: 503, error: 'HTTP 503', outcome: 'failed' }
    ])
    expect(r.jtis).toEqual([made!.jti])
  })

  it('a refusal after a retry: the refusal text, not "gave up"', async () => {
    const { e, r, statesOf, outbound } = await setup(
      { pushBackoffBaseMs: 5, pushBackoffCapMs: 20, pushMaxAttempts: 2 },
      (n) => (n === 0 ? { status: 500 } : { status: 403, body: '{"err":"authentication_failed"}' })
    )
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => statesOf(made!.jti)).toEqual(['queued', 'retrying', 'failed'])
    expect(outbound.get(made!.jti)).toMatchObject({
      state: 'failed',
      last_error: 'HTTP 403 (authentication_failed)'
    })
    expect(outbound.attempts(made!.jti).map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'retry'],
      [2, 'rejected']
    ])
    expect(r.jtis).toEqual([made!.jti, made!.jti])
  })

  it('a refused connection is recorded with the error code', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const e = (engine = await startTestEngine({ pushMaxAttempts: 1 }))
    await createStream(e, { method: PUSH, endpoint_url: `http://127.0.0.1:${port}/x` })
    const [made] = await fireOk(e, 'a@b.example')
    const outbound = e.core.ctx.services.delivery.outbound
    await expect.poll(() => outbound.get(made!.jti)?.state).toBe('failed')
    expect(outbound.attempts(made!.jti)).toMatchObject([
      {
        attempt: 1,
        request_url: `http://127.0.0.1:${port}/x`,
        response_status: null,
        response_body: null,
        error: 'fetch failed (ECONNREFUSED)',
        outcome: 'failed'
      }
    ])
    expect(outbound.get(made!.jti)?.last_error).toBe(
      'gave up after 1 attempts: fetch failed (ECONNREFUSED)'
    )
  })
})

describe('push worker: when it retries', () => {
  /** Time between the end of attempt `i` and the start of attempt `i + 1`. */
  const gapAfter = (attempts: DeliveryAttempt[], i: number): number =>
    attempts[i + 1]!.started_at - (attempts[i]!.started_at + attempts[i]!.duration_ms)

  it('a Retry-After longer than the backoff cap waits the cap only', async () => {
    const cap = 300
    const { e, outbound } = await setup({ pushBackoffBaseMs: 5, pushBackoffCapMs: cap }, (n) =>
      n === 0 ? { status: 503, headers: { 'Retry-After': '3600' } } : { status: 202 }
    )
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => outbound.get(made!.jti)?.state).toBe('delivered')
    const attempts = outbound.attempts(made!.jti)
    expect(attempts.map((a) => a.outcome)).toEqual(['retry', 'delivered'])
    expect(gapAfter(attempts, 0)).toBeLessThan(cap + SLACK_MS)
  })

  it('a Retry-After shorter than the backoff does not shorten it', async () => {
    const base = 1000
    const { e, outbound } = await setup({ pushBackoffBaseMs: base, pushBackoffCapMs: base }, (n) =>
      n === 0 ? { status: 429, headers: { 'Retry-After': '0' } } : { status: 202 }
    )
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => outbound.get(made!.jti)?.state).toBe('delivered')
    const attempts = outbound.attempts(made!.jti)
    expect(attempts.map((a) => a.outcome)).toEqual(['retry', 'delivered'])
    // Equal jitter: at least half the delay (±2 ms of rounding).
    expect(gapAfter(attempts, 0)).toBeGreaterThanOrEqual(base / 2 - 2)
    const stored = outbound.attempts(made!.jti)[0]!
    expect(stored.error).toBe('HTTP 429')
  })
})

describe('push worker: order and read-ahead', () => {
  it('keeps one SET in flight per stream', async () => {
    const first = gate()
    const { e, r, outbound } = await setup({}, async (n) => {
      if (n === 0) await first.wait
      return { status: 202 }
    })
    const fired = [(await fireOk(e, 'a@b.example'))[0]!.jti]
    await expect.poll(() => r.jtis.length).toBe(1)
    for (let i = 0; i < 3; i++) fired.push((await fireOk(e, 'a@b.example'))[0]!.jti)
    // Every SET is stored and waits behind the first; a second push now would overlap it.
    for (const jti of fired.slice(1)) expect(outbound.get(jti)?.state).toBe('queued')
    first.open()
    await expect.poll(() => r.jtis).toEqual(fired)
    expect(r.maxInFlight).toBe(1)
    for (const jti of fired) await expect.poll(() => outbound.get(jti)?.state).toBe('delivered')
  })

  it('a backlog longer than the read-ahead is sent in order, each SET once, SETs fired meanwhile last', async () => {
    const held = gate()
    const midway = gate()
    const reachedMidway = gate()
    const { e, r, outbound } = await setup(
      { pushBackoffBaseMs: 5, pushBackoffCapMs: 20 },
      async (n) => {
        // The first push waits until the backlog is stored, then fails: the retry reads the
        // queue again, 64 SETs at a time.
        if (n === 0) {
          await held.wait
          return { status: 503 }
        }
        // Partway through the first read-ahead, more SETs are fired.
        if (n === 10) {
          reachedMidway.open()
          await midway.wait
        }
        return { status: 202 }
      }
    )
    const fired: string[] = []
    fired.push((await fireOk(e, 'a@b.example'))[0]!.jti)
    await expect.poll(() => r.jtis.length).toBe(1)
    for (let i = 0; i < 69; i++) fired.push((await fireOk(e, 'a@b.example'))[0]!.jti)
    held.open()
    await reachedMidway.wait
    for (let i = 0; i < 3; i++) fired.push((await fireOk(e, 'a@b.example'))[0]!.jti)
    midway.open()
    await expect.poll(() => r.jtis.length, { timeout: 30_000 }).toBe(fired.length + 1)
    // The first SET twice (503, then 202), every other once, in the order fired.
    expect(r.jtis).toEqual([fired[0], ...fired])
    expect(r.maxInFlight).toBe(1)
    await expect
      .poll(() => fired.filter((j) => outbound.get(j)?.state !== 'delivered'), { timeout: 30_000 })
      .toEqual([])
  })
})

describe('push worker: stopping', () => {
  it('stopping the engine cuts off the push in flight and records nothing for it; after a restart it is sent again', async () => {
    const dataDir = tempDataDir()
    const held = gate()
    const r = (rx = await startGatedReceiver(async (n) => {
      if (n === 0) await held.wait
      return { status: 202 }
    }))
    const first = await startTestEngine({}, dataDir)
    engine = first
    await createStream(first, { method: PUSH, endpoint_url: r.url })
    const [made] = await fireOk(first, 'a@b.example')
    await expect.poll(() => r.jtis.length).toBe(1)
    const port = Number(new URL(first.url).port)
    await first.stop(false)
    engine = undefined
    await expect.poll(() => r.cutOff).toBe(1)
    held.open()
    const e = (engine = await startTestEngine({ port }, dataDir))
    const outbound = e.core.ctx.services.delivery.outbound
    await expect.poll(() => outbound.get(made!.jti)?.state).toBe('delivered')
    expect(outbound.attempts(made!.jti)).toMatchObject([
      { attempt: 1, response_status: 202, error: null, outcome: 'delivered' }
    ])
    expect(r.jtis).toEqual([made!.jti, made!.jti])
  })
})

describe('push worker: the scheduling faults', () => {
  it('drop records a dropped attempt (nothing sent) and publishes dropped', async () => {
    const { e, r, streamId, statesOf, outbound } = await setup({}, () => ({ status: 202 }))
    expect((await e.call('PUT', `/api/streams/${streamId}/faults`, { drop: true })).status).toBe(
      200
    )
    const before = Date.now()
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => statesOf(made!.jti)).toEqual(['queued', 'dropped'])
    const why = 'dropped by the drop fault: nothing was sent'
    const attempts = outbound.attempts(made!.jti)
    expect(attempts).toStrictEqual([
      {
        jti: made!.jti,
        stream_id: streamId,
        method: 'push',
        attempt: 1,
        started_at: expect.any(Number),
        duration_ms: 0,
        request_url: null,
        response_status: null,
        response_body: null,
        error: why,
        outcome: 'dropped'
      }
    ])
    expect(attempts[0]!.started_at).toBeGreaterThanOrEqual(before)
    expect(outbound.get(made!.jti)).toMatchObject({ state: 'dropped', last_error: why })
    // Clearing the fault: the next SET is sent, the dropped one never.
    expect((await e.call('DELETE', `/api/streams/${streamId}/faults`)).status).toBe(204)
    const [next] = await fireOk(e, 'a@b.example')
    await expect.poll(() => r.jtis).toEqual([next!.jti])
  })

  it('reorder swaps each pair: r2, r1, r4, r3; a lone SET is held back and says so', async () => {
    const { e, r, streamId, outbound } = await setup({}, () => ({ status: 202 }))
    const put = await e.call('PUT', `/api/streams/${streamId}/faults`, { reorder: true })
    expect(put.status).toBe(200)
    const fired: string[] = []
    fired.push((await fireOk(e, 'a@b.example'))[0]!.jti)
    await expect
      .poll(() => outbound.get(fired[0]!)?.last_error)
      .toBe('held back by the reorder fault: waits for the next SET')
    expect(r.jtis).toEqual([])
    for (let i = 0; i < 3; i++) fired.push((await fireOk(e, 'a@b.example'))[0]!.jti)
    const [r1, r2, r3, r4] = fired
    await expect.poll(() => r.jtis).toEqual([r2, r1, r4, r3])
    for (const jti of fired) await expect.poll(() => outbound.get(jti)?.state).toBe('delivered')
  })

  it('delay_ms delays each attempt, a retry too', async () => {
    const delay = 400
    const { e, streamId, outbound } = await setup(
      { pushBackoffBaseMs: 5, pushBackoffCapMs: 20 },
      (n) => (n === 0 ? { status: 503 } : { status: 202 })
    )
    const put = await e.call('PUT', `/api/streams/${streamId}/faults`, { delay_ms: delay })
    expect(put.status).toBe(200)
    const [made] = await fireOk(e, 'a@b.example')
    await expect.poll(() => outbound.get(made!.jti)?.state).toBe('delivered')
    const [a1, a2] = outbound.attempts(made!.jti)
    expect([a1!.outcome, a2!.outcome]).toEqual(['retry', 'delivered'])
    expect(a2!.started_at - (a1!.started_at + a1!.duration_ms)).toBeGreaterThanOrEqual(delay - 2)
  })

  it(
    'reorder: a lone SET is sent once REORDER_HOLD_MS has passed without a partner',
    { timeout: 60_000 },
    async () => {
      const { e, r, streamId, outbound } = await setup({}, () => ({ status: 202 }))
      const put = await e.call('PUT', `/api/streams/${streamId}/faults`, { reorder: true })
      expect(put.status).toBe(200)
      const [made] = await fireOk(e, 'a@b.example')
      await expect
        .poll(() => outbound.get(made!.jti)?.state, { timeout: REORDER_HOLD_MS + 20_000 })
        .toBe('delivered')
      expect(r.jtis).toEqual([made!.jti])
      const [a] = outbound.attempts(made!.jti)
      expect(a!.started_at - outbound.get(made!.jti)!.created_at).toBeGreaterThanOrEqual(
        REORDER_HOLD_MS - 2
      )
    }
  )

  it('delay_ms holds each SET that long once, then sends it', async () => {
    const delay = 400
    const { e, r, streamId, outbound } = await setup({}, () => ({ status: 202 }))
    const put = await e.call('PUT', `/api/streams/${streamId}/faults`, { delay_ms: delay })
    expect(put.status).toBe(200)
    const fired = [(await fireOk(e, 'a@b.example'))[0]!, (await fireOk(e, 'a@b.example'))[0]!]
    await expect.poll(() => r.jtis).toEqual(fired.map((s) => s.jti))
    for (const s of fired) {
      await expect.poll(() => outbound.get(s.jti)?.state).toBe('delivered')
      const set = outbound.get(s.jti)!
      const [a] = outbound.attempts(s.jti)
      expect(outbound.attempts(s.jti)).toHaveLength(1)
      expect(a!.started_at - set.created_at).toBeGreaterThanOrEqual(delay - 2)
    }
  })
})
