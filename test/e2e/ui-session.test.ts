import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium, launchChromium, startServer, type ServerProcess } from './fixtures'

const chromiumAt = findChromium()

describe.skipIf('missing' in chromiumAt)(
  `browser mode (${'missing' in chromiumAt ? chromiumAt.missing : 'Chromium'})`,
  () => {
    let server: ServerProcess
    let browser: Browser
    beforeAll(async () => {
      server = await startServer()
      if ('path' in chromiumAt) browser = await launchChromium(chromiumAt.path)
    })
    afterAll(async () => {
      await browser?.close()
      await server?.stop()
    })

    it('opens the UI from the printed URL, keeps a session cookie and shows the metadata URL', async () => {
      const page = await browser.newPage()
      await page.goto(server.uiUrl)
      expect(new URL(page.url()).search).toBe('')
      await expect
        .poll(() => page.getByTestId('metadata-url').inputValue())
        .toBe(`${server.url}/.well-known/ssf-configuration`)
      // The streams are read once the first screen is shown: the count says so until they are in.
      await expect
        .poll(() => page.getByTestId('home-stream-count').textContent())
        .toBe('No streams yet.')
      await page.reload()
      await expect.poll(() => page.getByTestId('issuer').inputValue()).toBe(server.url)
      await page.close()
    })

    it('masks the token in the ready-to-paste commands until Show, and copies them whole', async () => {
      const context = await browser.newContext()
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: server.url
      })
      const page = await context.newPage()
      await page.goto(server.uiUrl)
      const push = page.getByTestId('snippet-push')
      await expect.poll(() => push.textContent()).toContain('Authorization: Bearer •')
      expect(await push.textContent()).not.toContain(server.token)
      await page.getByTestId('snippet-push-copy').click()
      await expect
        .poll(() => page.evaluate(() => navigator.clipboard.readText()))
        .toContain(`Authorization: Bearer ${server.token}`)
      await page.getByRole('button', { name: 'Show' }).click()
      await expect.poll(() => push.textContent()).toContain(`Authorization: Bearer ${server.token}`)
      await context.close()
    })

    it('lets the browser keep the hashed assets and always revalidate index.html', async () => {
      const page = await browser.newPage()
      const assets: { url: string; cacheControl: string | undefined }[] = []
      page.on('response', (res) => {
        if (new URL(res.url()).pathname.startsWith('/assets/'))
          assets.push({ url: res.url(), cacheControl: res.headers()['cache-control'] })
      })
      const doc = await page.goto(server.url)
      expect(doc?.headers()['cache-control']).toBe('no-cache')
      await page.getByTestId('session-error').waitFor()
      expect(assets.length).toBeGreaterThan(0)
      for (const asset of assets)
        expect(asset.cacheControl, asset.url).toBe('public, max-age=31536000, immutable')
      await page.close()
    })

    it('refuses the control API without the session', async () => {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(server.url)
      await expect.poll(() => page.getByTestId('session-error').isVisible()).toBe(true)
      await context.close()
    })
  }
)
