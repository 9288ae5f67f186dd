import { decodeJwt, decodeProtectedHeader } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, PUSH, createStream, fireOk } from '../delivery/helpers'
import { startRawReceiver, verifySet, type RawReceiver } from './helpers'

let engine: TestEngine | undefined
let rx: RawReceiver | undefined
afterEach(async () => {
  await engine?.stop()
  await rx?.close()
  engine = rx = undefined
})

async function pushSetup(deps = {}) {
  const r = (rx = await startRawReceiver())
  const e = (engine = await startTestEngine({ pushBackoffBaseMs: 5 }, undefined, deps))
  const stream = await createStream(e, {
    method: PUSH,
    endpoint_url: r.url,
    authorization_header: 'Bearer rx-secret-token-123456'
  })
  return { e, r, stream }
}

describe('replay', () => {
  it('exact (push): the same bytes, same jti, arrive again', async () => {
    const { e, r } = await pushSetup()
    const [made] = await fireOk(e, 'r@corp.example')
    await expect.poll(() => r.tokens.length).toBe(1)
    const res = await e.call('POST', `/api/deliveries/${made!.jti}/replay`)
    expect(res.status).toBe(202)
    expect(await res.json()).toMatchObject({ jti: made!.jti, mode: 'exact' })
    await expect.poll(() => r.tokens.length).toBe(2)
    expect(r.tokens[1]).toBe(r.tokens[0])
  })

  it('exact by traffic id', async () => {
    const { e, r } = await pushSetup()
    const [made] = await fireOk(e, 'r@corp.example')
    await expect.poll(() => r.tokens.length).toBe(1)
    await expect.poll(() => e.core.ctx.traffic!.store.byJti(made!.jti)).toBeDefined()
    const x = e.core.ctx.traffic!.store.byJti(made!.jti)!
    const res = await e.call('POST', `/api/deliveries/${x.id}/replay`)
    expect(await res.json()).toMatchObject({ jti: made!.jti, mode: 'exact' })
    await expect.poll(() => r.tokens.length).toBe(2)
  })

  it('edited (push): merged claims, a new jti, signed again and verifiable', async () => {
    const { e, r, stream } = await pushSetup()
    const [made] = await fireOk(e, 'r@corp.example')
    await expect.poll(() => r.tokens.length).toBe(1)
    const res = await e.call('POST', `/api/deliveries/${made!.jti}/replay`, {
      edits: { txn: 'edited-txn' }
    })
    expect(res.status).toBe(202)
    const body = (await res.json()) as { jti: string; mode: string }
    expect(body.mode).toBe('edited')
    expect(body.jti).not.toBe(made!.jti)
    await expect.poll(() => r.tokens.length).toBe(2)
    const { payload } = await verifySet(r.tokens[1]!, e.url, e.core.issuer, stream.aud)
    const original = decodeJwt(r.tokens[0]!)
    expect(payload).toMatchObject({ jti: body.jti, txn: 'edited-txn', events: original.events })
  })

  it('exact (poll): the acknowledged SET is handed out again', async () => {
    const e = (engine = await startTestEngine())
    const stream = await createStream(e, { method: POLL })
    const pollUrl = `/ssf/poll/${stream.stream_id}`
    const [made] = await fireOk(e, 'p@corp.example')
    const poll = async (body: Record<string, unknown>) =>
      (await (await e.call('POST', pollUrl, body)).json()) as { sets: Record<string, string> }
    const first = await poll({ returnImmediately: true })
    expect(Object.keys(first.sets)).toContain(made!.jti)
    await poll({ ack: Object.keys(first.sets), returnImmediately: true })
    expect(Object.keys((await poll({ returnImmediately: true })).sets)).toEqual([])
    const res = await e.call('POST', `/api/deliveries/${made!.jti}/replay`)
    expect(await res.json()).toMatchObject({ jti: made!.jti, mode: 'exact' })
    const again = await poll({ returnImmediately: true })
    expect(again.sets[made!.jti]).toBe(first.sets[made!.jti])
  })

  it('edited with whole claims (poll): a new SET in the queue', async () => {
    const e = (engine = await startTestEngine())
    const stream = await createStream(e, { method: POLL })
    const [made] = await fireOk(e, 'p@corp.example')
    const claims = {
      ...decodeJwt(e.core.ctx.services.delivery.outbound.get(made!.jti)!.token),
      txn: 'x'
    }
    const res = await e.call('POST', `/api/deliveries/${made!.jti}/replay`, { claims })
    const { jti } = (await res.json()) as { jti: string }
    const got = (await (
      await e.call('POST', `/ssf/poll/${stream.stream_id}`, { returnImmediately: true })
    ).json()) as { sets: Record<string, string> }
    expect(Object.keys(got.sets).sort()).toEqual([made!.jti, jti].sort())
    expect(decodeJwt(got.sets[jti]!)).toMatchObject({ txn: 'x', jti })
  })

  it.each([
    ['unknown-jti', {}, 404],
    ['999999', {}, 404],
    ['JTI', { edits: 'x' }, 400],
    ['JTI', { edits: {}, claims: {} }, 400],
    ['JTI', { other: 1 }, 400]
  ])('replay %s %j answers %i', async (id, body, status) => {
    const e = (engine = await startTestEngine())
    await createStream(e, { method: POLL })
    const [made] = await fireOk(e, 'p@corp.example')
    const res = await e.call(
      'POST',
      `/api/deliveries/${id === 'JTI' ? made!.jti : id}/replay`,
      body
    )
    expect(res.status).toBe(status)
  })
})

describe('key rotation with grace', () => {
  it('the new kid signs; the old key stays published until the grace ends', async () => {
    let now = Date.now()
    const { e, r, stream } = await pushSetup({ clock: { now: () => now } })
    const oldKid = e.core.ctx.keys.active().kid
    const res = await e.call('POST', '/api/keys/rotate', { grace_seconds: 60 })
    expect(res.status).toBe(201)
    const rotated = (await res.json()) as { kid: string; previous_kid: string }
    expect(rotated.previous_kid).toBe(oldKid)
    expect(rotated.kid).not.toBe(oldKid)
    const kids = async () =>
      ((await (await fetch(`${e.url}/ssf/jwks`)).json()) as { keys: { kid: string }[] }).keys.map(
        (k) => k.kid
      )
    expect((await kids()).sort()).toEqual([oldKid, rotated.kid].sort())
    await fireOk(e, 'k@corp.example')
    await expect.poll(() => r.tokens.length).toBe(1)
    expect(decodeProtectedHeader(r.tokens[0]!).kid).toBe(rotated.kid)
    await verifySet(r.tokens[0]!, e.url, e.core.issuer, stream.aud)
    now += 59_000
    expect(await kids()).toContain(oldKid)
    now += 2_000
    expect(await kids()).toEqual([rotated.kid])
  })

  it.each([{}, { grace_seconds: -1 }, { grace_seconds: 5, alg: 'HS256' }])(
    'rotate %j is 400',
    async (body) => {
      const e = (engine = await startTestEngine())
      expect((await e.call('POST', '/api/keys/rotate', body)).status).toBe(400)
    }
  )
})

describe('exports', () => {
  it('HAR 1.2 with the required fields, NDJSON SETs and a curl command', async () => {
    const { e, r } = await pushSetup()
    const [made] = await fireOk(e, 'x@corp.example')
    await expect.poll(() => r.tokens.length).toBe(1)
    await expect.poll(() => e.core.ctx.traffic!.store.byJti(made!.jti)).toBeDefined()

    const har = (await (await e.call('GET', '/api/traffic/export.har')).json()) as {
      log: Record<string, unknown> & { entries: Record<string, unknown>[] }
    }
    expect(har.log.version).toBe('1.2')
    expect(har.log.creator).toMatchObject({ name: expect.any(String), version: expect.any(String) })
    expect(har.log.entries.length).toBeGreaterThan(0)
    for (const entry of har.log.entries) {
      expect(typeof entry.startedDateTime).toBe('string')
      expect(Number.isNaN(Date.parse(String(entry.startedDateTime)))).toBe(false)
      expect(typeof entry.time).toBe('number')
      const req = entry.request as Record<string, unknown>
      const res = entry.response as Record<string, unknown>
      for (const k of [
        'method',
        'url',
        'httpVersion',
        'cookies',
        'headers',
        'queryString',
        'headersSize',
        'bodySize'
      ])
        expect(req, k).toHaveProperty(k)
      for (const k of [
        'status',
        'statusText',
        'httpVersion',
        'cookies',
        'headers',
        'content',
        'redirectURL',
        'headersSize',
        'bodySize'
      ])
        expect(res, k).toHaveProperty(k)
      expect(res.content).toMatchObject({ size: expect.any(Number), mimeType: expect.any(String) })
      expect(entry).toHaveProperty('cache')
      expect(entry.timings).toMatchObject({
        send: expect.any(Number),
        wait: expect.any(Number),
        receive: expect.any(Number)
      })
    }
    expect(JSON.stringify(har)).not.toContain('rx-secret-token-123456')
    expect(JSON.stringify(har)).not.toContain(e.token)

    const nd = await (await e.call('GET', '/api/sets/export.ndjson')).text()
    const lines = nd
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { jti: string; token: string })
    expect(lines.map((l) => l.jti)).toContain(made!.jti)
    expect(lines.find((l) => l.jti === made!.jti)!.token).toBe(r.tokens[0])

    const x = e.core.ctx.traffic!.store.byJti(made!.jti)!
    const curl = await (await e.call('GET', `/api/traffic/${x.id}/curl`)).text()
    expect(curl).toMatch(/^curl -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/events'/)
    expect(curl).toContain("'authorization: Bearer ****3456'")
    expect(curl).toContain(r.tokens[0]!)
    const revealed = await (await e.call('GET', `/api/traffic/${x.id}/curl?reveal=1`)).text()
    expect(revealed).toContain('Bearer rx-secret-token-123456')
  })
})
