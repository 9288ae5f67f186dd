/**
 * Page modules of the screens of issue 11 part B: stream faults, timeline, keys, settings; and an
 * axe-core scan of whatever screen is shown.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8'
)

/** One serious or critical axe violation, in words. */
export interface AxeProblem {
  id: string
  impact: string
  targets: string[]
}

/** Run axe-core on the page as it is; serious and critical violations only. */
export async function axeSeriousViolations(page: Page): Promise<AxeProblem[]> {
  // The pointer must not hover anything: a hover colour is not the resting state.
  await page.mouse.move(0, 0)
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const axe = Reflect.get(window, 'axe') as {
      run(
        context: Document,
        options: object
      ): Promise<{
        violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[]
      }>
    }
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' '))
      }))
  })
}

export function faultsPage(page: Page, base: string) {
  return {
    open: (streamId: string) =>
      page.goto(`${base}#/streams/${encodeURIComponent(streamId)}/faults`),
    toggle: (label: string) => page.getByRole('checkbox', { name: label }).check(),
    delay: page.getByTestId('fault-delay'),
    apply: page.getByTestId('fault-apply'),
    message: page.getByTestId('fault-message'),
    badge: page.getByTestId('stream-fault-badge'),
    clearBadge: page.getByTestId('stream-fault-badge-clear').first(),
    indicator: page.getByTestId('faults-indicator')
  }
}

export function timelinePage(page: Page, base: string) {
  return {
    open: (streamId: string) =>
      page.goto(`${base}#/streams/${encodeURIComponent(streamId)}/timeline`),
    items: page.getByTestId('timeline-item'),
    titles: () => page.getByTestId('timeline-item-title').allTextContents(),
    setDetail: page.getByTestId('timeline-set-detail')
  }
}

export function keysPage(page: Page, base: string) {
  return {
    open: () => page.goto(`${base}#/keys`),
    grace: page.getByTestId('rotate-grace'),
    rotate: page.getByTestId('rotate-key'),
    message: page.getByTestId('rotate-message'),
    rows: page.getByTestId('key-row'),
    states: () => page.getByTestId('key-state').allTextContents(),
    jwks: page.getByTestId('jwks-link')
  }
}

export function settingsPage(page: Page, base: string) {
  return {
    open: (section: string) => page.goto(`${base}#/settings/${section}`),
    clientName: page.getByTestId('client-name'),
    createClient: page.getByTestId('client-create'),
    clientToken: page.getByTestId('client-token-token'),
    clientRows: page.getByTestId('client-row'),
    tenantId: page.getByTestId('tenant-id'),
    createTenant: page.getByTestId('tenant-create'),
    tenantRow: (id: string) => page.locator(`[data-testid="tenant-row"][data-tenant-id="${id}"]`),
    consentEmail: page.getByTestId('consent-subject-email'),
    grantConsent: page.getByTestId('consent-grant-submit'),
    consentGranted: page.getByTestId('consent-grant-done'),
    consentRow: (text: string) => page.getByTestId('consent-row').filter({ hasText: text })
  }
}
