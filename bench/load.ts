/**
 * Load benchmark: the reliability test's load scenario (`bench/load-scenario.ts`: N streams,
 * half push and half poll, M events each, management calls all along) on an in-process engine,
 * reporting throughput, peak RSS and the longest event-loop stall
 * (`perf_hooks.monitorEventLoopDelay`; goal: no stall over 100 ms), beside the stall of the same
 * process idle (the bare limit of this machine). Size: BENCH_LOAD_STREAMS, BENCH_LOAD_EVENTS.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { silentLogger } from '../src/main/core/logger'
import { startCore } from '../src/main/core/start'
import { runLoad } from './load-scenario'

const STREAMS = Number(process.env.BENCH_LOAD_STREAMS ?? 100)
const EVENTS = Number(process.env.BENCH_LOAD_EVENTS ?? 100)

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

async function idleStallMs(ms: number): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 10 })
  h.enable()
  await new Promise((r) => setTimeout(r, ms))
  h.disable()
  return h.max / 1e6
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssf-sim-bench-load-'))
  const core = await startCore(
    { port: 0, host: '127.0.0.1', dataDir, quiet: true, pollWaitSeconds: 2 },
    { logger: silentLogger }
  )
  try {
    const idle = await idleStallMs(2000)
    let peakRss = process.memoryUsage().rss
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }, 50)
    const h = monitorEventLoopDelay({ resolution: 10 })
    h.enable()
    const r = await runLoad(core, { streams: STREAMS, events: EVENTS })
    h.disable()
    clearInterval(sampler)
    const sets = [...r.fired.values()].reduce((n, s) => n + s.size, 0)
    const delivered =
      [...r.pushed.values()].reduce((n, s) => n + s.size, 0) +
      [...r.polled.values()].reduce((n, s) => n + s.size, 0)
    console.log(`load: ${STREAMS} streams × ${EVENTS} events (half push, half poll)`)
    console.log(`  SETs fired ${sets}, delivered ${delivered} in ${(r.ms / 1000).toFixed(1)} s`)
    console.log(`  throughput ${Math.round(sets / (r.ms / 1000))} SETs/s`)
    console.log(`  management calls ${r.managementCalls} (failures ${r.managementFailures})`)
    console.log(`  peak RSS ${mb(peakRss)} MB`)
    console.log(
      `  event-loop delay: max ${(h.max / 1e6).toFixed(1)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, mean ${(h.mean / 1e6).toFixed(1)} ms (goal: max ≤ 100 ms; idle max on this machine ${idle.toFixed(1)} ms)`
    )
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
