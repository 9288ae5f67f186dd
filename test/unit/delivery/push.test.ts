import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  classifyPushResponse,
  parseRetryAfter,
  pushRequest
} from '../../../src/main/transmitter/delivery/push'

const NOW = Date.UTC(2026, 0, 1)

describe('classifyPushResponse (RFC 8935 §2.3–2.4)', () => {
  it.each([
    [202, 'delivered'],
    [200, 'delivered'],
    [204, 'delivered'],
    [400, 'rejected'],
    [401, 'rejected'],
    [403, 'rejected'],
    [404, 'rejected'],
    [301, 'rejected'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry']
  ])('HTTP %i → %s', (status, kind) => {
    expect(classifyPushResponse(status, null, '', NOW).kind).toBe(kind)
  })

  it('warns on 200/204 and not on 202', () => {
    expect(classifyPushResponse(202, null, '', NOW)).toEqual({ kind: 'delivered' })
    expect(classifyPushResponse(200, null, '', NOW)).toMatchObject({ warning: expect.any(String) })
  })

  it('names err and description of a 400 body', () => {
    const body = JSON.stringify({ err: 'invalid_key', description: 'unknown kid' })
    expect(classifyPushResponse(400, null, body, NOW)).toEqual({
      kind: 'rejected',
      error: 'HTTP 400 (invalid_key: unknown kid)'
    })
  })

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(classifyPushResponse(429, '3', '', NOW)).toMatchObject({ retryAfterMs: 3000 })
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000)
    expect(parseRetryAfter('soon', NOW)).toBeUndefined()
    expect(parseRetryAfter(null, NOW)).toBeUndefined()
  })

  it('never throws, whatever the status and body', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.option(fc.string()),
        fc.string(),
        (s, ra, b) => {
          const out = classifyPushResponse(s, ra, b, NOW)
          expect(['delivered', 'rejected', 'retry']).toContain(out.kind)
        }
      )
    )
  })
})

describe('backoffDelay', () => {
  it('doubles from the base with equal jitter and stays under the cap', () => {
    expect(backoffDelay(1, 500, 60_000, () => 0)).toBe(250)
    expect(backoffDelay(1, 500, 60_000, () => 1)).toBe(500)
    expect(backoffDelay(3, 500, 60_000, () => 1)).toBe(2000)
    expect(backoffDelay(30, 500, 60_000, () => 1)).toBe(60_000)
    expect(backoffDelay(30, 500, 60_000, () => 0)).toBe(30_000)
  })
})

describe('pushRequest', () => {
  it('sends the SET with the RFC 8935 headers, the authorization header verbatim, no redirects', () => {
    const { url, init } = pushRequest(
      {
        method: 'urn:ietf:rfc:8935',
        endpoint_url: 'https://rx.example/e',
        authorization_header: 'Basic x'
      },
      'a.b.c',
      new AbortController().signal
    )
    expect(url).toBe('https://rx.example/e')
    expect(init).toMatchObject({
      method: 'POST',
      body: 'a.b.c',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/secevent+jwt',
        Accept: 'application/json',
        Authorization: 'Basic x'
      }
    })
  })
})
