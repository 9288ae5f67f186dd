/**
 * Per-test engine: `startCore({ port: 0 })` on a fresh temporary data folder (a real SQLite
 * file), real HTTP on loopback, and a guarded fetch that refuses anything but loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../../../src/main/core/logger'
import {
  startCore,
  type CoreDeps,
  type RunningCore,
  type StartOptions
} from '../../../src/main/core/start'

/** A fetch that only reaches loopback: tests never touch the real network. */
export const loopbackFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input))
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    return Promise.reject(new Error(`test fetch refused a non-loopback URL: ${url.href}`))
  return fetch(input, init)
}

/** A fresh temporary data folder. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'ssf-sim-test-'))
}

/** A started engine plus helpers; call `stop()` in afterEach/afterAll. */
export interface TestEngine {
  core: RunningCore
  url: string
  token: string
  dataDir: string
  /** Fetch `path` on the engine with the default client's bearer token and JSON body. */
  call(method: string, path: string, body?: unknown, token?: string): Promise<Response>
  stop(removeData?: boolean): Promise<void>
}

export async function startTestEngine(
  options: Partial<StartOptions> = {},
  dataDir = tempDataDir(),
  deps: CoreDeps = {}
): Promise<TestEngine> {
  const core = await startCore(
    { port: 0, host: '127.0.0.1', token: 'test-admin-token', ...options, dataDir },
    { logger: silentLogger, fetch: loopbackFetch, ...deps }
  )
  return {
    core,
    url: core.url,
    token: core.token,
    dataDir,
    call(method, path, body, token = core.token) {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}` }
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      return fetch(`${core.url}${path}`, {
        method,
        headers,
        body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body)
      })
    },
    async stop(removeData = true) {
      await core.close()
      if (removeData) rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
