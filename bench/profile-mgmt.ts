/**
 * Profile of management GETs (`GET /ssf/streams?stream_id=…`, 8 callers), the path `npm run bench`
 * compares with a bare node:http handler. Prints requests/s.
 * Run: `PROFILE_OUT=/tmp/mgmt.cpuprofile node --import tsx bench/profile-mgmt.ts` (the profile
 * covers the measured requests only).
 */
import { agent, profiled, send, startBenchEngine } from './profile-kit'

const N = Number(process.env.PROFILE_N ?? 10_000)
const { core, headers: h } = await startBenchEngine('e12m-')
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
const rate = await profiled(() => run(N))
process.stdout.write(`${rate.toFixed(0)} requests/s\n`)
await core.close()
agent.destroy()
