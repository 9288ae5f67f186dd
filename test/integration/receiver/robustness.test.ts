import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { startTestTransmitter, type TestTransmitter } from './helpers/test-transmitter'

const AUDIENCE = 'https://robust.test'
let engine: TestEngine
let tx: TestTransmitter
let id: string

beforeAll(async () => {
  engine = await startTestEngine()
  tx = await startTestTransmitter(() => AUDIENCE)
  const res = await engine.call('POST', '/api/receivers', { issuer: tx.issuer, audience: AUDIENCE })
  id = ((await res.json()) as { receiver_id: string }).receiver_id
})
afterAll(async () => {
  await engine.stop()
  await tx.close()
})

async function inboxCount(): Promise<number> {
  const res = await engine.call('GET', `/api/receivers/${id}/inbox?limit=500`)
  return ((await res.json()) as unknown[]).length
}

describe('bad input never crashes the push endpoint, and nothing is silently dropped', () => {
  it('random bodies and content types → 400 JSON with an RFC 8935 code, each stored as rejected', async () => {
    const codes = new Set(['invalid_request', 'invalid_key', 'invalid_issuer', 'invalid_audience'])
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
          fc
            .tuple(fc.base64String(), fc.base64String(), fc.base64String())
            .map(([a, b, c]) => new TextEncoder().encode(`${a}.${b}.${c}`))
        ),
        fc.constantFrom(
          'application/secevent+jwt',
          'application/json',
          'application/octet-stream',
          ''
        ),
        async (body, type) => {
          const before = await inboxCount()
          const res = await fetch(`${engine.url}/receiver/${id}/push`, {
            method: 'POST',
            headers: type ? { 'Content-Type': type } : {},
            body: new Blob([body])
          })
          expect(res.status).toBe(400)
          const json = (await res.json()) as { err: string }
          expect(codes.has(json.err)).toBe(true)
          expect(await inboxCount()).toBe(before + 1)
        }
      ),
      { numRuns: 40 }
    )
  })

  it('a body over 1 MiB → 413 JSON, stored as rejected; the engine keeps serving', async () => {
    const before = await inboxCount()
    const res = await fetch(`${engine.url}/receiver/${id}/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/secevent+jwt' },
      body: 'a'.repeat(1024 * 1024 + 10)
    })
    expect(res.status).toBe(413)
    expect(await inboxCount()).toBe(before + 1)
    const { token } = await tx.sign()
    const ok = await fetch(`${engine.url}/receiver/${id}/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/secevent+jwt' },
      body: token
    })
    expect(ok.status).toBe(202)
  })

  it.each([
    [{}, 400],
    [{ issuer: 42 }, 400],
    [{ issuer: 'http://127.0.0.1:1', unknown_member: true }, 400],
    [{ issuer: 'ftp://x' }, 400],
    [{ issuer: 'https://x.example/?q=1' }, 400]
  ])('POST /api/receivers %j → %i', async (body, status) => {
    const res = await engine.call('POST', '/api/receivers', body)
    expect(res.status).toBe(status)
    expect(await res.json()).toHaveProperty('err')
  })
})

describe('restart', () => {
  it('keeps receivers, their settings and their inbox', async () => {
    const other = await startTestEngine()
    const created = (await (
      await other.call('POST', '/api/receivers', {
        issuer: tx.issuer,
        audience: AUDIENCE,
        require_authorization: true
      })
    ).json()) as { receiver_id: string; authorization_header: string }
    const { token } = await tx.sign()
    const pushed = await fetch(`${other.url}/receiver/${created.receiver_id}/push`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/secevent+jwt',
        Authorization: created.authorization_header
      },
      body: token
    })
    expect(pushed.status).toBe(202)
    await other.stop(false)
    const again = await startTestEngine({}, other.dataDir)
    try {
      const view = (await (
        await again.call('GET', `/api/receivers/${created.receiver_id}`)
      ).json()) as {
        authorization_header: string
      }
      expect(view.authorization_header).toBe(created.authorization_header)
      const inbox = (await (
        await again.call('GET', `/api/receivers/${created.receiver_id}/inbox`)
      ).json()) as {
        raw: string
      }[]
      expect(inbox.map((e) => e.raw)).toEqual([token])
    } finally {
      await again.stop()
    }
  })
})
