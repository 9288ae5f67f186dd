/**
 * The Receiver screen in Chromium: register a second engine as an external Transmitter by
 * clicking, create a push stream on it, fire there, and see the SET in the inbox (live).
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium, launchChromium, startServer, type ServerProcess } from './fixtures'
import { appShell } from './pages/app'

const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const chromiumAt = findChromium()

describe.skipIf('missing' in chromiumAt)(
  `receiver screen (${'missing' in chromiumAt ? chromiumAt.missing : 'Chromium'})`,
  () => {
    let ui: ServerProcess
    let transmitter: ServerProcess
    let browser: Browser
    let page: Page

    const tx = async (method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(`${transmitter.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${transmitter.token}`,
          'Content-Type': 'application/json'
        },
        body: body === undefined ? null : JSON.stringify(body)
      })

    beforeAll(async () => {
      if ('missing' in chromiumAt) return
      ;[ui, transmitter] = await Promise.all([startServer(), startServer()])
      browser = await launchChromium(chromiumAt.path)
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.goto(ui.uiUrl)
      await appShell(page).waitLive()
    }, 60_000)
    afterAll(async () => {
      await browser?.close()
      await Promise.all([ui?.stop(), transmitter?.stop()])
    })

    it('shows an unreachable issuer in words next to the field', async () => {
      await page.getByTestId('nav-receiver').click()
      await page.getByTestId('receiver-issuer').fill('http://127.0.0.1:9')
      await page.getByTestId('receiver-register').click()
      const field = page.getByTestId('receiver-issuer')
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true')
    })

    it('registers another engine, creates a push stream there and receives a fired SET', async () => {
      const clients = (await (await tx('GET', '/api/clients')).json()) as { audience: string }[]
      await page.getByTestId('receiver-issuer').fill(transmitter.url)
      await page.getByTestId('receiver-audience').fill(clients[0]?.audience ?? '')
      await page.getByTestId('receiver-token').fill(transmitter.token)
      await page.getByTestId('receiver-register').click()
      await page.getByTestId('receiver-detail').waitFor()
      await page.getByTestId('receiver-create-push').click()
      await page.getByTestId('receiver-message').filter({ hasText: 'Created a push' }).waitFor()
      const streams = (await (await tx('GET', '/api/streams')).json()) as {
        config: { stream_id: string }
      }[]
      const streamId = streams[0]?.config.stream_id ?? ''
      await tx('POST', `/api/streams/${streamId}/subjects`, {
        subject: { format: 'email', email: 'alice@example.com' }
      })
      const fired = await tx('POST', '/api/events', {
        type: SESSION_REVOKED,
        subject: { format: 'email', email: 'alice@example.com' },
        stream_ids: [streamId]
      })
      expect(fired.status).toBe(201)
      const row = page.getByTestId('inbox-row').filter({ hasText: 'session-revoked' })
      await row.first().waitFor({ timeout: 15_000 })
      expect(await row.first().innerText()).toMatch(/accepted/i)
      await row.first().getByRole('button').click()
      const detail = page.getByTestId('inbox-detail')
      await detail.waitFor()
      expect(await detail.innerText()).toMatch(/alice@example.com/)
      expect(await appShell(page).unlabelledControls()).toEqual([])
      await page.getByRole('button', { name: 'Close SET details' }).click()
      await detail.waitFor({ state: 'detached' })
      expect(await appShell(page).unlabelledControls()).toEqual([])
    })

    it('checks the Transmitter and shows the report as a table', async () => {
      await page.getByTestId('receiver-check').click()
      await page
        .getByTestId('receiver-message')
        .filter({ hasText: /^Checked \d+ rules/ })
        .waitFor({ timeout: 60_000 })
      await page.getByTestId('tab-check').click()
      const rows = page.getByTestId('check-row')
      await rows.first().waitFor()
      expect(await rows.count()).toBeGreaterThan(5)
      expect(await rows.filter({ hasText: 'spec_version' }).first().innerText()).toMatch(/pass/i)
    }, 90_000)
  }
)
