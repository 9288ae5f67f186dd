/**
 * The consent screens driven in Chromium against the built headless server: the
 * tenant-administrator consent of the authorization-code grant (token bound to the tenant) and
 * the simulated user's subject consent (subject verified, then un-verified on withdrawal).
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium, launchChromium, startServer, type ServerProcess } from './fixtures'

const chromiumAt = findChromium()
// Never contacted: the browser's request is intercepted (port 9 would be an unsafe port to Chromium).
const REDIRECT_URI = 'http://127.0.0.1:8765/callback'

describe.skipIf('missing' in chromiumAt)(
  `consent screens (${'missing' in chromiumAt ? chromiumAt.missing : 'Chromium'})`,
  () => {
    let server: ServerProcess
    let browser: Browser

    const api = async (method: string, path: string, body?: unknown, token = server.token) => {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}` }
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      return fetch(`${server.url}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body)
      })
    }

    beforeAll(async () => {
      server = await startServer()
      if ('path' in chromiumAt) browser = await launchChromium(chromiumAt.path)
      expect((await api('POST', '/api/tenants', { tenant_id: 'acme' })).status).toBe(201)
    })
    afterAll(async () => {
      await browser?.close()
      await server?.stop()
    })

    it('a tenant administrator approves an app; its token is bound to that tenant', async () => {
      const reg = await api('POST', '/api/oauth/clients', {
        name: 'Browser app',
        grant_types: ['authorization_code'],
        redirect_uris: [REDIRECT_URI],
        token_endpoint_auth_method: 'none'
      })
      expect(reg.status).toBe(201)
      const { client_id } = (await reg.json()) as { client_id: string }
      const verifier = randomBytes(32).toString('base64url')
      const challenge = createHash('sha256').update(verifier).digest('base64url')
      const query = new URLSearchParams({
        client_id,
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: 'ssf.read ssf.manage',
        state: 'xyz',
        code_challenge: challenge,
        code_challenge_method: 'S256'
      })

      const page = await browser.newPage()
      let callback: URL | undefined
      // The app's redirect_uri is not running: answer it here and keep the URL.
      await page.route(`${REDIRECT_URI}**`, async (route) => {
        callback = new URL(route.request().url())
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>app</p>' })
      })
      await page.goto(`${server.url}/oauth/auth?${query}`)
      await expect.poll(() => page.getByTestId('consent-client').textContent()).toBe('Browser app')
      await page.getByTestId('consent-tenant').selectOption('acme')
      await page.getByTestId('consent-approve').click()
      await expect.poll(() => callback?.searchParams.get('state')).toBe('xyz')
      await page.close()

      const token = await fetch(`${server.url}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: callback?.searchParams.get('code') ?? '',
          redirect_uri: REDIRECT_URI,
          code_verifier: verifier,
          client_id
        }).toString()
      })
      expect(token.status).toBe(200)
      const { access_token } = (await token.json()) as { access_token: string }
      const created = await api(
        'POST',
        '/t/acme/ssf/streams',
        { delivery: { method: 'urn:ietf:rfc:8936' } },
        access_token
      )
      expect(created.status).toBe(201)
      expect((await api('GET', '/ssf/streams', undefined, access_token)).status).toBe(404)
    })

    it('a user allows sharing: the subject is verified; withdrawing un-verifies it', async () => {
      const created = await api('POST', '/t/acme/ssf/streams', {
        delivery: { method: 'urn:ietf:rfc:8936' }
      })
      const { stream_id } = (await created.json()) as { stream_id: string }
      expect(
        (await api('PUT', `/api/streams/${stream_id}/consent`, { required: true })).status
      ).toBe(200)
      const subject = { format: 'email', email: 'user@example.com' }
      expect((await api('POST', '/t/acme/ssf/subjects:add', { stream_id, subject })).status).toBe(
        200
      )
      const verified = async () => {
        const view = (await (await api('GET', `/api/streams/${stream_id}`)).json()) as {
          subjects: { verified: boolean }[]
        }
        return view.subjects[0]?.verified
      }
      expect(await verified()).toBe(false)

      const page = await browser.newPage()
      await page.goto(`${server.url}/consent/acme`)
      await page.getByTestId('consent-email').fill('user@example.com')
      await page.getByTestId('consent-allow').click()
      await expect
        .poll(() => page.getByTestId('consent-result').textContent())
        .toContain('is allowed')
      await expect.poll(verified).toBe(true)

      await page.getByTestId('consent-revoke').click()
      await expect
        .poll(() => page.getByTestId('consent-result').textContent())
        .toBe('Consent withdrawn.')
      await expect.poll(verified).toBe(false)
      await page.close()
    })
  }
)
