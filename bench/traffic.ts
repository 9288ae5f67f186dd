/**
 * Traffic-inspector benchmark: `GET /api/traffic` latency (over real HTTP, with the control
 * API's guards) against a traffic log of 100k exchanges inserted in one transaction, for a few
 * filters. Prints median and p95 per query. Run: `npm run bench` (or
 * `node --import tsx bench/traffic.ts`). `BENCH_TRAFFIC_N` changes the row count.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../src/main/core/logger'
import { startCore } from '../src/main/core/start'
import type { NewExchange } from '../src/main/traffic/store'

const N = Number(process.env.BENCH_TRAFFIC_N ?? 100_000)
const RUNS = 40
const KINDS = ['push', 'poll', 'management', 'metadata', 'jwks', 'receiver-push'] as const
const TYPES = [
  'https://schemas.openid.net/secevent/caep/event-type/session-revoked',
  'https://schemas.openid.net/secevent/caep/event-type/credential-change',
  'https://schemas.openid.net/secevent/risc/event-type/account-disabled'
]
const STATUSES = [202, 202, 202, 200, 400, 401, 429, 503]

function exchange(i: number): NewExchange {
  const kind = KINDS[i % KINDS.length]!
  const sets = kind === 'push' || kind === 'poll' || kind === 'receiver-push'
  return {
    at: 1767225600000 + i,
    duration_ms: i % 50,
    direction: kind === 'push' ? 'outbound' : 'inbound',
    kind,
    method: kind === 'metadata' || kind === 'jwks' ? 'GET' : 'POST',
    url: `http://127.0.0.1:4400/ssf/${kind}/${i % 20}`,
    status: STATUSES[i % STATUSES.length]!,
    request_headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
    request_body: sets ? `eyJhbGciOiJSUzI1NiJ9.${'x'.repeat(600)}.${i}` : '{"maxEvents":10}',
    response_headers: { 'content-type': 'application/json' },
    response_body: i % 7 === 0 ? `{"err":"invalid_request","description":"case ${i}"}` : null,
    error: null,
    stream_id: `stream-${i % 20}`,
    jti: sets ? `jti-${i}` : null,
    event_type: sets ? TYPES[i % TYPES.length]! : null,
    receiver_id: null
  }
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssf-sim-bench-traffic-'))
  const core = await startCore(
    { dataDir, port: 0, host: '127.0.0.1', token: 'bench-token-123', trafficRetention: N * 2 },
    { logger: silentLogger }
  )
  try {
    const t0 = performance.now()
    const rows: NewExchange[] = []
    for (let i = 0; i < N; i++) rows.push(exchange(i))
    core.ctx.traffic!.store.insertMany(rows)
    const insertMs = performance.now() - t0
    console.log(
      `traffic bench: inserted ${N} exchanges in one transaction in ${insertMs.toFixed(0)} ms`
    )
    const queries: [string, string][] = [
      ['newest 100 (no filter)', ''],
      ['stream_id', '?stream_id=stream-7'],
      ['kind=push', '?kind=push'],
      ['status=4xx', '?status=4xx'],
      ['event_type', `?event_type=${encodeURIComponent(TYPES[2]!)}`],
      ['stream_id+kind+status', '?stream_id=stream-6&kind=push&status=202'],
      ['page deep (before=N/2)', `?before=${Math.floor(N / 2)}`],
      ['text (rare, full scan)', '?text=case%2099995'],
      ['text (jti)', '?text=jti-12342']
    ]
    console.log('query                          median ms   p95 ms   rows')
    for (const [name, q] of queries) {
      const times: number[] = []
      let count = 0
      for (let r = 0; r < RUNS; r++) {
        const s = performance.now()
        const res = await fetch(`${core.url}/api/traffic${q}`, {
          headers: { Authorization: `Bearer ${core.token}` }
        })
        const body = (await res.json()) as { items: unknown[] }
        times.push(performance.now() - s)
        count = body.items.length
      }
      console.log(
        `${name.padEnd(30)} ${pct(times, 50).toFixed(2).padStart(9)} ${pct(times, 95).toFixed(2).padStart(8)} ${String(count).padStart(6)}`
      )
    }
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
