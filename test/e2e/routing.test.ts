/**
 * Routing in Chromium: every screen has a URL; back/forward, reload and a pasted link open the
 * same view; a URL that names no screen says so.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium, openUi, type UiSession } from './fixtures'
import { appShell } from './pages/app'

const chromiumAt = findChromium()

describe.skipIf('missing' in chromiumAt)(
  `routing (${'missing' in chromiumAt ? chromiumAt.missing : 'Chromium'})`,
  () => {
    let ui: UiSession
    let page: Page
    beforeAll(async () => {
      if ('missing' in chromiumAt) return
      ui = await openUi(chromiumAt.path)
      page = ui.page
    }, 60_000)
    afterAll(() => ui?.close())

    const hash = () => new URL(page.url()).hash

    it('puts each screen at its URL and follows back and forward', async () => {
      const shell = appShell(page)
      await shell.nav('streams').click()
      await expect.poll(hash).toBe('#/streams')
      await shell.nav('fire').click()
      await expect.poll(hash).toBe('#/fire')
      await page.getByTestId('event-search').waitFor()
      await page.goBack()
      await expect.poll(hash).toBe('#/streams')
      await page.getByRole('heading', { name: 'Streams' }).waitFor()
      expect(await shell.nav('streams').getAttribute('aria-current')).toBe('page')
      await page.goForward()
      await page.getByTestId('event-search').waitFor()
    })

    it('opens the same screen after a reload and from a link pasted into another tab', async () => {
      await page.reload()
      await page.getByTestId('event-search').waitFor()
      const other = await page.context().newPage()
      await other.goto(`${ui.server.url}/#/streams`)
      await other.getByRole('heading', { name: 'Streams' }).waitFor()
      await other.close()
    })

    it('marks only the current screen in the navigation, and follows it from the keyboard', async () => {
      const shell = appShell(page)
      await page.goto(`${ui.server.url}/#/keys`)
      await page.getByTestId('keys-table').waitFor()
      expect(await shell.nav('keys').getAttribute('aria-current')).toBe('page')
      expect(await shell.nav('home').getAttribute('aria-current')).toBeNull()
      await shell.nav('settings').focus()
      await page.keyboard.press('Enter')
      await expect.poll(hash).toBe('#/settings')
      await expect.poll(() => shell.nav('settings').getAttribute('aria-current')).toBe('page')
      expect(await shell.nav('keys').getAttribute('aria-current')).toBeNull()
    })

    it('says so for a URL that names no screen', async () => {
      await page.goto(`${ui.server.url}/#/no-such-screen`)
      await page.getByTestId('not-found').waitFor()
    })
  }
)
