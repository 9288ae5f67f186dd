/**
 * Page module of the Fire event screen.
 */
import type { Page } from 'playwright-core'

export function firePage(page: Page) {
  const ui = {
    async open() {
      await page.getByTestId('nav-fire').click()
    },
    async pick(search: string) {
      await page.getByTestId('event-search').fill(search)
      await page.locator('[data-testid^="event-type-"]').first().click()
    },
    /** Switch the subject form to a format by its label (the catalog example may pick another). */
    async subjectFormat(label: string) {
      await page.getByTestId('fire-subject-format').click()
      await page.getByRole('option', { name: label, exact: true }).click()
    },
    subjectEmail: page.getByTestId('fire-subject-email'),
    send: page.getByTestId('fire-send'),
    resultRows: page.getByTestId('fire-result-row'),
    error: page.getByTestId('fire-error'),
    catalogMessage: page.getByTestId('catalog-message'),
    /** Open the screen and send session-revoked about an email subject to every stream. */
    async sendSessionRevoked(email: string) {
      await ui.open()
      await ui.pick('session revoked')
      await ui.subjectFormat('Email')
      await ui.subjectEmail.fill(email)
      await ui.send.click()
    }
  }
  return ui
}
