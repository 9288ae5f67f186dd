/**
 * Profile of the fire→push path: 2000 fires by 8 callers to one push stream, until the last
 * arrives. Run: `PROFILE_OUT=/tmp/push.cpuprofile node --import tsx bench/profile-push.ts` (or
 * `node --cpu-prof --cpu-prof-dir=/tmp/prof …` for the whole process) and open the .cpuprofile in
 * Chrome DevTools (see docs/performance.md).
 */
import {
  agent,
  profiled,
  pushStreamTo,
  send,
  sessionRevokedFire,
  startBenchEngine
} from './profile-kit'

const N = 2000
let got = 0
let done: () => void = () => {}
const { core, headers } = await startBenchEngine('e12p-')
const { rx, streamId } = await pushStreamTo(core, headers, () => {
  if (++got >= N) done()
})
const h = { ...headers, 'Content-Type': 'application/json' }
const body = sessionRevokedFire(streamId)
const all = new Promise<void>((r) => (done = r))
const t0 = performance.now()
let next = 0
await profiled(async () => {
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next++ < N) await send('POST', `${core.url}/api/events`, h, body)
    })
  )
  await all
})
process.stdout.write(`${(N / ((performance.now() - t0) / 1000)).toFixed(0)} SETs/s\n`)
await core.close()
rx.close()
agent.destroy()
