/**
 * Page module of the Streams screen, the create wizard and the subjects drawer.
 */
import type { Page } from 'playwright-core'

export function streamsPage(page: Page) {
  const row = (streamId: string) =>
    page.locator(`[data-testid="stream-row"][data-stream-id="${streamId}"]`)
  const rowNamed = (description: string) =>
    page.getByTestId('stream-row').filter({ has: page.getByText(description, { exact: true }) })
  return {
    rows: page.getByTestId('stream-row'),
    row,
    rowNamed,
    empty: page.getByTestId('streams-empty'),
    status: (streamId: string) => row(streamId).getByTestId('stream-status'),
    message: (streamId: string) => row(streamId).getByTestId('stream-message'),
    async open() {
      await page.getByTestId('nav-streams').click()
    },
    /** Create a push stream through the wizard, by clicking. */
    async createPush(endpoint: string, description: string) {
      await page.getByTestId('create-stream').click()
      await page.getByTestId('wizard-endpoint').fill(endpoint)
      await page.getByTestId('wizard-next').click()
      await page.getByTestId('wizard-next').click()
      await page.getByTestId('wizard-description').fill(description)
      await page.getByTestId('wizard-create').click()
    },
    wizardEndpoint: page.getByTestId('wizard-endpoint'),
    wizard: page.getByTestId('stream-wizard'),
    async setStatus(streamId: string, status: 'enabled' | 'paused' | 'disabled') {
      await row(streamId).getByTestId('stream-actions').click()
      await page.getByTestId(`stream-${status}`).click()
    },
    async verify(streamId: string) {
      await row(streamId).getByTestId('stream-actions').click()
      await page.getByTestId('stream-verify').click()
    },
    async remove(streamId: string) {
      await row(streamId).getByTestId('stream-actions').click()
      await page.getByTestId('stream-delete').click()
      await page.getByTestId('confirm-delete').click()
    },
    async openSubjects(streamId: string) {
      await row(streamId).getByTestId('stream-subjects').click()
      await page.getByTestId('subject-add').waitFor()
    },
    async closeSubjects() {
      await page.getByRole('button', { name: 'Close subjects' }).click()
      await page.getByTestId('subject-add').waitFor({ state: 'detached' })
    },
    async closeWizard() {
      await page.getByRole('button', { name: 'Close the wizard' }).click()
      await page.getByTestId('wizard-next').waitFor({ state: 'hidden' })
    },
    async editDescription(streamId: string, description: string) {
      await row(streamId).getByTestId('stream-edit').click()
      await page.getByTestId('edit-description').fill(description)
      await page.getByTestId('edit-save').click()
      await page.getByTestId('edit-save').waitFor({ state: 'detached' })
    },
    subjectRows: page.getByTestId('subject-row'),
    subjectEmail: page.getByTestId('subject-email'),
    subjectError: page.getByTestId('subject-error'),
    /** Add an email subject in the open drawer (email is the default format). */
    async addEmailSubject(email: string) {
      await page.getByTestId('subject-email').fill(email)
      await page.getByTestId('subject-add').click()
    }
  }
}
