/**
 * Screenshots of the stream faults, timeline, keys and settings screens, light and dark, into
 * docs/screenshots/. Run after `npm run build`: `node --import tsx scripts/screenshots-inspector.ts`.
 */
import { join } from 'node:path'
import { findChromium, launchChromium, startServer } from '../test/e2e/fixtures'
import { startTinyReceiver } from '../test/e2e/receiver'
import { apiCaller } from './screenshot-api'

const OUT = join(process.cwd(), 'docs/screenshots')
const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'

async function main(): Promise<void> {
  const chromium = findChromium()
  if ('missing' in chromium) throw new Error(chromium.missing)
  const server = await startServer()
  const receiver = await startTinyReceiver()
  const browser = await launchChromium(chromium.path)
  try {
    const call = apiCaller(server)
    const created = await call('POST', '/ssf/streams', {
      description: 'Acme web app (staging)',
      delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: receiver.url },
      events_requested: [SESSION_REVOKED]
    })
    const id = String(Reflect.get(created as object, 'stream_id'))
    const subject = { format: 'email', email: 'alice@acme.example' }
    await call('POST', '/ssf/subjects:add', { stream_id: id, subject })
    // A subject added and removed again: the timeline shows both steps.
    const bob = { format: 'email', email: 'bob@acme.example' }
    await call('POST', '/ssf/subjects:add', { stream_id: id, subject: bob })
    await call('POST', '/ssf/subjects:remove', { stream_id: id, subject: bob })
    await call('POST', `/api/streams/${id}/status`, { status: 'paused', reason: 'maintenance' })
    await call('POST', `/api/streams/${id}/status`, { status: 'enabled' })
    await call('POST', '/ssf/verify', { stream_id: id, state: 'hello' })
    for (const txn of ['t1', 't2'])
      await call('POST', '/api/events', { type: SESSION_REVOKED, subject, stream_ids: [id], txn })
    await call('PUT', `/api/streams/${id}/faults`, { wrong_aud: true, delay_ms: 250 })
    await call('POST', '/api/keys/rotate', { grace_seconds: 3600 })
    await call('POST', '/api/tenants', { tenant_id: 'acme', name: 'Acme Corp' })
    await call('POST', '/api/clients', { name: 'CI robot' })
    await call('POST', '/api/oauth/clients', { name: 'Acme receiver' })
    await call('PUT', `/api/streams/${id}/consent`, { required: true })
    await call('POST', '/api/consents', { subject })

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto(server.uiUrl)
    await page.locator('[data-testid="live-indicator"][data-live="true"]').waitFor()
    const base = `${server.url}/`
    const screens: [string, string][] = [
      ['stream-faults', `#/streams/${id}/faults`],
      ['stream-timeline', `#/streams/${id}/timeline`],
      ['keys', '#/keys'],
      ['settings-clients', '#/settings/clients'],
      ['settings-tenants', '#/settings/tenants'],
      ['settings-oauth', '#/settings/oauth'],
      ['settings-consent', '#/settings/consent'],
      ['settings-engine', '#/settings/engine']
    ]
    for (const theme of ['light', 'dark']) {
      if (theme === 'dark') await page.getByTestId('theme-toggle').click()
      for (const [name, hash] of screens) {
        await page.goto(`${base}${hash}`)
        await page.locator('main h2').first().waitFor()
        await page.waitForTimeout(600)
        await page.mouse.move(0, 0)
        // Timeline and consent: the whole page (every step; down to the grant form), in a
        // window as tall as the page so the navigation's edge runs to the bottom.
        const whole = name === 'stream-timeline' || name === 'settings-consent'
        const height = whole
          ? Math.max(800, await page.evaluate(() => document.documentElement.scrollHeight))
          : 800
        await page.setViewportSize({ width: 1280, height })
        await page.waitForTimeout(300) // the shell lays out again at the new height
        await page.screenshot({ path: join(OUT, `${name}-${theme}.png`) })
        await page.setViewportSize({ width: 1280, height: 800 })
      }
    }
    await context.close()
  } finally {
    await browser.close()
    await receiver.close()
    await server.stop()
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`)
  process.exit(1)
})
