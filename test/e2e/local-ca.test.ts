import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium, launchChromium, startServer, type ServerProcess } from './fixtures'

const chromiumAt = findChromium()
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

describe.skipIf('missing' in chromiumAt)(
  `Home: the local CA card (${'missing' in chromiumAt ? chromiumAt.missing : 'Chromium'})`,
  () => {
    let server: ServerProcess
    let browser: Browser
    beforeAll(async () => {
      server = await startServer(['--https-port', '0'])
      if ('path' in chromiumAt) browser = await launchChromium(chromiumAt.path)
    })
    afterAll(async () => {
      await browser?.close()
      await server?.stop()
    })

    it('shows the fingerprint of the certificate it downloads, and how to trust it', async () => {
      const page = await browser.newPage()
      await page.goto(server.uiUrl)
      const card = page.getByTestId('local-ca')
      await expect
        .poll(() => card.getByTestId('local-ca-status').textContent())
        .toMatch(/Serving https at https:\/\/localhost:\d+/)
      const fingerprint = await card.getByTestId('local-ca-fingerprint').textContent()
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.getByTestId('local-ca-download').click()
      ])
      expect(download.suggestedFilename()).toBe('ssf-simulator-ca.pem')
      const pem = readFileSync(await download.path(), 'utf8')
      expect(new X509Certificate(pem).fingerprint256).toBe(fingerprint)
      expect(pem).not.toContain('PRIVATE KEY')
      const path = await card.getByTestId('local-ca-path').textContent()
      expect(await card.getByTestId('trust-node').textContent()).toBe(
        `export NODE_EXTRA_CA_CERTS="${path}"\nnode your-app.js`
      )
      for (const [tab, text] of [
        ['Java', 'keytool -importcert'],
        ['Python', 'REQUESTS_CA_BUNDLE'],
        ['Go', 'SSL_CERT_FILE'],
        ['curl', '--cacert'],
        ['macOS', 'security add-trusted-cert'],
        ['Windows', 'certutil -user -addstore Root'],
        ['Linux', 'update-ca-certificates']
      ] as const) {
        await card.getByRole('tab', { name: tab, exact: true }).click()
        await expect.poll(() => card.getByRole('tabpanel').textContent()).toContain(text)
      }
      await page.close()
    })

    it.each(['light', 'dark'] as const)('has no axe violations in %s mode', async (scheme) => {
      // bypassCSP: the UI's CSP (script-src 'self') would refuse the injected axe script.
      const page = await browser.newPage({ colorScheme: scheme, bypassCSP: true })
      await page.goto(server.uiUrl)
      await page.getByTestId('local-ca-fingerprint').waitFor()
      await page.addScriptTag({ path: AXE })
      const violations = await page.evaluate(async () => {
        const { axe } = window as unknown as {
          axe: { run(context: string): Promise<{ violations: { id: string }[] }> }
        }
        return (await axe.run('[data-testid="local-ca"]')).violations.map((v) => v.id)
      })
      expect(violations).toEqual([])
      await page.close()
    })
  }
)
