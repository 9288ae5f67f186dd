/**
 * The load scenario shared by the reliability test and `bench/load.ts`: many streams (half push,
 * half poll) on one engine, many events fired at all of them, poll loops draining with acks and
 * management calls running all the while. Resolves once every SET is delivered (push 2xx, poll
 * acknowledged) and reports what it saw.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeJwt } from 'jose'
import type { RunningCore } from '../src/main/core/start'

const PUSH = 'urn:ietf:rfc:8935'
const POLL = 'urn:ietf:rfc:8936'

/** Size of a run. */
export interface LoadSize {
  streams: number
  events: number
  /** Fires in flight at once. */
  fireConcurrency?: number
}

/** What a run saw. */
export interface LoadResult {
  /** SETs acknowledged with 201 by fire, per stream. */
  fired: Map<string, Set<string>>
  /** SETs that reached the push receiver (2xx), per stream. */
  pushed: Map<string, Set<string>>
  /** SETs handed out by poll and then acknowledged, per stream. */
  polled: Map<string, Set<string>>
  /** Management calls made during the burst, and how many did not answer 2xx. */
  managementCalls: number
  managementFailures: number
  ms: number
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key)
  if (!set) map.set(key, (set = new Set()))
  set.add(value)
}

/** A push receiver on loopback that answers 202 and records jtis by stream (its URL path). */
async function startPushReceiver(
  byPath: Map<string, string>,
  pushed: Map<string, Set<string>>
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const claims = decodeJwt(Buffer.concat(chunks).toString('utf8'))
      const stream = byPath.get(req.url ?? '')
      if (stream && typeof claims.jti === 'string') add(pushed, stream, claims.jti)
      res.writeHead(202).end()
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, server }
}

/** Run the scenario against a started engine. */
export async function runLoad(core: RunningCore, size: LoadSize): Promise<LoadResult> {
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${core.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${core.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
      },
      body: body === undefined ? null : JSON.stringify(body)
    })
  const result: LoadResult = {
    fired: new Map(),
    pushed: new Map(),
    polled: new Map(),
    managementCalls: 0,
    managementFailures: 0,
    ms: 0
  }
  const byPath = new Map<string, string>()
  const rx = await startPushReceiver(byPath, result.pushed)
  const push: string[] = []
  const poll: string[] = []
  for (let i = 0; i < size.streams; i++) {
    const isPush = i % 2 === 0
    const res = await call('POST', '/ssf/streams', {
      delivery: isPush ? { method: PUSH, endpoint_url: `${rx.url}/${i}` } : { method: POLL },
      description: `load ${i}`
    })
    if (res.status !== 201) throw new Error(`stream create: ${res.status} ${await res.text()}`)
    const s = (await res.json()) as { stream_id: string }
    byPath.set(`/events/${i}`, s.stream_id)
    ;(isPush ? push : poll).push(s.stream_id)
  }
  const t0 = performance.now()
  let firesDone = false
  let running = true
  const complete = (got: Map<string, Set<string>>, id: string) => {
    const have = got.get(id)
    for (const jti of result.fired.get(id) ?? []) if (!have?.has(jti)) return false
    return true
  }

  // Fire: every event goes to every stream (default_subjects ALL).
  let next = 0
  const fireLoop = async () => {
    while (next < size.events) {
      const i = next++
      const res = await call('POST', '/api/events', {
        type: 'caep.session-revoked',
        subject: { format: 'email', email: `user${i}@corp.example` },
        claims: { event_timestamp: 1767231995 },
        txn: `load-${i}`
      })
      if (res.status !== 201) throw new Error(`fire: ${res.status} ${await res.text()}`)
      const { sets } = (await res.json()) as { sets: { stream_id: string; jti: string }[] }
      for (const s of sets) add(result.fired, s.stream_id, s.jti)
    }
  }

  // Poll: one long-polling loop per poll stream, acking what it got, until it has every SET.
  const pollLoop = async (id: string) => {
    let ack: string[] = []
    for (;;) {
      const done = firesDone && complete(result.polled, id)
      if (done && ack.length === 0) return
      const res = await call('POST', `/ssf/poll/${id}`, {
        maxEvents: 100,
        // Long polls while firing (answered as SETs arrive), then drain without waiting.
        returnImmediately: firesDone,
        ack
      })
      if (res.status !== 200) throw new Error(`poll: ${res.status} ${await res.text()}`)
      const { sets } = (await res.json()) as { sets: Record<string, string> }
      for (const jti of ack) add(result.polled, id, jti)
      ack = Object.keys(sets)
    }
  }

  // Management calls all along: read status, read and update configuration.
  const all = [...push, ...poll]
  const managementLoop = async (offset: number) => {
    for (let i = offset; running; i += 2) {
      const id = all[i % all.length]!
      const calls = [
        () => call('GET', `/ssf/status?stream_id=${id}`),
        () => call('GET', `/ssf/streams?stream_id=${id}`),
        () => call('PATCH', '/ssf/streams', { stream_id: id, description: `load ${i}` })
      ]
      const res = await calls[i % calls.length]!()
      await res.arrayBuffer()
      result.managementCalls++
      if (res.status >= 300) result.managementFailures++
    }
  }

  const managers = [managementLoop(0), managementLoop(1)]
  const pollers = poll.map(pollLoop)
  await Promise.all(Array.from({ length: size.fireConcurrency ?? 4 }, fireLoop))
  firesDone = true
  // Push has no requests of ours to wait on: wait for the receiver to have every SET.
  await new Promise<void>((resolve) => {
    const check = () => {
      if (push.every((id) => complete(result.pushed, id))) resolve()
      else setTimeout(check, 10)
    }
    check()
  })
  await Promise.all(pollers)
  running = false
  await Promise.all(managers)
  result.ms = performance.now() - t0
  await new Promise<void>((resolve) => {
    rx.server.close(() => resolve())
    rx.server.closeAllConnections()
  })
  return result
}
