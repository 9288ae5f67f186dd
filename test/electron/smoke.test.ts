/**
 * The Electron window: launches the built app with Playwright's Electron support, checks the
 * window's security settings, the preload bridge and that the UI shows the metadata URL.
 * Skips with its reason when the Electron binary (or a display) is absent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'

function electronBinary(): { path: string } | { missing: string } {
  let path: unknown
  try {
    // The electron package exports the binary's path, and throws when it was never downloaded.
    path = createRequire(import.meta.url)('electron')
  } catch {
    return { missing: 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD)' }
  }
  if (typeof path !== 'string' || !existsSync(path))
    return { missing: 'the Electron binary is not installed' }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { missing: 'no display (set DISPLAY, e.g. run under xvfb-run)' }
  if (!existsSync(join(process.cwd(), 'out/main/index.js')))
    return { missing: 'out/main/index.js is missing: run `npm run build` first' }
  return { path }
}

const binary = electronBinary()

describe.skipIf('missing' in binary)(
  `Electron shell (${'missing' in binary ? `skipped: ${binary.missing}` : 'binary found'})`,
  () => {
    it('opens a sandboxed window showing the metadata URL, with the desktop bridge', async () => {
      if ('missing' in binary) return
      const userData = mkdtempSync(join(tmpdir(), 'ssf-sim-electron-'))
      const app = await electron.launch({
        executablePath: binary.path,
        args: [join(process.cwd(), 'out/main/index.js'), `--user-data-dir=${userData}`],
        env: { ...process.env, SSF_SIM_PORT: '0' }
      })
      try {
        const page = await app.firstWindow()
        await expect
          .poll(() => page.getByTestId('metadata-url').inputValue(), { timeout: 30_000 })
          .toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\.well-known\/ssf-configuration$/)
        // The preload bridge is there; Node is not (contextIsolation, sandbox, no nodeIntegration).
        const facts = await page.evaluate(() => {
          const bridge: unknown = Reflect.get(window, 'ssfDesktop')
          return {
            bridge: typeof bridge === 'object' && bridge !== null && 'copyText' in bridge,
            require: typeof Reflect.get(window, 'require'),
            process: typeof Reflect.get(window, 'process')
          }
        })
        expect(facts).toEqual({ bridge: true, require: 'undefined', process: 'undefined' })
      } finally {
        await app.close()
        rmSync(userData, { recursive: true, force: true })
      }
    })
  }
)
