/**
 * Issue 15, item 7: RFC 8935 §2 says the Transmitter MUST send `application/secevent+jwt`. In
 * strict mode the Receiver refuses anything else with `400 invalid_request`; in lenient mode it
 * accepts the SET and the finding shows in the inbox entry; "Check my Transmitter" reports it as
 * a failure of the Transmitter under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import {
  TX_TOKEN,
  startTestTransmitter,
  type TestTransmitter
} from '../receiver/helpers/test-transmitter'

const AUDIENCE = 'https://media-type.test'
let engine: TestEngine
let tx: TestTransmitter
beforeAll(async () => {
  engine = await startTestEngine()
  tx = await startTestTransmitter(() => AUDIENCE)
})
afterAll(async () => {
  await engine.stop()
  await tx.close()
})

interface InboxEntry {
  verdict: string
  err?: string
  findings: { severity: string; rule: string; path?: string; message: string }[]
}

async function receiver(extra: Record<string, unknown>): Promise<string> {
  const res = await engine.call('POST', '/api/receivers', {
    issuer: tx.issuer,
    audience: AUDIENCE,
    ...extra
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { receiver_id: string }).receiver_id
}

async function pushAs(id: string, contentType: string): Promise<Response> {
  const { token } = await tx.sign()
  return fetch(`${engine.url}/receiver/${id}/push`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: token
  })
}

async function lastEntry(id: string): Promise<InboxEntry> {
  const res = await engine.call('GET', `/api/receivers/${id}/inbox`)
  const entries = (await res.json()) as InboxEntry[]
  return entries[0]!
}

const mediaTypeFinding = (e: InboxEntry) =>
  e.findings.find((f) => f.rule === 'RFC 8935 §2' && /Content-Type/i.test(f.message))

describe('the media type of pushed SETs', () => {
  it('strict mode: text/plain is 400 invalid_request, stored as rejected with the finding', async () => {
    const id = await receiver({ strict: true })
    const res = await pushAs(id, 'text/plain')
    expect(res.status).toBe(400)
    const body = (await res.json()) as { err: string; description: string }
    expect(body.err).toBe('invalid_request')
    expect(body.description).toContain('application/secevent+jwt')
    const entry = await lastEntry(id)
    expect(entry.verdict).toBe('rejected')
    expect(mediaTypeFinding(entry)?.severity).toBe('error')
    // The right media type is still accepted in strict mode.
    expect((await pushAs(id, 'application/secevent+jwt')).status).toBe(202)
  })

  it('lenient mode: accepted, and the finding shows in the inbox entry', async () => {
    const id = await receiver({})
    expect((await pushAs(id, 'text/plain')).status).toBe(202)
    const entry = await lastEntry(id)
    expect(entry.verdict).toBe('accepted')
    expect(mediaTypeFinding(entry)?.severity).toBe('warning')
  })

  it('"Check my Transmitter" fails a Transmitter that pushes text/plain', async () => {
    const id = await receiver({ transmitter_token: TX_TOKEN })
    const run = async () => {
      const res = await engine.call('POST', `/api/receivers/${id}/check`, {
        verification_wait_seconds: 5
      })
      const { checks } = (await res.json()) as { checks: { id: string; status: string }[] }
      return checks.find((c) => c.id === 'push.content_type')?.status
    }
    expect(await run()).toBe('pass')
    tx.faults.add('push-text-plain')
    try {
      expect(await run()).toBe('fail')
    } finally {
      tx.faults.delete('push-text-plain')
    }
  })
})
