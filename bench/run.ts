/**
 * Delivery benchmark: fire→delivered throughput and latency over push, and poll drain rate,
 * each beside a baseline that is the practical limit of this stack on this machine:
 *  - push baseline: a bare loop that signs the same claims with the same key (jose) and POSTs
 *    them to the same receiver with a keep-alive agent, one at a time (as our worker does per
 *    stream);
 *  - poll baseline: a bare node:http server handing out the same pre-signed SETs from memory in
 *    the same batch size, acked the same way.
 * Counts are bounded so a run finishes well under a minute. Run: `npm run bench`.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent, request } from 'node:http'
import { decodeJwt } from 'jose'
import { silentLogger } from '../src/main/core/logger'
import { startCore, type RunningCore } from '../src/main/core/start'
import { signSet } from '../src/main/transmitter/signer'
import { buildSetClaims } from '../src/shared/ssf'

const PUSH_N = Number(process.env.BENCH_PUSH_N ?? 3000)
const LATENCY_N = Number(process.env.BENCH_LATENCY_N ?? 300)
const POLL_N = Number(process.env.BENCH_POLL_N ?? 5000)
const POLL_BATCH = 100
const FIRE_CONCURRENCY = 8
const SR = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const SUBJECT = { format: 'email', email: 'bench@corp.example' }
const CLAIMS = { event_timestamp: 1767231995, initiating_entity: 'policy' }

const agent = new Agent({ keepAlive: true, maxSockets: 32 })

/** POST with the keep-alive agent; resolves with status and body. */
function post(
  url: string,
  body: string,
  headers: Record<string, string>
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() })
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

interface Receiver {
  url: string
  server: Server
  /** jti → arrival time (performance.now()). */
  arrivals: Map<string, number>
  onArrival?: (jti: string, at: number) => void
}

async function startReceiver(): Promise<Receiver> {
  const rx: Receiver = { url: '', server: createServer(), arrivals: new Map() }
  rx.server.keepAliveTimeout = 60_000
  rx.server.on('request', (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const at = performance.now()
      const jti = decodeJwt(Buffer.concat(chunks).toString()).jti ?? ''
      rx.arrivals.set(jti, at)
      rx.onArrival?.(jti, at)
      res.writeHead(202)
      res.end()
    })
  })
  await new Promise<void>((resolve) => rx.server.listen(0, '127.0.0.1', resolve))
  rx.url = `http://127.0.0.1:${(rx.server.address() as AddressInfo).port}/events`
  return rx
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function fireOne(core: RunningCore, streamId: string): Promise<string> {
  const res = await post(
    `${core.url}/api/events`,
    JSON.stringify({ type: SR, subject: SUBJECT, claims: CLAIMS, stream_ids: [streamId] }),
    { Authorization: `Bearer ${core.token}`, 'Content-Type': 'application/json' }
  )
  if (res.status !== 201) throw new Error(`fire failed: ${res.status} ${res.body}`)
  const parsed = JSON.parse(res.body) as { sets: { jti: string }[] }
  const jti = parsed.sets[0]?.jti
  if (jti === undefined) throw new Error('no SET made')
  return jti
}

function waitFor(rx: Receiver, count: number): Promise<void> {
  return new Promise((resolve) => {
    if (rx.arrivals.size >= count) return resolve()
    rx.onArrival = () => {
      if (rx.arrivals.size >= count) {
        rx.onArrival = undefined
        resolve()
      }
    }
  })
}

async function createStream(core: RunningCore, delivery: Record<string, unknown>) {
  const res = await post(`${core.url}/ssf/streams`, JSON.stringify({ delivery }), {
    Authorization: `Bearer ${core.token}`,
    'Content-Type': 'application/json'
  })
  return JSON.parse(res.body) as {
    stream_id: string
    aud: string
    delivery: { endpoint_url: string }
  }
}

async function benchPush(core: RunningCore) {
  const rx = await startReceiver()
  const stream = await createStream(core, { method: 'urn:ietf:rfc:8935', endpoint_url: rx.url })

  // Warm-up (JIT, connections).
  for (let i = 0; i < 50; i++) await fireOne(core, stream.stream_id)
  await waitFor(rx, 50)
  rx.arrivals.clear()

  // Latency: one event at a time, fire request start → arrival at the receiver.
  const latencies: number[] = []
  for (let i = 0; i < LATENCY_N; i++) {
    const start = performance.now()
    const arrived = new Promise<number>((resolve) => (rx.onArrival = (_j, at) => resolve(at)))
    await fireOne(core, stream.stream_id)
    latencies.push((await arrived) - start)
  }
  rx.onArrival = undefined
  rx.arrivals.clear()
  latencies.sort((a, b) => a - b)

  // Throughput: PUSH_N events fired by FIRE_CONCURRENCY callers, until the last arrives.
  const simRound = async (n: number): Promise<number> => {
    rx.arrivals.clear()
    const t0 = performance.now()
    let next = 0
    const done = waitFor(rx, n)
    await Promise.all(
      Array.from({ length: FIRE_CONCURRENCY }, async () => {
        while (next < n) {
          next++
          await fireOne(core, stream.stream_id)
        }
      })
    )
    await done
    return n / ((performance.now() - t0) / 1000)
  }

  // Baseline: sign the same claims with the same key and POST them, one at a time.
  const baseRound = async (n: number): Promise<number> => {
    const b0 = performance.now()
    for (let i = 0; i < n; i++) {
      const claims = buildSetClaims({
        iss: core.issuer,
        aud: stream.aud,
        jti: `base-${i}`,
        iat: Date.now() / 1000,
        txn: `t-${i}`,
        sub_id: SUBJECT,
        eventType: SR,
        payload: CLAIMS
      })
      const token = await signSet(core.ctx.keys, claims)
      const res = await post(rx.url, token, {
        'Content-Type': 'application/secevent+jwt',
        Accept: 'application/json'
      })
      if (res.status !== 202) throw new Error(`baseline push got ${res.status}`)
    }
    return n / ((performance.now() - b0) / 1000)
  }

  // Alternate rounds and keep each side's best, so a burst of load from other processes on a
  // shared machine does not land on one side only.
  const rounds = 3
  let simRate = 0
  let baseRate = 0
  for (let i = 0; i < rounds; i++) {
    simRate = Math.max(simRate, await simRound(Math.ceil(PUSH_N / rounds)))
    baseRate = Math.max(baseRate, await baseRound(Math.ceil(PUSH_N / rounds)))
  }
  await new Promise<void>((resolve) => rx.server.close(() => resolve()))
  rx.server.closeAllConnections()
  return {
    simRate,
    baseRate,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99)
  }
}

async function benchPoll(core: RunningCore) {
  const stream = await createStream(core, { method: 'urn:ietf:rfc:8936' })
  const tokens: string[] = []
  // Fill the queue through the engine's emitter (the fire path is measured above).
  const chunk = 250
  for (let i = 0; i < POLL_N; i += chunk) {
    const batch = Array.from({ length: Math.min(chunk, POLL_N - i) }, () =>
      core.ctx.services.delivery.emitter.fire({
        type: SR,
        subject: SUBJECT,
        claims: CLAIMS,
        stream_ids: [stream.stream_id]
      })
    )
    await Promise.all(batch)
  }
  const headers = { Authorization: `Bearer ${core.token}`, 'Content-Type': 'application/json' }
  const drain = async (url: string) => {
    let ack: string[] = []
    let got = 0
    const t0 = performance.now()
    for (;;) {
      const res = await post(
        url,
        JSON.stringify({ ack, maxEvents: POLL_BATCH, returnImmediately: true }),
        headers
      )
      const body = JSON.parse(res.body) as { sets: Record<string, string>; moreAvailable?: boolean }
      ack = Object.keys(body.sets)
      got += ack.length
      for (const t of Object.values(body.sets)) if (tokens.length < POLL_N) tokens.push(t)
      if (ack.length === 0) break
    }
    return { got, seconds: (performance.now() - t0) / 1000 }
  }
  const sim = await drain(stream.delivery.endpoint_url)
  if (sim.got !== POLL_N) throw new Error(`poll drained ${sim.got} of ${POLL_N}`)

  // Baseline: a bare server handing out the same SETs from memory, same batches, same acks.
  const queue = new Map(tokens.map((t, i) => [`j${i}`, t]))
  const bare = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        ack: string[]
        maxEvents: number
      }
      for (const j of body.ack) queue.delete(j)
      const sets: Record<string, string> = {}
      let n = 0
      for (const [j, t] of queue) {
        if (n++ >= body.maxEvents) break
        sets[j] = t
      }
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ sets, moreAvailable: queue.size > n }))
    })
  })
  bare.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
  const base = await drain(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/poll`)
  bare.close()
  bare.closeAllConnections()
  return { simRate: sim.got / sim.seconds, baseRate: base.got / base.seconds }
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssf-sim-bench-'))
  const core = await startCore(
    { dataDir, port: 0, token: 'bench-token-123', quiet: true },
    { logger: silentLogger }
  )
  try {
    const push = await benchPush(core)
    const poll = await benchPoll(core)
    const f = (n: number) => n.toFixed(0).padStart(7)
    const r = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`
    process.stdout.write(
      [
        `SSF Simulator delivery benchmark (push ${PUSH_N}, latency ${LATENCY_N}, poll ${POLL_N}; node ${process.version})`,
        '',
        `                         simulator   baseline   ratio`,
        `push fire→delivered/s    ${f(push.simRate)}    ${f(push.baseRate)}    ${r(push.simRate, push.baseRate)}   (target ≥ 50 %)`,
        `poll drain SETs/s        ${f(poll.simRate)}    ${f(poll.baseRate)}    ${r(poll.simRate, poll.baseRate)}`,
        `fire→delivered latency   p50 ${push.p50.toFixed(2)} ms   p99 ${push.p99.toFixed(2)} ms   (target p50 < 10 ms)`,
        ''
      ].join('\n')
    )
  } finally {
    await core.close()
    agent.destroy()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`
  )
  process.exit(1)
})
