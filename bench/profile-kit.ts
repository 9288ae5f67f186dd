/**
 * What the profile scripts share: a keep-alive HTTP client, an engine on a new data folder, a
 * push stream to a loopback receiver, the fire body, and a CPU profile of the measured part only
 * (`PROFILE_OUT=<file>.cpuprofile`; open it in Chrome DevTools).
 * @module
 */
import { Agent, createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../src/main/core/logger'
import { startCore, type RunningCore } from '../src/main/core/start'

export const agent = new Agent({ keepAlive: true, maxSockets: 32 })

/** One request over the keep-alive agent: its status and body. */
export function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
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

/** An engine on a new data folder, and the headers of its admin token. */
export async function startBenchEngine(
  prefix: string
): Promise<{ core: RunningCore; headers: Record<string, string> }> {
  const core = await startCore(
    {
      dataDir: mkdtempSync(join(tmpdir(), prefix)),
      port: 0,
      token: 'bench-token-123',
      quiet: true
    },
    { logger: silentLogger }
  )
  return { core, headers: { Authorization: `Bearer ${core.token}` } }
}

/** A loopback receiver answering 202 (calling `onSet` per SET) and a push stream to it. */
export async function pushStreamTo(
  core: RunningCore,
  headers: Record<string, string>,
  onSet: () => void
): Promise<{ rx: Server; streamId: string }> {
  const rx = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(202)
      res.end()
      onSet()
    })
  })
  rx.keepAliveTimeout = 60_000
  await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r))
  const created = await send(
    'POST',
    `${core.url}/ssf/streams`,
    { ...headers, 'Content-Type': 'application/json' },
    JSON.stringify({
      delivery: {
        method: 'urn:ietf:rfc:8935',
        endpoint_url: `http://127.0.0.1:${(rx.address() as AddressInfo).port}/e`
      }
    })
  )
  return { rx, streamId: (JSON.parse(created.body) as { stream_id: string }).stream_id }
}

/** The body of `POST /api/events`: a CAEP session-revoked SET to one stream. */
export const sessionRevokedFire = (streamId: string): string =>
  JSON.stringify({
    type: 'https://schemas.openid.net/secevent/caep/event-type/session-revoked',
    subject: { format: 'email', email: 'a@b.c' },
    claims: { event_timestamp: 1767231995, initiating_entity: 'policy' },
    stream_ids: [streamId]
  })

/** Runs `measured`, CPU-profiled into `PROFILE_OUT` when it is set. */
export async function profiled<T>(measured: () => Promise<T>): Promise<T> {
  const out = process.env.PROFILE_OUT
  if (!out) return measured()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  const result = await measured()
  const { profile } = await session.post('Profiler.stop')
  writeFileSync(out, JSON.stringify(profile))
  return result
}
