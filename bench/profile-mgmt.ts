/**
 * Profile of management GETs (`GET /ssf/streams?stream_id=…`, 8 callers), the path `npm run bench`
 * compares with a bare node:http handler. Prints requests/s.
 * Run: `PROFILE_OUT=/tmp/mgmt.cpuprofile node --import tsx bench/profile-mgmt.ts` (the profile
 * covers the measured requests only).
 */
import { Agent, request } from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../src/main/core/logger'
import { startCore } from '../src/main/core/start'

const N = Number(process.env.PROFILE_N ?? 10_000)
const agent = new Agent({ keepAlive: true, maxSockets: 32 })
function send(method: string, url: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method, agent, headers }, (res) => {
      const c: Buffer[] = []
      res.on('data', (b: Buffer) => c.push(b))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(c).toString() })
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}
const core = await startCore(
  { dataDir: mkdtempSync(join(tmpdir(), 'e12m-')), port: 0, token: 'bench-token-123', quiet: true },
  { logger: silentLogger }
)
const h = { Authorization: `Bearer ${core.token}` }
const created = await send(
  'POST',
  `${core.url}/ssf/streams`,
  { ...h, 'Content-Type': 'application/json' },
  JSON.stringify({ delivery: { method: 'urn:ietf:rfc:8936' } })
)
const { stream_id } = JSON.parse(created.body) as { stream_id: string }
const url = `${core.url}/ssf/streams?stream_id=${encodeURIComponent(stream_id)}`
const run = async (n: number) => {
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next++ < n) {
        const res = await send('GET', url, h)
        if (res.status !== 200) throw new Error(`GET answered ${res.status}`)
      }
    })
  )
  return n / ((performance.now() - t0) / 1000)
}
await run(1000)
const session = new Session()
const out = process.env.PROFILE_OUT
if (out) {
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
}
const rate = await run(N)
if (out) {
  const { profile } = await session.post('Profiler.stop')
  writeFileSync(out, JSON.stringify(profile))
}
process.stdout.write(`${rate.toFixed(0)} requests/s\n`)
await core.close()
agent.destroy()
