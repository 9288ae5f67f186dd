/**
 * The one-minute story by clicking, in Chromium against the built headless server: create a push
 * stream pointing at a receiver on loopback, add a subject, pause and enable, see API changes live,
 * and (when the engine can deliver) fire session-revoked and see it arrive.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium, launchChromium, startServer, type ServerProcess } from './fixtures'
import { appShell } from './pages/app'
import { firePage } from './pages/fire'
import { streamsPage } from './pages/streams'
import { jwtClaims, startTinyReceiver, type TinyReceiver } from './receiver'

const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const chromiumAt = findChromium()

// Started at collection time: the describe below skips (with its reason) only without Chromium.
const server: ServerProcess | undefined = 'path' in chromiumAt ? await startServer() : undefined

interface StreamJson {
  client_id: string
  status: string
  config: {
    stream_id: string
    description?: string
    delivery: { method: string; endpoint_url: string }
  }
  subjects: { subject: Record<string, unknown> }[]
}

describe.skipIf(!server)(
  `streams by clicking (${'missing' in chromiumAt ? chromiumAt.missing : 'Chromium'})`,
  () => {
    let browser: Browser
    let page: Page
    let receiver: TinyReceiver
    let streamId = ''

    const api = async (method: string, path: string, body?: unknown): Promise<Response> => {
      if (!server) throw new Error('no server')
      return fetch(`${server.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body)
      })
    }
    const streams = async (): Promise<StreamJson[]> =>
      (await (await api('GET', '/api/streams')).json()) as StreamJson[]

    beforeAll(async () => {
      if (!server || !('path' in chromiumAt)) return
      receiver = await startTinyReceiver()
      browser = await launchChromium(chromiumAt.path)
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.goto(server.uiUrl)
      await appShell(page).waitLive()
    })
    afterAll(async () => {
      await browser?.close()
      await receiver?.close()
      await server?.stop()
    })

    it('shows the metadata URL on the home screen', async () => {
      await expect
        .poll(() => appShell(page).metadataUrl.inputValue())
        .toBe(`${server?.url}/.well-known/ssf-configuration`)
    })

    it('refuses a bad push endpoint in words, next to the field', async () => {
      const ui = streamsPage(page)
      await ui.open()
      await ui.createPush('not a url', 'broken')
      await expect.poll(() => ui.wizardEndpoint.getAttribute('aria-invalid')).toBe('true')
      const described = await ui.wizardEndpoint.getAttribute('aria-describedby')
      const errorText = await page
        .locator(`[id="${described?.split(' ').find((id) => id.includes('error'))}"]`)
        .textContent()
      expect(errorText).toMatch(/endpoint_url.*URL/)
      await ui.closeWizard()
      expect(await streams()).toHaveLength(0)
    })

    it('creates a push stream by clicking, pointing at a receiver on loopback', async () => {
      const ui = streamsPage(page)
      await ui.open()
      await ui.createPush(receiver.url, 'My app')
      await ui.rowNamed('My app').waitFor()
      const [created] = await streams()
      expect(created?.config.delivery).toEqual({
        method: 'urn:ietf:rfc:8935',
        endpoint_url: receiver.url
      })
      streamId = created?.config.stream_id ?? ''
      expect(await ui.status(streamId).textContent()).toBe('enabled')
    })

    it('adds an email subject by clicking', async () => {
      const ui = streamsPage(page)
      await ui.openSubjects(streamId)
      await ui.addEmailSubject('alice@example.com')
      await expect.poll(() => ui.subjectRows.count()).toBe(1)
      expect(await ui.subjectRows.first().textContent()).toContain('alice@example.com')
      const [stream] = await streams()
      expect(stream?.subjects.map((s) => s.subject)).toEqual([
        { format: 'email', email: 'alice@example.com' }
      ])
      // The engine's words appear next to the form when it refuses a subject.
      await ui.addEmailSubject('not-an-email')
      await expect
        .poll(() => page.getByText('"email" must be an email address').count())
        .toBeGreaterThan(0)
      await ui.closeSubjects()
    })

    it('pauses and enables the stream', async () => {
      const ui = streamsPage(page)
      await ui.setStatus(streamId, 'paused')
      await expect.poll(() => ui.status(streamId).textContent()).toBe('paused')
      expect((await streams())[0]?.status).toBe('paused')
      await ui.setStatus(streamId, 'enabled')
      await expect.poll(() => ui.status(streamId).textContent()).toBe('enabled')
      expect((await streams())[0]?.status).toBe('enabled')
    })

    it('shows a stream created through the API without a reload', async () => {
      const ui = streamsPage(page)
      const res = await api('POST', '/api/streams', {
        description: 'Created with curl',
        delivery: { method: 'urn:ietf:rfc:8936' }
      })
      expect(res.status).toBe(201)
      await ui.rowNamed('Created with curl').waitFor()
      expect(await ui.rows.count()).toBe(2)
    })

    it('edits a stream, requests verification, and deletes one after confirming', async () => {
      const ui = streamsPage(page)
      await ui.editDescription(streamId, 'My app (renamed)')
      await ui.rowNamed('My app (renamed)').waitFor()
      await ui.verify(streamId)
      await expect.poll(() => ui.message(streamId).textContent()).toBe('Verification requested')
      // A second request inside min_verification_interval: the engine's 429 in words, in the row.
      await ui.verify(streamId)
      await expect
        .poll(() => ui.message(streamId).textContent())
        .toMatch(/min_verification_interval/)
      const other = (await streams()).find((s) => s.config.description === 'Created with curl')
      await ui.remove(other?.config.stream_id ?? '')
      await expect.poll(() => ui.rows.count()).toBe(1)
    })

    it('fires session-revoked by clicking and the receiver gets the SET', async () => {
      const ui = firePage(page)
      await ui.sendSessionRevoked('alice@example.com')
      await expect.poll(() => ui.resultRows.count()).toBeGreaterThan(0)
      await expect
        .poll(() =>
          receiver.received.some((r) => {
            const events = jwtClaims(r.body).events
            return typeof events === 'object' && events !== null && SESSION_REVOKED in events
          })
        )
        .toBe(true)
      const set = receiver.received.find((r) => r.body.includes('.'))
      expect(set?.contentType).toMatch(/^application\/secevent\+jwt/)
    })

    it('keeps the dark theme across a reload (prefs are the only persisted state)', async () => {
      const shell = appShell(page)
      const scheme = () => page.locator('html').getAttribute('data-mantine-color-scheme')
      const before = await scheme()
      await shell.themeToggle.click()
      await expect.poll(scheme).not.toBe(before)
      const after = await scheme()
      await page.reload()
      await shell.waitLive()
      expect(await scheme()).toBe(after)
    })

    it.each(['home', 'streams', 'fire', 'receiver'] as const)(
      'labels every control on the %s screen',
      async (screen) => {
        const shell = appShell(page)
        await shell.nav(screen).click()
        await page.locator('main').waitFor()
        expect(await shell.unlabelledControls()).toEqual([])
      }
    )
  }
)
