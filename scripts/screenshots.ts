/**
 * Screenshots of each screen at 1280×800 (light, plus dark home, streams and fire) into
 * docs/screenshots/. Run after `npm run build`: `node --import tsx scripts/screenshots.ts`.
 */
import { join } from 'node:path'
import { findChromium, launchChromium, startServer } from '../test/e2e/fixtures'
import { apiCaller } from './screenshot-api'

const OUT = join(process.cwd(), 'docs/screenshots')
const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const CREDENTIAL_CHANGE = 'https://schemas.openid.net/secevent/caep/event-type/credential-change'

async function main(): Promise<void> {
  const chromium = findChromium()
  if ('missing' in chromium) throw new Error(chromium.missing)
  const server = await startServer()
  // A second engine plays "your Transmitter" for the Receiver screens.
  const transmitter = await startServer()
  const browser = await launchChromium(chromium.path)
  try {
    const call = apiCaller(server)
    const push = await call('POST', '/api/streams', {
      description: 'Acme web app (staging)',
      delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: 'https://acme.example/ssf/events' },
      events_requested: [SESSION_REVOKED, CREDENTIAL_CHANGE]
    })
    await call('POST', '/api/streams', {
      description: 'Mobile backend',
      delivery: { method: 'urn:ietf:rfc:8936' }
    })
    const third = await call('POST', '/api/streams', {
      description: 'Legacy SSO bridge',
      delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: 'http://127.0.0.1:9/push' },
      events_requested: [SESSION_REVOKED]
    })
    const idOf = (v: unknown): string => {
      const config: unknown =
        typeof v === 'object' && v !== null ? Reflect.get(v, 'config') : undefined
      const id: unknown =
        typeof config === 'object' && config !== null ? Reflect.get(config, 'stream_id') : undefined
      if (typeof id !== 'string') throw new Error('no stream id')
      return id
    }
    await call('POST', `/api/streams/${idOf(third)}/status`, {
      status: 'paused',
      reason: 'maintenance'
    })
    const pushId = idOf(push)
    for (const subject of [
      { format: 'email', email: 'alice@acme.example' },
      { format: 'iss_sub', iss: 'https://idp.acme.example', sub: '248289761001' },
      {
        format: 'complex',
        user: { format: 'email', email: 'bob@acme.example' },
        device: { format: 'opaque', id: 'laptop-42' }
      }
    ])
      await call('POST', `/api/streams/${pushId}/subjects`, { subject })

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto(server.uiUrl)
    await page.getByTestId('metadata-url').waitFor()
    // The header's badge says "live" once the live feed is up; a picture of "offline" misleads.
    await page.locator('[data-testid="live-indicator"][data-live="true"]').waitFor()
    const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`) })
    /** Scroll so the element is at the top, below the 56 px header. */
    const toTop = (testId: string) =>
      page
        .getByTestId(testId)
        .first()
        .evaluate((el) => {
          el.scrollIntoView({ block: 'start' })
          window.scrollBy(0, -72)
        })
    /** Let drawers and modals finish their opening transition. */
    const settle = () => page.waitForTimeout(500)
    await shot('home-light')
    await page.getByTestId('nav-streams').click()
    await page.getByTestId('stream-row').first().waitFor()
    await shot('streams-light')
    await page.getByTestId('create-stream').click()
    await page.getByTestId('wizard-endpoint').fill('https://my-app.example/ssf/events')
    await settle()
    await shot('create-stream-light')
    await page.getByTestId('wizard-next').click()
    await shot('create-stream-events-light')
    await page.getByRole('button', { name: 'Close the wizard' }).click()
    await page.getByTestId('wizard-next').waitFor({ state: 'hidden' })
    await page.locator(`[data-stream-id="${pushId}"]`).getByTestId('stream-subjects').click()
    await page.getByTestId('subjects-table').waitFor()
    await page.getByTestId('subject-format').click()
    await page.getByRole('option', { name: /^Complex/ }).click()
    await settle()
    await shot('subjects-light')
    await page.getByRole('button', { name: 'Close subjects' }).click()
    await page.getByTestId('subject-add').waitFor({ state: 'detached' })
    await call('POST', '/api/templates', {
      name: 'Revoke alice (staging)',
      type: SESSION_REVOKED,
      subject: { format: 'email', email: 'alice@acme.example' },
      claims: { reason_admin: { en: 'Revoked by policy' } },
      stream_ids: [pushId]
    })
    await page.getByTestId('nav-fire').click()
    await page.getByTestId('fire-send').waitFor()
    await shot('fire-event-light')
    // A credential change with a timestamp in milliseconds: the preview names the rule broken.
    await page.getByTestId('event-search').fill('credential change')
    await page.getByTestId('event-type-caep.credential-change').click()
    await page.getByTestId('fire-subject-format').click()
    await page.getByRole('option', { name: 'Email', exact: true }).click()
    await page.getByTestId('fire-subject-email').fill('alice@acme.example')
    await page.getByTestId('claim-event_timestamp').fill('1700000000000')
    await page.getByTestId('preview-findings-row').first().waitFor()
    await toTop('preview')
    await shot('fire-event-preview-light')
    await toTop('claim-x509_issuer')
    await shot('fire-event-claims-light')
    await page.getByTestId('fire-mode').getByText('Raw JSON').click()
    await page.evaluate(() => window.scrollTo(0, 0))
    await settle()
    await shot('fire-event-raw-light')
    await page.getByTestId('fire-mode').getByText('Form').click()

    // Receiver: register the second engine, create a push stream there, fire, check.
    const clients = await fetch(`${transmitter.url}/api/clients`, {
      headers: { Authorization: `Bearer ${transmitter.token}` }
    }).then((r) => r.json() as Promise<unknown>)
    const audience =
      Array.isArray(clients) && typeof clients[0] === 'object' && clients[0] !== null
        ? String(Reflect.get(clients[0], 'audience'))
        : ''
    await page.getByTestId('nav-receiver').click()
    await page.getByTestId('receiver-issuer').fill(transmitter.url)
    await page.getByTestId('receiver-audience').fill(audience)
    await page.getByTestId('receiver-token').fill(transmitter.token)
    await shot('receiver-register-light')
    await page.getByTestId('receiver-register').click()
    await page.getByTestId('receiver-create-push').click()
    await page.getByTestId('receiver-message').filter({ hasText: 'Created a push' }).waitFor()
    const txCall = (method: string, path: string, body?: unknown) =>
      fetch(`${transmitter.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${transmitter.token}`,
          'Content-Type': 'application/json'
        },
        body: body === undefined ? null : JSON.stringify(body)
      })
    const txStreams: unknown = await (await txCall('GET', '/api/streams')).json()
    const txStreamId = Array.isArray(txStreams) ? idOf(txStreams[0]) : ''
    const alice = { format: 'email', email: 'alice@acme.example' }
    await txCall('POST', `/api/streams/${txStreamId}/subjects`, { subject: alice })
    await txCall('POST', '/api/events', {
      type: SESSION_REVOKED,
      subject: alice,
      stream_ids: [txStreamId],
      claims: { event_timestamp: 1_700_000_000 }
    })
    await txCall('POST', '/api/events', {
      type: CREDENTIAL_CHANGE,
      subject: alice,
      stream_ids: [txStreamId],
      claims: { credential_type: 'password', change_type: 'exploded' },
      allow_invalid: true
    })
    await page.getByTestId('inbox-row').nth(1).waitFor()
    await toTop('receiver-detail')
    await shot('receiver-inbox-light')
    await page.getByTestId('inbox-row').first().getByRole('button').click()
    await page.getByTestId('inbox-detail').waitFor()
    await settle()
    await shot('receiver-set-detail-light')
    await page.getByRole('button', { name: 'Close SET details' }).click()
    await page.getByTestId('inbox-detail').waitFor({ state: 'detached' })
    await page.getByTestId('receiver-check').click()
    await page
      .getByTestId('receiver-message')
      .filter({ hasText: /^Checked/ })
      .waitFor({ timeout: 60_000 })
    await page.getByTestId('tab-check').click()
    await toTop('receiver-message')
    await shot('receiver-check-light')

    await page.getByTestId('theme-toggle').click()
    await page.getByTestId('nav-streams').click()
    await shot('streams-dark')
    await page.getByTestId('nav-fire').click()
    await page.getByTestId('fire-send').waitFor()
    await shot('fire-event-dark')
    await page.getByTestId('nav-home').click()
    await shot('home-dark')
    await context.close()
  } finally {
    await browser.close()
    await server.stop()
    await transmitter.stop()
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`)
  process.exit(1)
})
