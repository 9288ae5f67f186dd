/**
 * Issue 11 part B in Chromium against the built headless server: faults set in the UI are what a
 * loopback receiver sees (and clearing them restores clean SETs), a stream's timeline tells a
 * scripted story in order, keys rotate, settings create a client and a tenant, and every screen
 * passes an axe-core scan in light and in dark.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium, launchChromium, startServer, type ServerProcess } from './fixtures'
import { appShell } from './pages/app'
import {
  axeSeriousViolations,
  faultsPage,
  keysPage,
  settingsPage,
  timelinePage
} from './pages/inspector'
import { jwtClaims, startTinyReceiver, type TinyReceiver } from './receiver'

const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const WRONG_AUD = 'https://wrong-audience.invalid/'
const chromiumAt = findChromium()
const server: ServerProcess | undefined = 'path' in chromiumAt ? await startServer() : undefined

describe.skipIf(!server)(
  `inspector screens (${'missing' in chromiumAt ? chromiumAt.missing : 'Chromium'})`,
  () => {
    let browser: Browser
    let page: Page
    let receiver: TinyReceiver
    let base = ''
    let streamId = ''

    const api = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      if (!server) throw new Error('no server')
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body)
      })
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      const text = await res.text()
      return text.length > 0 ? (JSON.parse(text) as unknown) : undefined
    }
    const subject = { format: 'email', email: 'alice@example.com' }
    const fire = (txn: string) =>
      api('POST', '/api/events', {
        type: SESSION_REVOKED,
        subject,
        stream_ids: [streamId],
        txn
      })
    /** The claims of the pushed SET with this `txn`, once it arrived. */
    const receivedWith = async (txn: string) => {
      await expect
        .poll(() => receiver.received.filter((r) => jwtClaims(r.body).txn === txn).length)
        .toBeGreaterThan(0)
      const hit = receiver.received.find((r) => jwtClaims(r.body).txn === txn)
      return jwtClaims(hit?.body ?? '')
    }

    beforeAll(async () => {
      if (!server || !('path' in chromiumAt)) return
      receiver = await startTinyReceiver()
      base = `${server.url}/`
      // The scripted story of the timeline: create, add a subject, pause, enable, verify, fire,
      // then add and remove a second subject through the control API (as the UI does).
      const created = (await api('POST', '/ssf/streams', {
        delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: receiver.url },
        events_requested: [SESSION_REVOKED],
        description: 'Loopback app'
      })) as { stream_id: string }
      streamId = created.stream_id
      await api('POST', '/ssf/subjects:add', { stream_id: streamId, subject })
      await api('POST', `/api/streams/${streamId}/status`, { status: 'paused', reason: 'e2e' })
      await api('POST', `/api/streams/${streamId}/status`, { status: 'enabled' })
      // Through the control API, so the request is in no SSF call (min_verification_interval
      // allows one request here).
      await api('POST', `/api/streams/${streamId}/verify`, { state: 'e2e-state' })
      await fire('story')
      const bob = { format: 'email', email: 'bob@example.com' }
      await api('POST', `/api/streams/${streamId}/subjects`, { subject: bob })
      await api('DELETE', `/api/streams/${streamId}/subjects`, { subject: bob })
      browser = await launchChromium(chromiumAt.path)
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      // A step that cannot happen fails with its reason instead of waiting for the test timeout.
      page.setDefaultTimeout(15_000)
      await page.goto(server.uiUrl)
      await appShell(page).waitLive()
    })
    afterAll(async () => {
      await browser?.close()
      await receiver?.close()
      await server?.stop()
    })

    it("a stream's timeline lists the scripted story's steps in order", async () => {
      const ui = timelinePage(page, base)
      await ui.open(streamId)
      await expect
        .poll(() => ui.titles().then((t) => t.some((x) => /session-revoked/.test(x))))
        .toBe(true)
      const titles = await ui.titles()
      const at = (re: RegExp) => titles.findIndex((t) => re.test(t))
      const steps = [
        at(/^Stream created/),
        at(/^Subject added/),
        at(/^Stream-updated SET/),
        at(/^Verification requested \(state e2e-state\)/),
        at(/^Verification SET/),
        at(/^SET session-revoked/),
        at(/^Subject removed \(email\)/)
      ]
      expect(
        steps.every((i) => i >= 0),
        titles.join('\n')
      ).toBe(true)
      expect([...steps].sort((a, b) => a - b)).toEqual(steps)
      // Two status changes, two stream-updated SETs, in between the subject and the verification.
      expect(titles.filter((t) => /^Stream-updated SET/.test(t))).toHaveLength(2)
      // Selecting the event SET opens its attempts, with a link to each exchange.
      await page
        .getByTestId('timeline-item-title')
        .nth(at(/^SET session-revoked/))
        .click()
      await expect.poll(() => ui.setDetail.textContent()).toMatch(/Attempt 1\s*202/)
      expect(page.url()).toMatch(/#\/streams\/[^/]+\/timeline\/set-/)
    })

    it('a fault set in the UI is what the receiver sees; one click clears it', async () => {
      const ui = faultsPage(page, base)
      await ui.open(streamId)
      await ui.toggle('Wrong aud')
      await ui.apply.click()
      await expect.poll(() => ui.message.textContent()).toMatch(/applied/)
      await expect.poll(() => ui.badge.first().textContent()).toMatch(/Wrong aud/)
      await expect.poll(() => ui.indicator.isVisible()).toBe(true)
      await fire('faulty')
      expect((await receivedWith('faulty')).aud).toBe(WRONG_AUD)

      // The badge shows on the Streams screen too; its one click clears the fault.
      await page.goto(`${base}#/streams`)
      await ui.clearBadge.click()
      await expect.poll(() => ui.badge.count()).toBe(0)
      await expect.poll(() => ui.indicator.count()).toBe(0)
      await fire('clean')
      expect((await receivedWith('clean')).aud).not.toBe(WRONG_AUD)
    })

    it('rotates the signing key with a chosen grace period', async () => {
      const ui = keysPage(page, base)
      await ui.open()
      await expect.poll(() => ui.rows.count()).toBe(1)
      expect(await ui.jwks.getAttribute('href')).toBe(`${server?.url}/ssf/jwks`)
      await ui.grace.fill('600')
      await ui.rotate.click()
      await expect.poll(() => ui.message.textContent()).toMatch(/600 s/)
      await expect.poll(() => ui.states()).toEqual(['active', 'in grace period'])
    })

    it('settings create a client (token shown once) and a tenant with its metadata URL', async () => {
      const ui = settingsPage(page, base)
      await ui.open('clients')
      await expect.poll(() => ui.clientRows.count()).toBeGreaterThan(0)
      const before = await ui.clientRows.count()
      await ui.clientName.fill('CI robot')
      await ui.createClient.click()
      await expect.poll(() => ui.clientToken.textContent()).toMatch(/\S{16,}/)
      await expect.poll(() => ui.clientRows.count()).toBe(before + 1)
      await ui.open('tenants')
      await ui.tenantId.fill('acme')
      await ui.createTenant.click()
      await expect
        .poll(() => ui.tenantRow('acme').textContent())
        .toContain(`${server?.url}/.well-known/ssf-configuration/t/acme`)
    })

    it('settings grant a subject consent, listed with its tenant, and revoke it', async () => {
      const ui = settingsPage(page, base)
      await ui.open('consent')
      await ui.consentEmail.fill('carol@example.com')
      await ui.grantConsent.click()
      await expect.poll(() => ui.consentGranted.textContent()).toMatch(/carol@example\.com/)
      await expect.poll(() => ui.consentRow('carol@example.com').count()).toBe(1)
      const grants = (await api('GET', '/api/consents')) as {
        subject: { email?: string }
        tenant: string
        revoked_at?: number
      }[]
      const grant = grants.find((g) => g.subject.email === 'carol@example.com')
      expect(grant?.tenant).toBe('default')
      expect(grant?.revoked_at).toBeUndefined()
      await ui
        .consentRow('carol@example.com')
        .getByRole('button', { name: /Revoke the consent/ })
        .click()
      await expect.poll(() => ui.consentRow('carol@example.com').count()).toBe(0)
    })

    it.each(['light', 'dark'] as const)(
      'every screen passes axe-core in %s (no serious or critical violation)',
      async (theme) => {
        const screens = [
          '',
          'streams',
          'fire',
          'traffic',
          'receivers',
          'keys',
          ...['clients', 'tenants', 'oauth', 'consent', 'engine'].map((s) => `settings/${s}`),
          `streams/${streamId}/faults`,
          `streams/${streamId}/timeline`
        ]
        const problems: string[] = []
        {
          for (const screen of screens) {
            await page.goto(`${base}#/${screen}`)
            await page.locator('main h2').first().waitFor()
            const current = await page.getByTestId('theme-toggle').getAttribute('aria-label')
            if ((theme === 'dark') !== current?.includes('light'))
              await page.getByTestId('theme-toggle').click()
            for (const v of await axeSeriousViolations(page))
              problems.push(`${theme} #/${screen}: ${v.id} (${v.impact}) ${v.targets.join(' | ')}`)
          }
        }
        expect(problems).toEqual([])
      },
      180_000
    )
  }
)
