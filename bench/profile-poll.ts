/**
 * Profile of a poll drain: N SETs fired to one poll stream through the emitter, then drained by
 * polls of 100 that acknowledge the previous batch. Prints the drain rate.
 * Run: `PROFILE_OUT=/tmp/poll.cpuprofile node --import tsx bench/profile-poll.ts` (the profile
 * covers the drains only, not start-up and filling the queue).
 */
import { agent, profiled, send, startBenchEngine } from './profile-kit'

const N = Number(process.env.PROFILE_N ?? 5000)
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 3)
const { core, headers } = await startBenchEngine('e12p-')
const h = { ...headers, 'Content-Type': 'application/json' }

/** A new poll stream with N queued SETs. */
async function filledStream(): Promise<string> {
  const created = await send(
    'POST',
    `${core.url}/ssf/streams`,
    h,
    JSON.stringify({ delivery: { method: 'urn:ietf:rfc:8936' } })
  )
  const { stream_id: id, delivery } = JSON.parse(created.body) as {
    stream_id: string
    delivery: { endpoint_url: string }
  }
  for (let i = 0; i < N; i += 250)
    await Promise.all(
      Array.from({ length: Math.min(250, N - i) }, () =>
        core.ctx.services.delivery.emitter.fire({
          type: 'https://schemas.openid.net/secevent/caep/event-type/session-revoked',
          subject: { format: 'email', email: 'a@b.c' },
          claims: { event_timestamp: 1767231995, initiating_entity: 'policy' },
          stream_ids: [id]
        })
      )
    )
  return delivery.endpoint_url
}

/** CPU time of the drains (client and engine: one process), ms per 1000 SETs. */
const cpuPer1000: number[] = []

/** Drain a poll endpoint; the SETs per second. */
async function drain(url: string): Promise<number> {
  let ack: string[] = []
  let got = 0
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  for (;;) {
    const res = await send(
      'POST',
      url,
      h,
      JSON.stringify({ ack, maxEvents: 100, returnImmediately: true })
    )
    ack = Object.keys((JSON.parse(res.body) as { sets: Record<string, string> }).sets)
    got += ack.length
    if (ack.length === 0) break
  }
  if (got !== N) throw new Error(`drained ${got} of ${N}`)
  const cpu = process.cpuUsage(cpu0)
  cpuPer1000.push((cpu.user + cpu.system) / got)
  return got / ((performance.now() - t0) / 1000)
}

const urls: string[] = []
for (let i = 0; i < ROUNDS; i++) urls.push(await filledStream())
const rates = await profiled(async () => {
  const all: number[] = []
  for (const url of urls) all.push(await drain(url))
  return all
})
process.stdout.write(
  `drain ${rates.map((r) => r.toFixed(0)).join(', ')} SETs/s; CPU ${cpuPer1000.map((c) => c.toFixed(1)).join(', ')} ms per 1000 SETs\n`
)
await core.close()
agent.destroy()
