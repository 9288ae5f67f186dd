/**
 * Profile of one fire at a time (the sequential fire→delivered path): N fires to one push stream,
 * each waiting for its arrival at the receiver before the next. Prints the p50.
 * Run: `PROFILE_OUT=/tmp/latency.cpuprofile node --import tsx bench/profile-latency.ts` (the
 * profile covers the measured fires only, not start-up and warm-up).
 */
import {
  agent,
  profiled,
  pushStreamTo,
  send,
  sessionRevokedFire,
  startBenchEngine
} from './profile-kit'

const N = Number(process.env.PROFILE_N ?? 2000)
let arrived: (at: number) => void = () => {}
const { core, headers } = await startBenchEngine('e12l-')
const { rx, streamId } = await pushStreamTo(core, headers, () => arrived(performance.now()))
const h = { ...headers, 'Content-Type': 'application/json' }
const body = sessionRevokedFire(streamId)
const fire = async (): Promise<number> => {
  const t0 = performance.now()
  const at = new Promise<number>((r) => (arrived = r))
  await send('POST', `${core.url}/api/events`, h, body)
  return (await at) - t0
}

for (let i = 0; i < 200; i++) await fire()
const latencies = await profiled(async () => {
  const all: number[] = []
  for (let i = 0; i < N; i++) all.push(await fire())
  return all
})
latencies.sort((a, b) => a - b)
process.stdout.write(
  `p50 ${latencies[Math.floor(N / 2)]?.toFixed(2)} ms, p99 ${latencies[Math.floor(N * 0.99)]?.toFixed(2)} ms\n`
)
await core.close()
rx.close()
agent.destroy()
