/**
 * Page module of the traffic screen (list, filters, detail, replay) and of delivery states.
 */
import type { Page } from 'playwright-core'

export function trafficPage(page: Page) {
  return {
    rows: page.getByTestId('traffic-row'),
    list: page.getByTestId('traffic-list'),
    detail: page.getByTestId('exchange-detail'),
    detailStatus: page.getByTestId('exchange-status'),
    replayExact: page.getByTestId('replay-exact'),
    replayEdit: page.getByTestId('replay-edit'),
    replayResult: page.getByTestId('replay-result'),
    replayEditor: page.getByTestId('replay-editor'),
    replaySend: page.getByTestId('replay-send'),
    pause: page.getByTestId('traffic-pause'),
    newMarker: page.getByTestId('traffic-new'),
    async open() {
      await page.getByTestId('nav-traffic').click()
    },
    /** Texts of one column (0-based cell index) of the rows on screen. */
    async column(index: number): Promise<string[]> {
      return page
        .getByTestId('traffic-row')
        .evaluateAll((rows, i) => rows.map((r) => r.children[i]?.textContent ?? ''), index)
    },
    /** Choose a value of a filter select by its option label. */
    async filter(key: string, option: string) {
      await page.getByTestId(`traffic-filter-${key}`).selectOption({ label: option })
    },
    async clearFilters() {
      await page.getByTestId('traffic-clear').click()
    },
    async text(value: string) {
      await page.getByTestId('traffic-filter-text').fill(value)
    },
    /** Replace the edit-and-resend claims with `claims`. */
    async editClaims(claims: Record<string, unknown>) {
      const editor = page.getByTestId('replay-editor').locator('.cm-content')
      await editor.click()
      await page.keyboard.press('ControlOrMeta+A')
      await page.keyboard.insertText(JSON.stringify(claims, null, 2))
    },
    async editorClaims(): Promise<Record<string, unknown>> {
      const text = await page.getByTestId('replay-editor').locator('.cm-content').innerText()
      return JSON.parse(text) as Record<string, unknown>
    }
  }
}

/** Delivery states where a SET appears (the Fire result rows). */
export function deliveryStates(page: Page) {
  return {
    /** The delivery state of the fire result row that shows `streamName`. */
    ofRow: (streamName: string) =>
      page
        .getByTestId('fire-result-row')
        .filter({ hasText: streamName })
        .getByTestId('delivery-state'),
    linkOfRow: (streamName: string) =>
      page
        .getByTestId('fire-result-row')
        .filter({ hasText: streamName })
        .getByTestId('delivery-traffic-link'),
    /** The row's own "Replay exact" (`exact`) or "Edit and resend" (`edit`) button, or result. */
    replayOfRow: (streamName: string, what: 'exact' | 'edit' | 'result') =>
      page
        .getByTestId('fire-result-row')
        .filter({ hasText: streamName })
        .getByTestId(`replay-${what}`)
  }
}
