/**
 * Page module of the app shell and home screen: locators by data-testid, and actions.
 */
import type { Page } from 'playwright-core'

export function appShell(page: Page) {
  return {
    nav: (screen: 'home' | 'streams' | 'fire' | 'traffic' | 'receiver' | 'keys' | 'settings') =>
      page.getByTestId(`nav-${screen}`),
    themeToggle: page.getByTestId('theme-toggle'),
    live: page.getByTestId('live-indicator'),
    metadataUrl: page.getByTestId('metadata-url'),
    issuer: page.getByTestId('issuer'),
    homeStreamCount: page.getByTestId('home-stream-count'),
    sessionError: page.getByTestId('session-error'),
    /** Controls without an accessible name on the current screen (from the ARIA snapshot). */
    async unlabelledControls(): Promise<string[]> {
      const snapshot = await page.locator('body').ariaSnapshot()
      return snapshot
        .split('\n')
        .filter((line) =>
          /^\s*- (button|textbox|combobox|checkbox|switch|radio|link|menuitem)(\s*\[[^\]]*\])*:?\s*$/.test(
            line
          )
        )
    },
    /** Resolves once the UI follows the live feed (so later API changes must show up). */
    async waitLive() {
      await page.locator('[data-testid="live-indicator"][data-live="true"]').waitFor()
    }
  }
}
