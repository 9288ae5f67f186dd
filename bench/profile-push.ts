/**
 * Profile of the fire→push path: 2000 fires by 8 callers to one push stream, until the last
 * arrives. Run: `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-push.ts`
 * and open the .cpuprofile in Chrome DevTools (see docs/performance.md).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent, request } from 'node:http'
import { silentLogger } from '../src/main/core/logger'
import { startCore } from '../src/main/core/start'
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
const N = 2000
let got = 0
let done: () => void = () => {}
const rx = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(202)
    res.end()
    if (++got >= N) done()
  })
})
await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r))
const core = await startCore(
  { dataDir: mkdtempSync(join(tmpdir(), 'e12p-')), port: 0, token: 'bench-token-123', quiet: true },
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
  claims: { event_timestamp: 1767231995 },
  stream_ids: [st.stream_id]
})
const all = new Promise<void>((r) => (done = r))
const t0 = performance.now()
let next = 0
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next++ < N) await post(`${core.url}/api/events`, body, h)
  })
)
await all
process.stdout.write(`${(N / ((performance.now() - t0) / 1000)).toFixed(0)} SETs/s\n`)
await core.close()
rx.close()
agent.destroy()
