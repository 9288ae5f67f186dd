/**
 * Screenshots of both conformance reports (light) into docs/screenshots/: our own embedded
 * Receiver checked by "Check my Receiver", and our own Transmitter checked by "Check my
 * Transmitter". Run after `npm run build`: `node --import tsx scripts/screenshots-conformance.ts`.
 */
import { join } from 'node:path'
import { findChromium, launchChromium, startServer } from '../test/e2e/fixtures'
import { apiCaller } from './screenshot-api'

const OUT = join(process.cwd(), 'docs/screenshots')

async function main(): Promise<void> {
  const chromium = findChromium()
  if ('missing' in chromium) throw new Error(chromium.missing)
  const server = await startServer()
  const browser = await launchChromium(chromium.path)
  try {
    const call = apiCaller(server)
    const str = (v: unknown, ...keys: string[]): string => {
      let x = v
      for (const k of keys) x = typeof x === 'object' && x !== null ? Reflect.get(x, k) : undefined
      if (typeof x !== 'string') throw new Error(`no ${keys.join('.')}`)
      return x
    }
    const session = await call('GET', '/api/session')
    const client = await call('POST', '/api/clients', { name: 'Acme web app' })
    const receiver = await call('POST', '/api/receivers', {
      issuer: str(session, 'issuer'),
      transmitter_token: str(client, 'token')
    })
    const receiverId = str(receiver, 'receiver_id')
    const created = await call('POST', `/api/receivers/${receiverId}/stream`, { delivery: 'push' })
    const streamId = str(created, 'result', 'stream_id')

    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
    const page = await context.newPage()
    await page.goto(server.uiUrl)
    await page.getByTestId('metadata-url').waitFor()
    const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`) })

    await page.evaluate((id) => (location.hash = `#/streams/${id}/check`), streamId)
    await page.getByLabel('Wait for the app (s)').fill('20')
    await page.getByTestId('check-run').click()
    await page
      .getByTestId('check-countdown')
      .filter({ hasText: 'verification.requested' })
      .waitFor()
    await shot('check-receiver-waiting-light')
    await call('POST', `/api/receivers/${receiverId}/verify`, { state: 'from-my-app' })
    await page.getByTestId('check-table').waitFor({ timeout: 60_000 })
    await page.getByRole('button', { name: /bad signature is refused.*show the exchange/ }).click()
    await page.getByTestId('check-exchange').filter({ hasText: '"status"' }).waitFor()
    await shot('check-receiver-light')

    await page.evaluate((id) => (location.hash = `#/receivers/${id}/check`), receiverId)
    await page.getByLabel('Verification wait (s)').fill('3')
    await page.getByTestId('check-run').click()
    await page.getByTestId('check-table').waitFor({ timeout: 90_000 })
    await shot('check-transmitter-light')
  } finally {
    await browser.close()
    await server.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
