import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { findChromium, launchChromium, startServer } from '/work/wt/ui11b/test/e2e/fixtures'
const require = createRequire(import.meta.url)
const axePath = require.resolve('axe-core/axe.min.js', { paths: ['/work/wt/ui11b'] })
const source = readFileSync(axePath, 'utf8')
const c = findChromium()
if (!('path' in c)) throw new Error('no chromium')
const server = await startServer()
const browser = await launchChromium(c.path)
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
await page.goto(server.uiUrl)
await page.getByTestId('metadata-url').waitFor()
for (const theme of ['light', 'dark']) {
  for (const screen of ['home', 'streams', 'fire', 'receiver']) {
    await page.getByTestId(`nav-${screen}`).click()
    await page.mouse.move(0, 0)
    await page.waitForTimeout(800)
    await page.evaluate(source)
    const r = await page.evaluate(async () => {
      // @ts-expect-error injected
      const res = await window.axe.run(document, { resultTypes: ['violations'] })
      return res.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => ({ id: v.id, n: v.nodes.length, nodes: v.nodes.slice(0, 6).map((n: any) => n.target.join(' ') + ' :: ' + (n.any[0]?.message ?? '')) }))
    })
    console.log(theme, screen, JSON.stringify(r, null, 1))
  }
  await page.getByTestId('theme-toggle').click()
}
await browser.close()
await server.stop()
