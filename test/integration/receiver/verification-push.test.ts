import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { TX_TOKEN, startTestTransmitter, type TestTransmitter } from './helpers/test-transmitter'

const AUDIENCE = 'https://verify.test'
let engine: TestEngine
let tx: TestTransmitter
let id: string

beforeAll(async () => {
  engine = await startTestEngine()
  tx = await startTestTransmitter(() => AUDIENCE)
  const res = await engine.call('POST', '/api/receivers', {
    issuer: tx.issuer,
    audience: AUDIENCE,
    transmitter_token: TX_TOKEN,
    require_authorization: true
  })
  id = ((await res.json()) as { receiver_id: string }).receiver_id
  const stream = await engine.call('POST', `/api/receivers/${id}/stream`, {
    delivery: 'push',
    events_requested: ['https://schemas.openid.net/secevent/caep/event-type/session-revoked']
  })
  expect(await stream.json()).toMatchObject({ ok: true, status: 201 })
})
afterAll(async () => {
  await engine.stop()
  await tx.close()
})

describe('verification by push', () => {
  it('the Transmitter got our push endpoint and the Authorization header to send', () => {
    const [config] = [...tx.streams.values()]
    expect(config?.delivery).toMatchObject({
      method: 'urn:ietf:rfc:8935',
      endpoint_url: `${engine.url}/receiver/${id}/push`,
      authorization_header: expect.stringMatching(/^Bearer /)
    })
  })

  it('a verification SET with our state is accepted (202)', async () => {
    const res = await engine.call('POST', `/api/receivers/${id}/verify`, { state: 's-1' })
    expect(await res.json()).toMatchObject({ ok: true, status: 204, state: 's-1' })
    await expect.poll(() => tx.pushResults.length).toBe(1)
    expect(tx.pushResults[0]).toEqual({ status: 202, body: '' })
  })

  it('a verification SET with another state → 400 invalid_state', async () => {
    tx.faults.add('verify-wrong-state')
    await engine.call('POST', `/api/receivers/${id}/verify`, { state: 's-2' })
    await expect.poll(() => tx.pushResults.length).toBe(2)
    expect(tx.pushResults[1]?.status).toBe(400)
    expect(JSON.parse(tx.pushResults[1]?.body ?? '{}')).toMatchObject({ err: 'invalid_state' })
    tx.faults.delete('verify-wrong-state')
  })

  it('an event type outside events_delivered is accepted but flagged (A24)', async () => {
    const { token } = await tx.sign({
      claims: {
        events: { 'https://schemas.openid.net/secevent/caep/event-type/credential-change': {} }
      }
    })
    const view = (await (await engine.call('GET', `/api/receivers/${id}`)).json()) as {
      authorization_header: string
    }
    const res = await fetch(`${engine.url}/receiver/${id}/push`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/secevent+jwt',
        Authorization: view.authorization_header
      },
      body: token
    })
    expect(res.status).toBe(202)
    const [entry] = (await (
      await engine.call('GET', `/api/receivers/${id}/inbox?limit=1`)
    ).json()) as {
      findings: { rule: string }[]
    }[]
    expect(entry?.findings.some((f) => f.rule.includes('A24'))).toBe(true)
  })
})
