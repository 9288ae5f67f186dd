/// <reference types="vite/client" />
/**
 * The UI's traffic store against a real engine over HTTP: the traffic route asks for the first
 * page as it is entered and the screen asks again as it mounts, so a second request for the same
 * filter while the first is on its way joins it (one read), a forced one or another filter reads
 * again, and the rows are those of the filter last asked for. The store's relative `/api/...`
 * requests go to the engine with its token, as the browser sends them with the session cookie.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { silentLogger } from '../../../src/main/core/logger'
import { startCore, type RunningCore } from '../../../src/main/core/start'
import type { NewExchange } from '../../../src/main/traffic/store'
import type { AppState } from '../../../src/renderer/src/stores/types'

const exchange = (i: number, kind: 'push' | 'poll'): NewExchange => ({
  at: Date.now() - 1000 + i,
  duration_ms: 1,
  direction: kind === 'push' ? 'outbound' : 'inbound',
  kind,
  method: 'POST',
  url: `http://127.0.0.1:9/${kind}/${i}`,
  status: 202,
  request_headers: {},
  request_body: null,
  response_headers: {},
  response_body: null,
  error: null,
  stream_id: null,
  jti: `jti-${i}`,
  event_type: null,
  receiver_id: null
})

describe('traffic store (UI) against the engine', () => {
  let core: RunningCore
  let dataDir: string
  let store: { getState(): AppState }
  const reads: string[] = []

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ssf-sim-traffic-store-'))
    core = await startCore(
      { dataDir, port: 0, host: '127.0.0.1', token: 'traffic-store-token-1' },
      { logger: silentLogger }
    )
    core.ctx.traffic.store.insertMany([
      exchange(1, 'push'),
      exchange(2, 'poll'),
      exchange(3, 'push')
    ])
    const engineFetch = globalThis.fetch
    vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
      if (input.startsWith('/api/traffic?')) reads.push(input)
      return engineFetch(`${core.url}${input}`, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          Authorization: `Bearer ${core.token}`
        }
      })
    })
    store = (await import('../../../src/renderer/src/stores/app-store')).useAppStore
  })
  afterAll(async () => {
    vi.unstubAllGlobals()
    await core?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('joins a read of the same filter that is on its way, and reads again when forced or for another filter', async () => {
    const s = store.getState()
    await Promise.all([s.loadTraffic({ kind: 'push' }), s.loadTraffic({ kind: 'push' })])
    expect(reads).toEqual(['/api/traffic?kind=push&limit=200'])
    expect(store.getState().traffic.map((r) => r.jti)).toEqual(['jti-3', 'jti-1'])

    // Loaded: asking again reads nothing; forced, it reads.
    await s.loadTraffic({ kind: 'push' })
    expect(reads).toHaveLength(1)
    await s.loadTraffic({ kind: 'push' }, true)
    expect(reads).toHaveLength(2)

    // Another filter while one is on its way: both are read, the last one asked for shows.
    await Promise.all([s.loadTraffic({ kind: 'push' }, true), s.loadTraffic({ kind: 'poll' })])
    expect(reads.slice(2)).toEqual([
      '/api/traffic?kind=push&limit=200',
      '/api/traffic?kind=poll&limit=200'
    ])
    expect(store.getState().trafficFilter).toEqual({ kind: 'poll' })
    expect(store.getState().traffic.map((r) => r.jti)).toEqual(['jti-2'])
  })
})
