/**
 * "Check my Receiver" against apps written here: a clean one (push and poll), our own embedded
 * Receiver, and deliberately broken ones. Each defect is found by exactly its check.
 */
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportCheck } from '../../../src/shared/api/conformance'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { startReceiverApp, type AppDefects, type ReceiverApp } from './helpers/receiver-app'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(async () => {
  await engine.stop()
})

/** Run the check; when it waits for a verification request, `act` makes the app ask. */
async function runCheck(streamId: string, act?: () => Promise<unknown>): Promise<ReportCheck[]> {
  const unsubscribe = engine.core.ctx.bus.subscribe((e) => {
    if (e.type === 'check.waiting' && e.id === streamId && e.check_id === 'verification.requested')
      void act?.()
  })
  try {
    const res = await engine.call('POST', `/api/streams/${streamId}/check`, { wait_seconds: 5 })
    expect(res.status).toBe(200)
    return ((await res.json()) as { checks: ReportCheck[] }).checks
  } finally {
    unsubscribe()
  }
}

/** Lines that do not pass; poll streams skip the timing check (the app sets the pace). */
const notPassing = (checks: ReportCheck[]) =>
  checks
    .filter((c) => c.status !== 'pass' && !(c.id === 'timing.answers' && c.status === 'skip'))
    .map((c) => `${c.id}: ${c.status} ${c.detail}`)

async function withApp<T>(
  method: 'push' | 'poll',
  defects: AppDefects,
  body: (app: ReceiverApp) => Promise<T>
): Promise<T> {
  const app = await startReceiverApp(engine, method, defects)
  try {
    return await body(app)
  } finally {
    await app.close()
  }
}

describe('Check my Receiver', () => {
  it.each(['push', 'poll'] as const)('a conforming %s Receiver passes every check', (method) =>
    withApp(method, {}, async (app) => {
      const checks = await runCheck(app.streamId, () => app.requestVerification('s-1'))
      expect(notPassing(checks)).toEqual([])
      expect(checks.length).toBeGreaterThan(8)
      expect(checks.find((c) => c.id === 'verification.requested')?.detail).toContain('"s-1"')
      // Each line that stands for an exchange links its traffic entry.
      const linked = checks.filter((c) => c.exchange_id !== undefined)
      expect(linked.length).toBeGreaterThan(5)
      const one = await engine.call('GET', `/api/traffic/${linked[0]?.exchange_id}`)
      expect(one.status).toBe(200)
      // Every check id is documented with its rule in docs/conformance.md.
      const doc = await readFile(new URL('../../../docs/conformance.md', import.meta.url), 'utf8')
      expect(checks.map((c) => c.id).filter((id) => !doc.includes(`\`${id}\``))).toEqual([])
    })
  )

  it.each<[string, 'push' | 'poll', AppDefects, string]>([
    ['accepts a bad signature', 'push', { acceptBadSignature: true }, 'push.bad_signature'],
    ['accepts HS256 keyed with the public JWK', 'push', { acceptHmac: true }, 'push.hmac'],
    ['answers 200 with an empty body', 'push', { answer200: true }, 'push.valid'],
    ['never acknowledges duplicates', 'push', { refuseDuplicates: true }, 'push.duplicate'],
    ['acknowledges invalid SETs on poll', 'poll', { ackInvalidOnPoll: true }, 'poll.invalid']
  ])('a Receiver that %s fails exactly %s', (_name, method, defects, checkId) =>
    withApp(method, defects, async (app) => {
      const checks = await runCheck(app.streamId, () => app.requestVerification('s-2'))
      expect(checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([checkId])
      expect(checks.filter((c) => c.status === 'warn')).toEqual([])
    })
  )

  it('leaves the stream status and faults as it found them', () =>
    withApp('push', {}, async (app) => {
      const faults = { delay_ms: 1, duplicate: true }
      expect((await engine.call('PUT', `/api/streams/${app.streamId}/faults`, faults)).status).toBe(
        200
      )
      await engine.call('POST', `/api/streams/${app.streamId}/status`, {
        status: 'paused',
        reason: 'by the user'
      })
      await runCheck(app.streamId, () => app.requestVerification('s-3'))
      const stream = (await (await engine.call('GET', `/api/streams/${app.streamId}`)).json()) as {
        status: string
        reason?: string
      }
      expect(stream).toMatchObject({ status: 'paused', reason: 'by the user' })
      const after = await (await engine.call('GET', `/api/streams/${app.streamId}/faults`)).json()
      expect(after).toMatchObject(faults)
    }))

  it('our own embedded Receiver, pointed at our own Transmitter, passes every check', async () => {
    const client = (await (
      await engine.call('POST', '/api/clients', { name: 'embedded receiver' })
    ).json()) as { token: string }
    const registered = await engine.call('POST', '/api/receivers', {
      issuer: engine.core.issuer,
      transmitter_token: client.token
    })
    expect(registered.status).toBe(201)
    const { receiver_id } = (await registered.json()) as { receiver_id: string }
    const created = (await (
      await engine.call('POST', `/api/receivers/${receiver_id}/stream`, { delivery: 'push' })
    ).json()) as { ok: boolean; result: { stream_id: string } }
    expect(created.ok).toBe(true)
    const checks = await runCheck(created.result.stream_id, () =>
      engine.call('POST', `/api/receivers/${receiver_id}/verify`, { state: 'own' })
    )
    expect(notPassing(checks)).toEqual([])
  })

  it('an unknown stream is 404 and bad options are 400', async () => {
    expect((await engine.call('POST', '/api/streams/nope/check', {})).status).toBe(404)
    const app = await startReceiverApp(engine, 'push')
    try {
      const res = await engine.call('POST', `/api/streams/${app.streamId}/check`, {
        wait_seconds: 'soon'
      })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ err: 'invalid_request' })
    } finally {
      await app.close()
    }
  })
})
