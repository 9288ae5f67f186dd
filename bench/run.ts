/**
 * Engine benchmark. Each figure stands beside a baseline that is the practical limit of this
 * stack on this machine, measured in the same run:
 *  - push throughput and sequential fire→delivered p50: a bare loop that signs the same claims
 *    with the same key (jose) and POSTs them to the same receiver with a keep-alive agent, one
 *    at a time (as our worker does per stream);
 *  - poll drain: a bare node:http server handing out the same pre-signed SETs from memory in
 *    the same batch size, acked the same way;
 *  - management GETs: a bare node:http handler that checks the bearer token and answers the same
 *    stream configuration as JSON;
 *  - start to `listening` (the built headless CLI, a used data folder) against 0.5 s, and the
 *    RSS of that process after 10,000 fired SETs with traffic recording on against 150 MB.
 * Counts are bounded so a run finishes in about a minute. Run: `npm run bench`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
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
const MGMT_N = Number(process.env.BENCH_MGMT_N ?? 3000)
const RSS_N = Number(process.env.BENCH_RSS_N ?? 10_000)
/**
 * Sections to run, comma-separated (`push,latency,poll,mgmt,start,rss`; `latency` and `push` share
 * one setup, `start` and `rss` one child process). All by default.
 */
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? 'push,latency,poll,mgmt,start,rss').split(',').map((s) => s.trim())
)
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

/** Where a running engine is and its token (in-process or a child process). */
interface Target {
  url: string
  token: string
}

async function fireOne(core: Target, streamId: string): Promise<string> {
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

async function createStream(core: Target, delivery: Record<string, unknown>) {
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
  const latencyN = ONLY.has('latency') ? LATENCY_N : 0
  const latencies: number[] = []
  for (let i = 0; i < latencyN; i++) {
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

  // Baseline latency: one bare sign-and-POST at a time, start → arrival at the receiver.
  const baseLatencies: number[] = []
  for (let i = 0; i < latencyN; i++) {
    const start = performance.now()
    const arrived = new Promise<number>((resolve) => (rx.onArrival = (_j, at) => resolve(at)))
    const claims = buildSetClaims({
      iss: core.issuer,
      aud: stream.aud,
      jti: `lat-${i}`,
      iat: Date.now() / 1000,
      txn: `t-${i}`,
      sub_id: SUBJECT,
      eventType: SR,
      payload: CLAIMS
    })
    await post(rx.url, await signSet(core.ctx.keys, claims), {
      'Content-Type': 'application/secevent+jwt',
      Accept: 'application/json'
    })
    baseLatencies.push((await arrived) - start)
  }
  rx.onArrival = undefined
  baseLatencies.sort((a, b) => a - b)

  // Alternate rounds and keep each side's best, so a burst of load from other processes on a
  // shared machine does not land on one side only.
  const rounds = ONLY.has('push') ? 3 : 0
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
    p99: pct(latencies, 99),
    baseP50: pct(baseLatencies, 50)
  }
}

async function benchPoll(core: RunningCore) {
  const tokens: string[] = []
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

  /** A new poll stream, its queue filled through the engine's emitter, drained. */
  const simRound = async (): Promise<number> => {
    const stream = await createStream(core, { method: 'urn:ietf:rfc:8936' })
    // The fire path is measured above: only the drain is timed.
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
    const sim = await drain(stream.delivery.endpoint_url)
    if (sim.got !== POLL_N) throw new Error(`poll drained ${sim.got} of ${POLL_N}`)
    return sim.got / sim.seconds
  }

  // Baseline: a bare server handing out the same SETs from memory, same batches, same acks.
  const queue = new Map<string, string>()
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
  const baseRound = async (): Promise<number> => {
    tokens.forEach((t, i) => queue.set(`j${i}`, t))
    const base = await drain(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/poll`)
    return base.got / base.seconds
  }

  // Alternate rounds and keep each side's best, as for push: a burst of load from other
  // processes on a shared machine then does not land on one side only.
  let simRate = 0
  let baseRate = 0
  for (let i = 0; i < 3; i++) {
    simRate = Math.max(simRate, await simRound())
    baseRate = Math.max(baseRate, await baseRound())
  }
  bare.close()
  bare.closeAllConnections()
  return { simRate, baseRate }
}

/** GET with the keep-alive agent; resolves with the status. */
function get(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', agent, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Requests per second of `n` GETs by FIRE_CONCURRENCY callers. */
async function getRate(url: string, headers: Record<string, string>, n: number): Promise<number> {
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: FIRE_CONCURRENCY }, async () => {
      while (next < n) {
        next++
        const status = await get(url, headers)
        if (status !== 200) throw new Error(`GET ${url} answered ${status}`)
      }
    })
  )
  return n / ((performance.now() - t0) / 1000)
}

async function benchManagement(core: RunningCore) {
  const stream = await createStream(core, { method: 'urn:ietf:rfc:8936' })
  const headers = { Authorization: `Bearer ${core.token}` }
  const path = `/ssf/streams?stream_id=${encodeURIComponent(stream.stream_id)}`
  const config: unknown = JSON.parse(
    await new Promise<string>((resolve, reject) => {
      const req = request(`${core.url}${path}`, { agent, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve(Buffer.concat(chunks).toString()))
      })
      req.on('error', reject)
      req.end()
    })
  )
  // Baseline: the same answer from a bare handler that checks the token.
  const bare = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${core.token}`) {
      res.writeHead(401)
      return res.end()
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
    res.end(JSON.stringify(config))
  })
  bare.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}${path}`
  await getRate(`${core.url}${path}`, headers, 200)
  await getRate(bareUrl, headers, 200)
  let simRate = 0
  let baseRate = 0
  for (let i = 0; i < 3; i++) {
    simRate = Math.max(simRate, await getRate(`${core.url}${path}`, headers, MGMT_N / 3))
    baseRate = Math.max(baseRate, await getRate(bareUrl, headers, MGMT_N / 3))
  }
  bare.close()
  bare.closeAllConnections()
  return { simRate, baseRate }
}

const HEADLESS = join(import.meta.dirname, '..', 'out', 'main', 'headless.js')

/** Start the built headless CLI; resolves once it prints `listening on`, with the time it took. */
function startHeadless(dataDir: string): Promise<{ child: ChildProcess; url: string; ms: number }> {
  const t0 = performance.now()
  const child = spawn(
    process.execPath,
    [HEADLESS, 'serve', '--port', '0', '--data-dir', dataDir, '--token', 'bench-token-123', '-q'],
    { stdio: ['ignore', 'pipe', 'ignore'] }
  )
  return new Promise((resolve, reject) => {
    let out = ''
    child.once('exit', (code) => reject(new Error(`headless exited with ${code}`)))
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m?.[1]) {
        child.removeAllListeners('exit')
        resolve({ child, url: m[1], ms: performance.now() - t0 })
      }
    })
  })
}

function stopHeadless(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/** Resident set size of a process in MB (Linux /proc), or NaN elsewhere. */
function rssMb(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m?.[1] ? Number(m[1]) / 1024 : NaN
  } catch {
    return NaN
  }
}

async function benchProcess() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssf-sim-bench-proc-'))
  try {
    // The first start creates the data folder and the keys; later starts are the usual case.
    const first = await startHeadless(dataDir)
    await stopHeadless(first.child)
    const starts: number[] = []
    for (let i = 0; i < (ONLY.has('start') ? 3 : 0); i++) {
      const s = await startHeadless(dataDir)
      starts.push(s.ms)
      await stopHeadless(s.child)
    }
    starts.sort((a, b) => a - b)

    if (!ONLY.has('rss'))
      return { firstStart: first.ms, start: pct(starts, 50), idle: NaN, after: NaN }
    const running = await startHeadless(dataDir)
    const target = { url: running.url, token: 'bench-token-123' }
    const idle = rssMb(running.child.pid)
    const rx = await startReceiver()
    const stream = await createStream(target, {
      method: 'urn:ietf:rfc:8935',
      endpoint_url: rx.url
    })
    let next = 0
    const done = waitFor(rx, RSS_N)
    await Promise.all(
      Array.from({ length: FIRE_CONCURRENCY }, async () => {
        while (next < RSS_N) {
          next++
          await fireOne(target, stream.stream_id)
        }
      })
    )
    await done
    const after = rssMb(running.child.pid)
    await stopHeadless(running.child)
    rx.server.close()
    rx.server.closeAllConnections()
    return { firstStart: first.ms, start: pct(starts, 50), idle, after }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssf-sim-bench-'))
  const core = await startCore(
    { dataDir, port: 0, token: 'bench-token-123', quiet: true },
    { logger: silentLogger }
  )
  try {
    const none = { simRate: NaN, baseRate: NaN }
    const push =
      ONLY.has('push') || ONLY.has('latency')
        ? await benchPush(core)
        : { ...none, p50: NaN, p99: NaN, baseP50: NaN }
    const poll = ONLY.has('poll') ? await benchPoll(core) : none
    const mgmt = ONLY.has('mgmt') ? await benchManagement(core) : none
    await core.close()
    const proc =
      ONLY.has('start') || ONLY.has('rss')
        ? await benchProcess()
        : { firstStart: NaN, start: NaN, idle: NaN, after: NaN }
    const f = (n: number, d = 0) => n.toFixed(d).padStart(9)
    const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`.padStart(7)
    process.stdout.write(
      [
        `SSF Simulator engine benchmark (push ${PUSH_N}, latency ${LATENCY_N}, poll ${POLL_N}, management GETs ${MGMT_N}, RSS after ${RSS_N}; node ${process.version})`,
        '',
        `what                               simulator   baseline   ratio   target`,
        `push fire→delivered, SETs/s        ${f(push.simRate)}  ${f(push.baseRate)}  ${x(push.simRate, push.baseRate)}   ≥ 0.70×`,
        `sequential p50 fire→delivered, ms  ${f(push.p50, 2)}  ${f(push.baseP50, 2)}  ${x(push.p50, push.baseP50)}   ≤ 1.50×   (p99 ${push.p99.toFixed(2)} ms)`,
        `poll drain, SETs/s                 ${f(poll.simRate)}  ${f(poll.baseRate)}  ${x(poll.simRate, poll.baseRate)}   ≥ 0.60×`,
        `management GETs, requests/s        ${f(mgmt.simRate)}  ${f(mgmt.baseRate)}  ${x(mgmt.simRate, mgmt.baseRate)}   ≥ 0.50×`,
        `start to listening, ms             ${f(proc.start)}  ${f(500)}  ${x(proc.start, 500)}   < 1.00×   (first start, new data folder: ${proc.firstStart.toFixed(0)} ms)`,
        `RSS after ${RSS_N} fired SETs, MB      ${f(proc.after)}  ${f(150)}  ${x(proc.after, 150)}   < 1.00×   (idle ${proc.idle.toFixed(0)} MB)`,
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
