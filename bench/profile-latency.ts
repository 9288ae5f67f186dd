/**
 * Profile of one fire at a time (the sequential fire→delivered path): N fires to one push stream,
 * each waiting for its arrival at the receiver before the next. Prints the p50.
 * Run: `PROFILE_OUT=/tmp/latency.cpuprofile node --import tsx bench/profile-latency.ts` (the
 * profile covers the measured fires only, not start-up and warm-up).
 */
import { Agent, createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../src/main/core/logger'
import { startCore } from '../src/main/core/start'

const N = Number(process.env.PROFILE_N ?? 2000)
const agent = new Agent({ keepAlive: true, maxSockets: 32 })
function post(url: string, body: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      const c: Buffer[] = []
      res.on('data', (b: Buffer) => c.push(b))
      res.on('end', () => resolve(Buffer.concat(c).toString()))
    })
    req.on('error', reject)
    req.end(body)
  })
}
let arrived: (at: number) => void = () => {}
const rx = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    arrived(performance.now())
    res.writeHead(202)
    res.end()
  })
})
rx.keepAliveTimeout = 60_000
await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r))
const core = await startCore(
  { dataDir: mkdtempSync(join(tmpdir(), 'e12l-')), port: 0, token: 'bench-token-123', quiet: true },
  { logger: silentLogger }
)
const h = { Authorization: `Bearer ${core.token}`, 'Content-Type': 'application/json' }
const st = JSON.parse(
  await post(
    `${core.url}/ssf/streams`,
    JSON.stringify({
      delivery: {
        method: 'urn:ietf:rfc:8935',
        endpoint_url: `http://127.0.0.1:${(rx.address() as AddressInfo).port}/e`
      }
    }),
    h
  )
) as { stream_id: string }
const body = JSON.stringify({
  type: 'https://schemas.openid.net/secevent/caep/event-type/session-revoked',
  subject: { format: 'email', email: 'a@b.c' },
  claims: { event_timestamp: 1767231995, initiating_entity: 'policy' },
  stream_ids: [st.stream_id]
})
const fire = async () => {
  const t0 = performance.now()
  const at = new Promise<number>((r) => (arrived = r))
  await post(`${core.url}/api/events`, body, h)
  return (await at) - t0
}

for (let i = 0; i < 200; i++) await fire()
const session = new Session()
const out = process.env.PROFILE_OUT
if (out) {
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
}
const latencies: number[] = []
for (let i = 0; i < N; i++) latencies.push(await fire())
if (out) {
  const { profile } = await session.post('Profiler.stop')
  writeFileSync(out, JSON.stringify(profile))
}
latencies.sort((a, b) => a - b)
process.stdout.write(
  `p50 ${latencies[Math.floor(N / 2)]?.toFixed(2)} ms, p99 ${latencies[Math.floor(N * 0.99)]?.toFixed(2)} ms\n`
)
await core.close()
rx.close()
agent.destroy()
