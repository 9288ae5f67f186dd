/**
 * Browser-test fixtures: the built headless server as a child process (its own port and data
 * folder) and Debian's Chromium through playwright-core. With CI=true a missing browser fails.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Where Chromium is, or why there is none. */
export function findChromium(): { path: string } | { missing: string } {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser'
  ].filter((p): p is string => typeof p === 'string')
  const found = candidates.find((p) => existsSync(p))
  if (found) return { path: found }
  const why = 'no Chromium at /usr/bin/chromium (apt-get install -y chromium)'
  if (process.env.CI === 'true') throw new Error(`browser tests need Chromium on CI: ${why}`)
  return { missing: why }
}

export function launchChromium(path: string): Promise<Browser> {
  return chromium.launch({
    executablePath: path,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
  })
}

/** A running `node out/main/headless.js serve` on a free port. */
export interface ServerProcess {
  url: string
  uiUrl: string
  token: string
  child: ChildProcess
  stop(): Promise<void>
}

export async function startServer(extraArgs: string[] = []): Promise<ServerProcess> {
  const entry = join(process.cwd(), 'out/main/headless.js')
  if (!existsSync(entry))
    throw new Error('out/main/headless.js is missing: run `npm run build` first')
  const dataDir = mkdtempSync(join(tmpdir(), 'ssf-sim-e2e-'))
  const child = spawn(
    process.execPath,
    [entry, 'serve', '--port', '0', '--data-dir', dataDir, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let out = ''
  const ready = await new Promise<{ url: string; uiUrl: string; token: string }>(
    (resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000)
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
        const uiUrl = /UI:\s+(\S+)/.exec(out)?.[1]
        const token = /token:\s+(\S+)/.exec(out)?.[1]
        if (url && uiUrl && token) {
          clearTimeout(timer)
          resolve({ url, uiUrl, token })
        }
      })
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)))
    }
  )
  return {
    ...ready,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => {
          rmSync(dataDir, { recursive: true, force: true })
          resolve()
        })
        child.kill('SIGTERM')
      })
  }
}

/** A server, Chromium and one page of the UI following the live feed (one context: tabs share the session). */
export interface UiSession {
  server: ServerProcess
  browser: Browser
  page: Page
  close(): Promise<void>
}

export async function openUi(chromiumPath: string, serverArgs: string[] = []): Promise<UiSession> {
  const server = await startServer(serverArgs)
  const browser = await launchChromium(chromiumPath)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await page.goto(server.uiUrl)
  await page.locator('[data-testid="live-indicator"][data-live="true"]').waitFor()
  return {
    server,
    browser,
    page,
    close: async () => {
      await browser.close()
      await server.stop()
    }
  }
}
