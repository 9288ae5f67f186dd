/**
 * Issue 15, item 5: a push that meets an injected Receiver fault is recorded in full (request
 * body, `jti`, decoded SET), whatever the fault.
 */
import { SignJWT, generateKeyPair } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

let engine: TestEngine | undefined
afterEach(async () => {
  await engine?.stop()
  engine = undefined
})

interface Exchange {
  id: number
  jti: string | null
  request_body: string | null
  receiver_id: string | null
  sets: unknown[]
}

async function signedSet(issuer: string, audience: string, jti: string): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256')
  return new SignJWT({
    jti,
    events: { 'https://schemas.openid.net/secevent/caep/event-type/session-revoked': {} },
    sub_id: { format: 'email', email: 'a@corp.example' }
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'secevent+jwt', kid: 'k1' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .sign(privateKey)
}

describe('a push that meets a Receiver fault is recorded in full', () => {
  it.each([
    [{ status: 503 }, 503],
    [{ status: 202 }, 202],
    [{ status: 400, delay_ms: 50 }, 400],
    [{ delay_ms: 50 }, 400]
  ])('fault %j: answer %i, traffic entry has the body, jti and SET', async (fault, status) => {
    const e = (engine = await startTestEngine())
    const created = await e.call('POST', '/api/receivers', {
      issuer: e.url,
      audience: 'rx-aud'
    })
    const { receiver_id } = (await created.json()) as { receiver_id: string }
    expect((await e.call('PUT', `/api/receivers/${receiver_id}/faults`, fault)).status).toBe(200)
    const jti = `jti-${status}-${Object.keys(fault).join('-')}`
    const token = await signedSet(e.url, 'rx-aud', jti)
    const res = await fetch(`${e.url}/receiver/${receiver_id}/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/secevent+jwt' },
      body: token
    })
    expect(res.status).toBe(status)
    const list = async () =>
      (
        (await (
          await e.call('GET', '/api/traffic?direction=inbound&kind=receiver-push')
        ).json()) as { items: Exchange[] }
      ).items
    await expect.poll(async () => (await list()).length).toBe(1)
    const [summary] = await list()
    expect(summary!.jti).toBe(jti)
    expect(summary!.receiver_id).toBe(receiver_id)
    const full = (await (await e.call('GET', `/api/traffic/${summary!.id}`)).json()) as Exchange
    expect(full.request_body).toBe(token)
    expect(full.sets).toHaveLength(1)
  })
})
