import { decodeJwt, decodeProtectedHeader } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, PUSH, createStream, fireOk } from '../delivery/helpers'
import { startRawReceiver, verifyFailure, verifySet, type RawReceiver } from './helpers'

let engine: TestEngine | undefined
let rx: RawReceiver | undefined
afterEach(async () => {
  await engine?.stop()
  await rx?.close()
  engine = rx = undefined
})

async function setup(faults: Record<string, unknown>) {
  const r = (rx = await startRawReceiver())
  const e = (engine = await startTestEngine({ pushBackoffBaseMs: 5, pushBackoffCapMs: 20 }))
  const stream = await createStream(e, { method: PUSH, endpoint_url: r.url })
  // The stream's own verification SET (if any) goes out before the faults apply.
  const put = await e.call('PUT', `/api/streams/${stream.stream_id}/faults`, faults)
  expect(put.status).toBe(200)
  expect(await put.json()).toEqual(faults)
  return { e, r, stream }
}

describe('Transmitter fault injection (per stream)', () => {
  it.each([
    [{ corrupt_signature: true }, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
    [{ wrong_aud: true }, 'ERR_JWT_CLAIM_VALIDATION_FAILED:aud'],
    [{ wrong_iss: true }, 'ERR_JWT_CLAIM_VALIDATION_FAILED:iss'],
    [{ unknown_kid: true }, 'ERR_JWKS_NO_MATCHING_KEY'],
    [{ wrong_typ: true }, 'ERR_JWT_CLAIM_VALIDATION_FAILED:typ']
  ])('%j: the receiver fails verification with %s', async (faults, failure) => {
    const { e, r, stream } = await setup(faults)
    const [made] = await fireOk(e, 'f@corp.example')
    await expect.poll(() => r.tokens.length).toBe(1)
    const token = r.tokens[0]!
    expect(decodeJwt(token).jti).toBe(made!.jti)
    expect(await verifyFailure(token, e.url, e.core.issuer, stream.aud)).toBe(failure)
  })

  it('alg_none: an unsigned SET with alg "none" that jose refuses', async () => {
    const { e, r, stream } = await setup({ alg_none: true })
    await fireOk(e, 'n@corp.example')
    await expect.poll(() => r.tokens.length).toBe(1)
    expect(decodeProtectedHeader(r.tokens[0]!).alg).toBe('none')
    expect(r.tokens[0]!.endsWith('.')).toBe(true)
    expect(await verifyFailure(r.tokens[0]!, e.url, e.core.issuer, stream.aud)).not.toBe('verified')
  })

  it.each([-86400, 3600])(
    'iat_offset_seconds %i: a stale or future iat, validly signed',
    async (offset) => {
      const { e, r, stream } = await setup({ iat_offset_seconds: offset })
      const now = Math.floor(Date.now() / 1000)
      await fireOk(e, 's@corp.example')
      await expect.poll(() => r.tokens.length).toBe(1)
      const { payload } = await verifySet(r.tokens[0]!, e.url, e.core.issuer, stream.aud)
      expect(Math.abs(payload.iat! - now - offset)).toBeLessThanOrEqual(5)
    }
  )

  it('drop: nothing reaches the receiver; clearing the faults restores delivery', async () => {
    const { e, r, stream } = await setup({ drop: true })
    const [dropped] = await fireOk(e, 'd@corp.example')
    await expect
      .poll(() => e.core.ctx.services.delivery.outbound.get(dropped!.jti)?.state)
      .toBe('dropped')
    expect(r.tokens).toEqual([])
    expect((await e.call('DELETE', `/api/streams/${stream.stream_id}/faults`)).status).toBe(204)
    expect(await (await e.call('GET', `/api/streams/${stream.stream_id}/faults`)).json()).toEqual(
      {}
    )
    const [sent] = await fireOk(e, 'd2@corp.example')
    await expect.poll(() => r.tokens.length).toBe(1)
    const { payload } = await verifySet(r.tokens[0]!, e.url, e.core.issuer, stream.aud)
    expect(payload.jti).toBe(sent!.jti)
  })

  it('duplicate: the same bytes arrive twice', async () => {
    const { e, r, stream } = await setup({ duplicate: true })
    await fireOk(e, 'dup@corp.example')
    await expect.poll(() => r.tokens.length).toBe(2)
    expect(r.tokens[0]).toBe(r.tokens[1])
    await verifySet(r.tokens[0]!, e.url, e.core.issuer, stream.aud)
  })

  it('reorder: the second SET arrives before the first', async () => {
    const { e, r } = await setup({ reorder: true })
    const [a] = await fireOk(e, 'a@corp.example')
    const [b] = await fireOk(e, 'b@corp.example')
    await expect.poll(() => r.tokens.length).toBe(2)
    expect(r.tokens.map((t) => decodeJwt(t).jti)).toEqual([b!.jti, a!.jti])
  })

  it('delay_ms: the SET arrives no sooner than the delay', async () => {
    const { e, r } = await setup({ delay_ms: 300 })
    const fired = Date.now()
    await fireOk(e, 'slow@corp.example')
    await expect.poll(() => r.tokens.length).toBe(1)
    expect(r.times[0]! - fired).toBeGreaterThanOrEqual(290)
  })

  it.each([
    [{ drop: 'yes' }, 400],
    [{ delay_ms: -1 }, 400],
    [{ bogus: true }, 400],
    [{}, 200]
  ])('PUT faults %j answers %i', async (body, status) => {
    const { e, stream } = await setup({})
    expect((await e.call('PUT', `/api/streams/${stream.stream_id}/faults`, body)).status).toBe(
      status
    )
  })

  it('faults of an unknown stream are 404', async () => {
    engine = await startTestEngine()
    expect((await engine.call('PUT', '/api/streams/nope/faults', { drop: true })).status).toBe(404)
  })
})

describe('Receiver fault injection (per receiver)', () => {
  it('the push endpoint answers the injected status after the delay, then recovers', async () => {
    const e = (engine = await startTestEngine())
    const created = await e.call('POST', '/api/receivers', { issuer: e.url, audience: 'rx-aud' })
    const { receiver_id } = (await created.json()) as { receiver_id: string }
    const put = await e.call('PUT', `/api/receivers/${receiver_id}/faults`, {
      status: 503,
      delay_ms: 200
    })
    expect(put.status).toBe(200)
    const t0 = Date.now()
    const res = await fetch(`${e.url}/receiver/${receiver_id}/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/secevent+jwt' },
      body: 'a.b.c'
    })
    expect(res.status).toBe(503)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190)
    expect(await res.json()).toMatchObject({ err: 'fault_injected' })
    expect((await e.call('DELETE', `/api/receivers/${receiver_id}/faults`)).status).toBe(204)
    const normal = await fetch(`${e.url}/receiver/${receiver_id}/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/secevent+jwt' },
      body: 'a.b.c'
    })
    expect(normal.status).toBe(400)
  })
})

describe('fault injection on poll streams', () => {
  it('token faults apply to the SETs a poll response hands out', async () => {
    const e = (engine = await startTestEngine())
    const stream = await createStream(e, { method: POLL })
    await e.call('PUT', `/api/streams/${stream.stream_id}/faults`, { wrong_aud: true })
    const [made] = await fireOk(e, 'poll@corp.example')
    const res = await e.call('POST', `/ssf/poll/${stream.stream_id}`, { returnImmediately: true })
    const { sets } = (await res.json()) as { sets: Record<string, string> }
    expect(await verifyFailure(sets[made!.jti]!, e.url, e.core.issuer, stream.aud)).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED:aud'
    )
  })
})

describe('outbound exchanges of the embedded Receiver', () => {
  it('records its metadata and JWKS fetches', async () => {
    const e = (engine = await startTestEngine())
    const created = await e.call('POST', '/api/receivers', {
      issuer: e.url,
      audience: 'rx-aud',
      transmitter_token: e.token
    })
    const { receiver_id } = (await created.json()) as { receiver_id: string }
    await e.call('POST', `/api/receivers/${receiver_id}/check`, {})
    const kinds = async (q: string) =>
      ((await (await e.call('GET', `/api/traffic?${q}`)).json()) as { items: { kind: string }[] })
        .items.length
    await expect.poll(() => kinds('direction=outbound&kind=metadata')).toBeGreaterThan(0)
    expect(await kinds('direction=outbound&kind=jwks')).toBeGreaterThan(0)
    expect(await kinds('direction=inbound&kind=metadata')).toBeGreaterThan(0)
  })
})
