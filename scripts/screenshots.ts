/**
 * Screenshots of each screen at 1280×800 (light, plus dark home and streams) into
 * docs/screenshots/. Run after `npm run build`: `node --import tsx scripts/screenshots.ts`.
 */
import { join } from 'node:path'
import { findChromium, launchChromium, startServer } from '../test/e2e/fixtures'

const OUT = join(process.cwd(), 'docs/screenshots')
const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const CREDENTIAL_CHANGE = 'https://schemas.openid.net/secevent/caep/event-type/credential-change'

async function main(): Promise<void> {
  const chromium = findChromium()
  if ('missing' in chromium) throw new Error(chromium.missing)
  const server = await startServer()
  const browser = await launchChromium(chromium.path)
  try {
    const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body)
      })
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return res.status === 204 ? undefined : res.json()
    }
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
    const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`) })
    await shot('home-light')
    await page.getByTestId('nav-streams').click()
    await page.getByTestId('stream-row').first().waitFor()
    await shot('streams-light')
    await page.getByTestId('create-stream').click()
    await page.getByTestId('wizard-endpoint').fill('https://my-app.example/ssf/events')
    await shot('create-stream-light')
    await page.getByTestId('wizard-next').click()
    await shot('create-stream-events-light')
    await page.getByRole('button', { name: 'Close the wizard' }).click()
    await page.getByTestId('wizard-next').waitFor({ state: 'hidden' })
    await page.locator(`[data-stream-id="${pushId}"]`).getByTestId('stream-subjects').click()
    await page.getByTestId('subjects-table').waitFor()
    await page.getByTestId('subject-format').click()
    await page.getByRole('option', { name: /^Complex/ }).click()
    await shot('subjects-light')
    await page.getByRole('button', { name: 'Close subjects' }).click()
    await page.getByTestId('subject-add').waitFor({ state: 'detached' })
    await page.getByTestId('nav-fire').click()
    await page.getByTestId('fire-send').waitFor()
    await shot('fire-event-light')
    await page.getByTestId('fire-mode').getByText('Raw JSON').click()
    await shot('fire-event-raw-light')
    await page.getByTestId('theme-toggle').click()
    await page.getByTestId('nav-streams').click()
    await shot('streams-dark')
    await page.getByTestId('nav-home').click()
    await shot('home-dark')
    await context.close()
  } finally {
    await browser.close()
    await server.stop()
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`)
  process.exit(1)
})
