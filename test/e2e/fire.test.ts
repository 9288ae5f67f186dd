/**
 * The Fire screen in Chromium against the built headless server: the live SET preview names a
 * broken claim, and templates saved by clicking come back (and are visible to the API).
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium, launchChromium, startServer, type ServerProcess } from './fixtures'
import { appShell } from './pages/app'
import { firePage } from './pages/fire'

const chromiumAt = findChromium()

describe.skipIf('missing' in chromiumAt)(
  `fire screen (${'missing' in chromiumAt ? chromiumAt.missing : 'Chromium'})`,
  () => {
    let server: ServerProcess
    let browser: Browser
    let page: Page

    beforeAll(async () => {
      if ('missing' in chromiumAt) return
      server = await startServer()
      browser = await launchChromium(chromiumAt.path)
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.goto(server.uiUrl)
      await appShell(page).waitLive()
    }, 60_000)
    afterAll(async () => {
      await browser?.close()
      await server?.stop()
    })

    it('the preview shows the decoded SET and a lint finding for a broken claim', async () => {
      const ui = firePage(page)
      await ui.open()
      await ui.pick('session revoked')
      await ui.subjectFormat('Email')
      await ui.subjectEmail.fill('alice@example.com')
      const preview = page.getByTestId('preview')
      await expect
        .poll(() => preview.locator('.cm-content').innerText())
        .toMatch(/"email": "alice@example.com"/)
      await page.getByTestId('claim-event_timestamp').fill('1700000000000')
      const row = page.getByTestId('preview-findings-row').filter({ hasText: 'milliseconds' })
      await row.waitFor()
      expect(await row.innerText()).toMatch(/event_timestamp/)
      await page.getByTestId('claim-event_timestamp').fill('1700000000')
      await row.waitFor({ state: 'detached' })
    })

    it('saves the form as a template and loads it back', async () => {
      const ui = firePage(page)
      await ui.subjectEmail.fill('template@example.com')
      await page.getByTestId('template-name').fill('Revoke template user')
      await page.getByTestId('template-save').click()
      await page.getByText('Saved “Revoke template user”.').waitFor()
      const res = await fetch(`${server.url}/api/templates`, {
        headers: { Authorization: `Bearer ${server.token}` }
      })
      expect(await res.json()).toEqual([
        expect.objectContaining({
          name: 'Revoke template user',
          subject: { format: 'email', email: 'template@example.com' }
        })
      ])
      await ui.subjectEmail.fill('someone-else@example.com')
      await page.getByTestId('template-load').click()
      await page.getByRole('option', { name: 'Revoke template user' }).click()
      await expect.poll(() => ui.subjectEmail.inputValue()).toBe('template@example.com')
    })

    it('refuses an invalid event in words, and sends it with "allow invalid", listing findings', async () => {
      const ui = firePage(page)
      await page.getByTestId('claim-event_timestamp').fill('1700000000000')
      await ui.send.click()
      await ui.error.waitFor()
      expect(await ui.error.innerText()).toMatch(/event_timestamp.*milliseconds/s)
      await page.getByTestId('fire-allow-invalid').check()
      await ui.send.click()
      const finding = page.getByTestId('fire-findings-row').filter({ hasText: 'milliseconds' })
      await finding.waitFor()
      expect(await finding.innerText()).toMatch(/error/i)
      expect(await ui.error.count()).toBe(0)
    })
  }
)
