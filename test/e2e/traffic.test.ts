/**
 * The inspector in Chromium against the built server and two loopback receivers (one answers
 * 202, one 503): traffic appears live and each filter narrows it; a deep link to an exchange
 * survives a reload; exact and edited replays reach the receiver; the Fire screen follows each
 * SET to "delivered" and "retrying", links to the exchange, and replays from the SET's own row.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium, openUi, type UiSession } from './fixtures'
import { firePage } from './pages/fire'
import { deliveryStates, trafficPage } from './pages/traffic'
import { jwtClaims, startTinyReceiver, type TinyReceiver } from './receiver'

const PUSH = 'urn:ietf:rfc:8935'
const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const CREDENTIAL_CHANGE = 'https://schemas.openid.net/secevent/caep/event-type/credential-change'
const chromiumAt = findChromium()

describe.skipIf('missing' in chromiumAt)(
  `traffic inspector (${'missing' in chromiumAt ? chromiumAt.missing : 'Chromium'})`,
  () => {
    let ui: UiSession
    let page: Page
    let ok: TinyReceiver
    let down: TinyReceiver
    let flaky: TinyReceiver | undefined
    let okStream = ''
    let downStream = ''

    const api = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const res = await fetch(`${ui.server.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${ui.server.token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body)
      })
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return res.json()
    }
    const createStream = async (description: string, url: string): Promise<string> => {
      const s = (await api('POST', '/api/streams', {
        description,
        delivery: { method: PUSH, endpoint_url: url },
        events_requested: [SESSION_REVOKED, CREDENTIAL_CHANGE]
      })) as { config: { stream_id: string } }
      return s.config.stream_id
    }
    const fire = async (streamId: string, type = SESSION_REVOKED, email = 'a@example.com') => {
      const r = (await api('POST', '/api/events', {
        type,
        subject: { format: 'email', email },
        ...(type === CREDENTIAL_CHANGE
          ? { claims: { credential_type: 'password', change_type: 'update' } }
          : {}),
        stream_ids: [streamId]
      })) as { sets: { jti: string }[] }
      return r.sets[0]?.jti ?? ''
    }

    beforeAll(async () => {
      if ('missing' in chromiumAt) return
      ;[ui, ok, down] = await Promise.all([
        openUi(chromiumAt.path),
        startTinyReceiver(),
        startTinyReceiver(() => 503)
      ])
      page = ui.page
      okStream = await createStream('OK app', ok.url)
      downStream = await createStream('Down app', down.url)
    }, 60_000)
    afterAll(async () => {
      await ui?.close()
      await Promise.all([ok?.close(), down?.close(), flaky?.close()])
    })

    it('shows exchanges live, and each filter narrows the list', async () => {
      const t = trafficPage(page)
      await t.open()
      await t.list.waitFor()
      const okJti = await fire(okStream)
      await fire(downStream)
      const typedJti = await fire(okStream, CREDENTIAL_CHANGE, 'b@example.com')
      // Live: the pushes appear without a reload.
      await expect.poll(() => t.column(9)).toEqual(expect.arrayContaining([okJti, typedJti]))
      await expect.poll(() => t.column(5)).toContain('503')
      const all = await t.rows.count()

      await t.filter('status', '5xx')
      await expect
        .poll(() => t.column(5))
        .toSatisfy((s: string[]) => s.length > 0 && s.every((x) => x === '503'))
      expect(new URL(page.url()).hash).toMatch(/status=5xx/)
      await t.clearFilters()
      await expect.poll(() => new URL(page.url()).hash).toBe('#/traffic')
      await expect.poll(() => t.rows.count()).toBeGreaterThanOrEqual(all)

      await t.filter('stream_id', okStream)
      await expect
        .poll(() => t.column(7))
        .toSatisfy((s: string[]) => s.length === 2 && s.every((x) => x === okStream))
      await t.filter('event_type', 'credential-change')
      await expect.poll(() => t.column(9)).toEqual([typedJti])
      await t.clearFilters()

      await t.filter('direction', 'outbound')
      await expect
        .poll(() => t.column(1))
        .toSatisfy((s: string[]) => s.length > 0 && s.every((x) => x === '↑ out'))
      await t.filter('kind', 'push')
      await expect
        .poll(() => t.column(2))
        .toSatisfy((s: string[]) => s.length > 0 && s.every((x) => x === 'push'))
      await t.clearFilters()

      await t.text(okJti)
      await expect.poll(() => t.column(9)).toEqual([okJti])
      await t.text('')
    })

    it('opens a deep link to an exchange again after a reload', async () => {
      const t = trafficPage(page)
      await page.goto(`${ui.server.url}/#/traffic?stream_id=${okStream}`)
      await expect.poll(() => t.rows.count()).toBe(2)
      await t.rows.last().click()
      await t.detail.waitFor()
      const url = page.url()
      expect(new URL(url).hash).toMatch(/^#\/traffic\/\d+\?stream_id=/)
      await page.reload()
      await t.detail.waitFor()
      expect(page.url()).toBe(url)
      expect(await t.detailStatus.innerText()).toBe('202')
      // Arrow keys walk the list (the selection is the URL).
      await page.locator('[data-testid="traffic-row"][aria-selected="true"]').focus()
      await page.keyboard.press('ArrowUp')
      await expect.poll(() => page.url()).not.toBe(url)
    })

    it('replays exactly: the receiver gets the same bytes and jti again', async () => {
      const t = trafficPage(page)
      const jti = await fire(okStream, SESSION_REVOKED, 'replay@example.com')
      await expect.poll(() => ok.received.some((r) => jwtClaims(r.body).jti === jti)).toBe(true)
      await page.goto(`${ui.server.url}/#/traffic?text=${jti}`)
      await expect.poll(() => t.rows.count()).toBe(1)
      await t.rows.first().click()
      await t.replayExact.click()
      await t.replayResult.filter({ hasText: 'same jti' }).waitFor()
      await expect
        .poll(() => ok.received.filter((r) => jwtClaims(r.body).jti === jti).length)
        .toBe(2)
      const copies = ok.received.filter((r) => jwtClaims(r.body).jti === jti)
      expect(copies[1]?.body).toBe(copies[0]?.body)
    })

    it('edits and resends: a new jti, the edited claim, signed again', async () => {
      const t = trafficPage(page)
      await t.replayEdit.click()
      await t.replayEditor.waitFor()
      const claims = await t.editorClaims()
      expect(claims.jti).toBeUndefined()
      await t.editClaims({ ...claims, txn: 'edited-in-the-ui' })
      await t.replaySend.click()
      await t.replayResult.filter({ hasText: 'new SET' }).waitFor()
      await expect
        .poll(() => ok.received.some((r) => jwtClaims(r.body).txn === 'edited-in-the-ui'))
        .toBe(true)
      const edited = ok.received.find((r) => jwtClaims(r.body).txn === 'edited-in-the-ui')
      const original = ok.received.find((r) => jwtClaims(r.body).sub_id !== undefined)
      expect(jwtClaims(edited?.body ?? '').jti).not.toBe(claims.jti)
      expect(jwtClaims(edited?.body ?? '').events).toEqual(jwtClaims(original?.body ?? '').events)
    })

    it('Fire follows each SET: "delivered" for a 202, "retrying" for a 503, linked to the exchange', async () => {
      // A stream of its own: the "Down app" queue is busy retrying earlier SETs in order.
      flaky = await startTinyReceiver(() => 503)
      await createStream('Flaky app', flaky.url)
      const f = firePage(page)
      const d = deliveryStates(page)
      await f.sendSessionRevoked('fire@example.com')
      await expect.poll(() => d.ofRow('OK app').getAttribute('data-state')).toBe('delivered')
      expect(await d.ofRow('OK app').innerText()).toMatch(/202/)
      await expect.poll(() => d.ofRow('Flaky app').getAttribute('data-state')).toBe('retrying')
      expect(await d.ofRow('Flaky app').innerText()).toMatch(
        /attempt \d+ answered HTTP 503.*next attempt/s
      )
      await d.linkOfRow('OK app').click()
      const t = trafficPage(page)
      await t.detail.waitFor()
      expect(await t.detailStatus.innerText()).toBe('202')
    })

    it('replays from the Fire row: exact (same jti) and edited (new jti, edited claim)', async () => {
      const f = firePage(page)
      const d = deliveryStates(page)
      const t = trafficPage(page)
      await f.sendSessionRevoked('row-replay@example.com')
      await expect.poll(() => d.ofRow('OK app').getAttribute('data-state')).toBe('delivered')
      const fromRow = () =>
        ok.received.filter(
          (r) =>
            (jwtClaims(r.body).sub_id as { email?: string } | undefined)?.email ===
            'row-replay@example.com'
        )
      const jti = jwtClaims(fromRow()[0]?.body ?? '').jti
      expect(typeof jti).toBe('string')

      await d.replayOfRow('OK app', 'exact').click()
      await d.replayOfRow('OK app', 'result').filter({ hasText: 'same jti' }).waitFor()
      await expect
        .poll(() => ok.received.filter((r) => jwtClaims(r.body).jti === jti).length)
        .toBe(2)

      await d.replayOfRow('OK app', 'edit').click()
      await t.replayEditor.waitFor()
      const claims = await t.editorClaims()
      expect(claims.jti).toBeUndefined()
      // The engine makes the header when it signs again: the preview of a valid SET fired here
      // finds nothing (it once reported "alg is required" against a bare placeholder header).
      await page.getByTestId('replay-findings-empty').waitFor()
      await t.editClaims({ ...claims, txn: 'edited-from-fire' })
      await t.replaySend.click()
      await d.replayOfRow('OK app', 'result').filter({ hasText: 'new SET' }).waitFor()
      await expect
        .poll(() => ok.received.some((r) => jwtClaims(r.body).txn === 'edited-from-fire'))
        .toBe(true)
      const edited = ok.received.find((r) => jwtClaims(r.body).txn === 'edited-from-fire')
      expect(jwtClaims(edited?.body ?? '').jti).not.toBe(jti)
      expect(jwtClaims(edited?.body ?? '').sub_id).toEqual({
        format: 'email',
        email: 'row-replay@example.com'
      })
    })
  }
)
