/**
 * Screenshots of the inspector (traffic list, exchange detail, Fire delivery states with Replay
 * exact and Edit and resend), light and dark, into docs/screenshots/. Two loopback receivers
 * answer 202 and 503; a third stream is paused (its SETs are held). Run after
 * `npm run build`: `node --import tsx scripts/screenshots-traffic.ts`.
 */
import { join } from 'node:path'
import { findChromium, openUi } from '../test/e2e/fixtures'
import { startTinyReceiver } from '../test/e2e/receiver'
import type { StreamConfiguration } from '../src/shared/ssf'
import { apiCaller } from './screenshot-api'

const OUT = join(process.cwd(), 'docs/screenshots')
const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'

async function main(): Promise<void> {
  const chromium = findChromium()
  if ('missing' in chromium) throw new Error(chromium.missing)
  const [ui, ok, down] = await Promise.all([
    openUi(chromium.path),
    startTinyReceiver(),
    startTinyReceiver(() => 503)
  ])
  try {
    const call = apiCaller(ui.server)
    for (const [description, url] of [
      ['Acme web app', ok.url],
      ['Legacy SSO bridge', down.url],
      ['Mobile backend (paused)', ok.url]
    ] as const)
      await call('POST', '/api/streams', {
        description,
        delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: url },
        events_requested: [SESSION_REVOKED]
      })
    for (const email of ['alice@acme.example', 'bob@acme.example', 'carol@acme.example'])
      await call('POST', '/api/events', {
        type: SESSION_REVOKED,
        subject: { format: 'email', email }
      })
    // The third stream is paused after the list and detail shots: Fire then shows it "held".
    const views = (await call('GET', '/api/streams')) as { config: StreamConfiguration }[]
    const pausedId = views.find((v) => v.config.description?.startsWith('Mobile'))?.config.stream_id
    const page = ui.page
    const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`) })
    const theme = async (want: 'light' | 'dark') => {
      const toggle = page.getByTestId('theme-toggle')
      const label = await toggle.getAttribute('aria-label')
      if ((want === 'dark') === (label === 'Switch to dark theme')) await toggle.click()
    }
    await page.getByTestId('nav-traffic').click()
    await page.getByTestId('traffic-row').nth(5).waitFor()
    for (const mode of ['light', 'dark'] as const) {
      await theme(mode)
      await page.goto(`${ui.server.url}/#/traffic`)
      await page.getByTestId('traffic-row').nth(5).waitFor()
      await shot(`traffic-${mode}`)
      await page.getByTestId('traffic-row').filter({ hasText: '202' }).first().click()
      await page.getByTestId('exchange-set').waitFor()
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.mouse.move(0, 0)
      await shot(`traffic-detail-${mode}`)
      // A fresh stream whose receiver answers 503: its SET is the first in line, so it retries.
      const billing = (await call('POST', '/api/streams', {
        description: 'Billing service',
        delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: down.url },
        events_requested: [SESSION_REVOKED]
      })) as { config: StreamConfiguration }
      if (mode === 'light')
        await call('POST', `/api/streams/${pausedId ?? ''}/status`, { status: 'paused' })
      await page.getByTestId('nav-fire').click()
      await page.getByTestId('event-search').fill('session revoked')
      await page.locator('[data-testid^="event-type-"]').first().click()
      await page.getByTestId('fire-subject-format').click()
      await page.getByRole('option', { name: 'Email', exact: true }).click()
      await page.getByTestId('fire-subject-email').fill('dave@acme.example')
      await page.getByTestId('fire-send').click()
      for (const state of ['delivered', 'retrying', 'held'])
        await page.locator(`[data-testid="delivery-state"][data-state="${state}"]`).waitFor()
      await page.getByTestId('fire-result').evaluate((el) => {
        el.scrollIntoView({ block: 'start' })
        window.scrollBy(0, -72)
      })
      await page.mouse.move(0, 0)
      await shot(`fire-delivery-${mode}`)
      // Edit and resend opens the claims of the first SET in the editor.
      await page.getByTestId('fire-result').getByTestId('replay-edit').first().click()
      await page.locator('.cm-editor').first().waitFor()
      await page.waitForTimeout(500)
      await page.getByTestId('fire-result').evaluate((el) => {
        el.scrollIntoView({ block: 'start' })
        window.scrollBy(0, -72)
      })
      await page.mouse.move(0, 0)
      await shot(`fire-replay-edit-${mode}`)
      await page.keyboard.press('Escape')
      await page.getByTestId('replay-editor').waitFor({ state: 'detached' })
      await call('DELETE', `/api/streams/${billing.config.stream_id}`)
    }
  } finally {
    await ui.close()
    await Promise.all([ok.close(), down.close()])
  }
}

await main()
