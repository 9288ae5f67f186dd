/**
 * Guard for mutation testing (docs/testing.md) of the push sender's pure parts: every outcome of
 * `classifyPushResponse` compared whole (kind, error text, Retry-After present or absent), the
 * status boundaries, the error-body description, `Retry-After` parsing, the response excerpt and
 * the headers of a push with and without an authorization header.
 * @see RFC 8935 §2.3–§2.4; src/main/transmitter/delivery/push.ts
 */
import { describe, expect, it } from 'vitest'
import {
  BODY_EXCERPT_CHARS,
  backoffDelay,
  classifyPushResponse,
  parseRetryAfter,
  processPushResponse,
  pushHeaders,
  pushRequest
} from '../../../src/main/transmitter/delivery/push'

const NOW = Date.UTC(2026, 0, 1)
const PUSH = 'urn:ietf:rfc:8935' as const

describe('classifyPushResponse, whole outcomes', () => {
  it.each([
    [202, { kind: 'delivered' }],
    [200, { kind: 'delivered', warning: 'HTTP 200 instead of 202 Accepted' }],
    [204, { kind: 'delivered', warning: 'HTTP 204 instead of 202 Accepted' }],
    [201, { kind: 'rejected', error: 'HTTP 201' }],
    [299, { kind: 'rejected', error: 'HTTP 299' }],
    [300, { kind: 'rejected', error: 'HTTP 300: redirects are not followed' }],
    [302, { kind: 'rejected', error: 'HTTP 302: redirects are not followed' }],
    [399, { kind: 'rejected', error: 'HTTP 399: redirects are not followed' }],
    [400, { kind: 'rejected', error: 'HTTP 400' }],
    [407, { kind: 'rejected', error: 'HTTP 407' }],
    [408, { kind: 'retry', error: 'HTTP 408' }],
    [425, { kind: 'retry', error: 'HTTP 425' }],
    [429, { kind: 'retry', error: 'HTTP 429' }],
    [499, { kind: 'rejected', error: 'HTTP 499' }],
    [500, { kind: 'retry', error: 'HTTP 500' }],
    [501, { kind: 'retry', error: 'HTTP 501' }],
    [599, { kind: 'retry', error: 'HTTP 599' }]
  ])('HTTP %i with no body and no Retry-After', (status, outcome) => {
    // toStrictEqual: a `retryAfterMs: undefined` or `warning: undefined` member fails too.
    expect(classifyPushResponse(status, null, '', NOW)).toStrictEqual(outcome)
  })

  it.each([408, 425, 429, 500, 503])('HTTP %i carries Retry-After (seconds)', (status) => {
    expect(classifyPushResponse(status, '7', '', NOW)).toStrictEqual({
      kind: 'retry',
      error: `HTTP ${status}`,
      retryAfterMs: 7000
    })
  })

  it('an unreadable Retry-After is left out, not zero', () => {
    expect(classifyPushResponse(503, 'soon', '', NOW)).toStrictEqual({
      kind: 'retry',
      error: 'HTTP 503'
    })
  })

  it('a refusal or a redirect ignores Retry-After', () => {
    expect(classifyPushResponse(400, '5', '', NOW)).toStrictEqual({
      kind: 'rejected',
      error: 'HTTP 400'
    })
    expect(classifyPushResponse(301, '5', '', NOW)).toStrictEqual({
      kind: 'rejected',
      error: 'HTTP 301: redirects are not followed'
    })
  })

  it('describes the body: err and description, err alone, a non-string err, raw text', () => {
    const err = (body: string, status = 400): string | undefined => {
      const out = classifyPushResponse(status, null, body, NOW)
      return out.kind === 'delivered' ? undefined : out.error
    }
    expect(
      classifyPushResponse(400, null, '{"err":"invalid_key","description":"unknown kid"}', NOW)
    ).toStrictEqual({
      kind: 'rejected',
      error: 'HTTP 400 (invalid_key: unknown kid)'
    })
    expect(err('{"err":"invalid_audience"}')).toBe('HTTP 400 (invalid_audience)')
    // A description that is not a string is left out.
    expect(err('{"err":"invalid_key","description":42}')).toBe('HTTP 400 (invalid_key)')
    // An err that is not a string is shown as JSON.
    expect(err('{"err":{"code":7}}')).toBe('HTTP 400 ({"code":7})')
    expect(err('{"err":5}')).toBe('HTTP 400 (5)')
    // JSON without err, JSON that is not an object, and text: the raw excerpt.
    expect(err('{"description":"no err"}')).toBe('HTTP 400 ({"description":"no err"})')
    expect(err('["err"]')).toBe('HTTP 400 (["err"])')
    expect(err('"err"')).toBe('HTTP 400 ("err")')
    expect(err('null')).toBe('HTTP 400 (null)')
    expect(err('not json')).toBe('HTTP 400 (not json)')
    expect(classifyPushResponse(503, null, 'busy', NOW)).toStrictEqual({
      kind: 'retry',
      error: 'HTTP 503 (busy)'
    })
    expect(err('moved', 307)).toBe('HTTP 307: redirects are not followed (moved)')
  })

  it('keeps at most 200 characters of a body that is not an {err} object', () => {
    const long = 'x'.repeat(300)
    expect(classifyPushResponse(500, null, long, NOW).kind).toBe('retry')
    expect(classifyPushResponse(400, null, long, NOW)).toStrictEqual({
      kind: 'rejected',
      error: `HTTP 400 (${'x'.repeat(200)})`
    })
  })
})

describe('parseRetryAfter', () => {
  it('reads delta-seconds, trimmed, and nothing that only starts or ends with digits', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0)
    expect(parseRetryAfter('12', NOW)).toBe(12_000)
    expect(parseRetryAfter(' 3 ', NOW)).toBe(3000)
    expect(parseRetryAfter('5abc', NOW)).toBeUndefined()
    expect(parseRetryAfter('1e3', NOW)).toBeUndefined()
    expect(parseRetryAfter('', NOW)).toBeUndefined()
  })

  it('reads an HTTP-date against `now`; a date in the past is 0', () => {
    expect(parseRetryAfter(new Date(NOW + 9000).toUTCString(), NOW)).toBe(9000)
    expect(parseRetryAfter(new Date(NOW - 9000).toUTCString(), NOW)).toBe(0)
    expect(parseRetryAfter(new Date(NOW).toUTCString(), NOW + 1000)).toBe(0)
  })
})

describe('processPushResponse', () => {
  it('classifies the status and Retry-After header and keeps an excerpt of the body', async () => {
    const body = 'y'.repeat(BODY_EXCERPT_CHARS + 500)
    const res = new Response(body, { status: 503, headers: { 'Retry-After': '4' } })
    const out = await processPushResponse(res, NOW)
    expect(out.body).toBe('y'.repeat(BODY_EXCERPT_CHARS))
    expect(out.outcome).toStrictEqual({
      kind: 'retry',
      error: `HTTP 503 (${'y'.repeat(200)})`,
      retryAfterMs: 4000
    })
  })

  it('a 202 with an empty body', async () => {
    const out = await processPushResponse(new Response(null, { status: 202 }), NOW)
    expect(out).toStrictEqual({ outcome: { kind: 'delivered' }, body: '' })
  })
})

describe('backoffDelay, edges', () => {
  it('attempt 0 or 1 uses the base; the jitter is the upper half of the delay', () => {
    expect(backoffDelay(0, 400, 60_000, () => 1)).toBe(400)
    expect(backoffDelay(1, 400, 60_000, () => 0.5)).toBe(300)
    expect(backoffDelay(2, 400, 60_000, () => 0.5)).toBe(600)
    expect(backoffDelay(4, 400, 1000, () => 0.5)).toBe(750)
  })

  it('defaults to Math.random, within [delay/2, delay]', () => {
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(3, 100, 60_000)
      expect(d).toBeGreaterThanOrEqual(200)
      expect(d).toBeLessThanOrEqual(400)
    }
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(3, 1000, 60_000)))
    expect(seen.size).toBeGreaterThan(1)
  })
})

describe('pushHeaders and pushRequest', () => {
  it('without an authorization header, no Authorization member at all', () => {
    const headers = pushHeaders({ method: PUSH, endpoint_url: 'https://rx.example/e' })
    expect(headers).toStrictEqual({
      'Content-Type': 'application/secevent+jwt',
      Accept: 'application/json'
    })
    expect(Object.keys(headers)).toEqual(['Content-Type', 'Accept'])
  })

  it('the request carries the signal, and exactly the push headers', () => {
    const signal = new AbortController().signal
    const delivery = {
      method: PUSH,
      endpoint_url: 'http://rx.example/e',
      authorization_header: 'X'
    }
    const { url, init } = pushRequest(delivery, 't.o.k', signal)
    expect(url).toBe('http://rx.example/e')
    expect(init).toStrictEqual({
      method: 'POST',
      headers: {
        'Content-Type': 'application/secevent+jwt',
        Accept: 'application/json',
        Authorization: 'X'
      },
      body: 't.o.k',
      redirect: 'manual',
      signal
    })
  })
})
