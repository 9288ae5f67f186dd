import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import {
  POLL,
  PUSH,
  SESSION_REVOKED,
  createStream,
  expectFrom,
  fireOk,
  startReceiver,
  type TestReceiver
} from '../delivery/helpers'

interface Summary {
  id: number
  direction: string
  kind: string
  method: string
  url: string
  status: number | null
  stream_id: string | null
  jti: string | null
  event_type: string | null
}

let engine: TestEngine | undefined
let rx: TestReceiver | undefined
afterEach(async () => {
  await engine?.stop()
  await rx?.close()
  engine = rx = undefined
})

async function list(
  e: TestEngine,
  query = ''
): Promise<{ items: Summary[]; next_before: number | null }> {
  const res = await e.call('GET', `/api/traffic${query}`)
  expect(res.status).toBe(200)
  return (await res.json()) as { items: Summary[]; next_before: number | null }
}

async function setup(options: Record<string, unknown> = {}) {
  const r = (rx = await startReceiver())
  const e = (engine = await startTestEngine({
    pushBackoffBaseMs: 5,
    pushBackoffCapMs: 20,
    ...options
  }))
  const stream = await createStream(e, {
    method: PUSH,
    endpoint_url: r.url,
    authorization_header: 'Bearer rx-secret-token-123456'
  })
  expectFrom(r, e, stream.aud)
  return { e, r, streamId: stream.stream_id }
}

describe('traffic log', () => {
  it('records management calls in and pushes out, with links, masked secrets and decoded SETs', async () => {
    const { e, r, streamId } = await setup()
    const [made] = await fireOk(e, 'ana@corp.example')
    await expect.poll(() => r.accepted().length).toBe(1)
    await expect.poll(async () => (await list(e, '?kind=push')).items.length).toBe(1)

    const push = (await list(e, '?kind=push')).items[0]!
    expect(push).toMatchObject({
      direction: 'outbound',
      method: 'POST',
      url: r.url,
      status: 202,
      stream_id: streamId,
      jti: made!.jti,
      event_type: SESSION_REVOKED
    })
    const mgmt = (await list(e, '?direction=inbound&kind=management')).items
    expect(
      mgmt.some((x) => x.method === 'POST' && x.url.endsWith('/ssf/streams') && x.status === 201)
    ).toBe(true)
    // The control API is not recorded.
    expect((await list(e, '?text=%2Fapi%2F')).items).toEqual([])

    const full = (await (await e.call('GET', `/api/traffic/${push.id}`)).json()) as {
      request_headers: Record<string, string>
      sets: { claims: { jti: string }; findings: unknown[] }[]
    }
    expect(full.request_headers.authorization).toBe('Bearer ****3456')
    expect(full.sets).toHaveLength(1)
    expect(full.sets[0]!.claims.jti).toBe(made!.jti)
    expect(Array.isArray(full.sets[0]!.findings)).toBe(true)

    const created = mgmt.find((x) => x.url.endsWith('/ssf/streams'))!
    const view = (await (await e.call('GET', `/api/traffic/${created.id}`)).json()) as {
      request_headers: Record<string, string>
      request_body: string
      response_body: string
    }
    expect(view.request_headers.authorization).toBe('Bearer ****oken')
    expect(view.request_body).not.toContain('rx-secret-token-123456')
    expect(view.response_body).not.toContain('rx-secret-token-123456')
  })

  it('filters by status, event type, text and stream, and pages with before', async () => {
    const { e, r, streamId } = await setup()
    const made = [
      ...(await fireOk(e, 'a@corp.example')),
      ...(await fireOk(e, 'b@corp.example')),
      ...(await fireOk(e, 'c@corp.example'))
    ]
    await expect.poll(() => r.accepted().length).toBe(3)
    await expect.poll(async () => (await list(e, '?kind=push')).items.length).toBe(3)
    expect((await list(e, '?status=2xx&kind=push')).items).toHaveLength(3)
    expect((await list(e, '?status=202&kind=push')).items).toHaveLength(3)
    expect((await list(e, '?status=4xx&kind=push')).items).toHaveLength(0)
    expect(
      (await list(e, `?event_type=${encodeURIComponent(SESSION_REVOKED)}`)).items
    ).toHaveLength(3)
    expect((await list(e, `?stream_id=${streamId}&kind=push`)).items).toHaveLength(3)
    const byText = (await list(e, `?text=${made[1]!.jti}`)).items
    expect(byText.map((x) => x.jti)).toEqual([made[1]!.jti])

    const page1 = await list(e, '?kind=push&limit=2')
    expect(page1.items.map((x) => x.jti)).toEqual([made[2]!.jti, made[1]!.jti])
    expect(page1.next_before).not.toBeNull()
    const page2 = await list(e, `?kind=push&limit=2&before=${page1.next_before}`)
    expect(page2.items.map((x) => x.jti)).toEqual([made[0]!.jti])
    expect(page2.next_before).toBeNull()
  })

  it.each([
    ['?status=abc', 400],
    ['?kind=nope', 400],
    ['?limit=x', 400],
    ['?unknown=1', 400],
    ['', 200]
  ])('GET /api/traffic%s answers %i', async (q, status) => {
    engine = await startTestEngine()
    expect((await engine.call('GET', `/api/traffic${q}`)).status).toBe(status)
  })

  it.each(['999999', 'abc'])('GET /api/traffic/%s is 404', async (id) => {
    engine = await startTestEngine()
    const res = await engine.call('GET', `/api/traffic/${id}`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ err: 'not_found' })
  })

  it('publishes traffic.created on the live feed', async () => {
    const e = (engine = await startTestEngine())
    const controller = new AbortController()
    const res = await fetch(`${e.url}/api/live`, {
      headers: { Authorization: `Bearer ${e.token}` },
      signal: controller.signal
    })
    const reader = res.body!.getReader()
    let text = ''
    const decoder = new TextDecoder()
    await fetch(`${e.url}/.well-known/ssf-configuration`)
    while (!text.includes('event: traffic.created')) {
      const { value, done } = await reader.read()
      if (done) break
      text += decoder.decode(value)
    }
    controller.abort()
    expect(text).toContain('event: traffic.created')
    expect(text).toContain('"kind":"metadata"')
    expect(text).not.toContain('/api/live')
  })

  it('records polls in (linked to the stream and the SET) and pushes in to the Receiver', async () => {
    const e = (engine = await startTestEngine())
    const stream = await createStream(e, { method: POLL })
    const [made] = await fireOk(e, 'p@corp.example')
    await e.call('POST', `/ssf/poll/${stream.stream_id}`, { returnImmediately: true })
    await expect
      .poll(async () => (await list(e, '?kind=poll&direction=inbound')).items[0])
      .toMatchObject({ stream_id: stream.stream_id, jti: made!.jti, status: 200 })

    const created = await e.call('POST', '/api/receivers', { issuer: e.url, audience: 'aud' })
    const { receiver_id } = (await created.json()) as { receiver_id: string }
    await fetch(`${e.url}/receiver/${receiver_id}/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/secevent+jwt' },
      body: 'not-a-set'
    })
    await expect
      .poll(async () => (await list(e, '?kind=receiver-push')).items[0])
      .toMatchObject({ direction: 'inbound', receiver_id, status: 400 })
  })

  it('prunes to the retention cap', async () => {
    const e = (engine = await startTestEngine({ trafficRetention: 20 }))
    for (let i = 0; i < 45; i++) await fetch(`${e.url}/ssf/jwks`)
    await expect
      .poll(
        () =>
          e.core.ctx.db.prepare<[], { n: number | null }>('SELECT MAX(id) AS n FROM traffic').get()!
            .n
      )
      .toBe(45)
    const count = e.core.ctx.db
      .prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM traffic')
      .get()!.n
    expect(count).toBeLessThanOrEqual(20 + 2)
    expect(count).toBeGreaterThanOrEqual(20)
  })
})
