/**
 * Issue 15, item 4: depth and size limits on every inbound parser. Five classes of hostile JSON
 * (deep nesting, huge numbers, duplicate keys, invalid UTF-8 and lone surrogates, very long
 * strings) thrown at every endpoint that parses JSON or JWS: never a 5xx, always a JSON
 * `{err, description}`; deep nesting is `400 invalid_request` naming the limit; the Receiver's
 * push endpoint records every exchange; the server keeps serving.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH } from '../../../src/shared/ssf'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream } from '../delivery/helpers'

let e: TestEngine
let streamId: string
let receiverId: string
beforeAll(async () => {
  e = await startTestEngine()
  streamId = (await createStream(e, { method: POLL })).stream_id
  const res = await e.call('POST', '/api/receivers', { issuer: e.url, audience: 'rx-aud' })
  receiverId = ((await res.json()) as { receiver_id: string }).receiver_id
})
afterAll(() => e.stop())

type HostileClass = 'deep' | 'huge-number' | 'duplicate-keys' | 'bad-unicode' | 'long-string'

/** A hostile JSON value as bytes (raw, so invalid UTF-8 survives), with its class. */
interface Hostile {
  kind: HostileClass
  /** JSON text of one value, as bytes. */
  value: Uint8Array<ArrayBuffer>
}

const enc = (s: string) => new TextEncoder().encode(s)
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  fc.tuple(fc.integer({ min: MAX_JSON_DEPTH + 1, max: 6000 }), fc.boolean()).map(([d, arrays]) => ({
    kind: 'deep' as const,
    value: enc(
      arrays ? `${'['.repeat(d)}${']'.repeat(d)}` : `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`
    )
  })),
  fc
    .constantFrom('1e999999', '-1e999999', '9'.repeat(4000), `0.${'0'.repeat(4000)}1`, '1e-999999')
    .map((v) => ({ kind: 'huge-number' as const, value: enc(v) })),
  fc.tuple(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({
    kind: 'duplicate-keys' as const,
    value: enc(
      `{"${k.replace(/["\\]/g, '')}":1,"${k.replace(/["\\]/g, '')}":${JSON.stringify(v) ?? 'null'}}`
    )
  })),
  fc
    .constantFrom(
      enc('"\\ud800"'),
      enc('"a\\udfff b"'),
      concat(enc('"'), new Uint8Array([0xff, 0xfe, 0xc3]), enc('"')),
      concat(enc('"x'), new Uint8Array([0xed, 0xa0, 0x80]), enc('"'))
    )
    .map((value) => ({ kind: 'bad-unicode' as const, value })),
  fc
    .integer({ min: 10_000, max: 600_000 })
    .map((n) => ({ kind: 'long-string' as const, value: enc(`"${'x'.repeat(n)}"`) }))
)

/** A JSON body with the hostile value in a field the endpoint reads (or as the whole body). */
function jsonBody(
  h: Hostile,
  fields: Record<string, unknown>,
  at: string
): Uint8Array<ArrayBuffer> {
  const rest = JSON.stringify(fields).slice(1, -1)
  return concat(enc(`{${rest}${rest ? ',' : ''}"${at}":`), h.value, enc('}'))
}

async function expectHandled(res: Response, h: Hostile, namesLimit = true): Promise<void> {
  const text = await res.text()
  expect(res.status, `${h.kind}: ${text.slice(0, 300)}`).toBeLessThan(500)
  if (res.status >= 400) {
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = JSON.parse(text) as { err: unknown; description: unknown }
    expect(typeof body.err).toBe('string')
    expect(typeof body.description).toBe('string')
    if (h.kind === 'deep') {
      expect(res.status).toBe(400)
      expect(body.err).toBe('invalid_request')
      // A whole JWS part that is not even an object may be refused for that first.
      if (namesLimit) expect(String(body.description)).toContain(String(MAX_JSON_DEPTH))
    }
  }
}

async function stillServes(): Promise<void> {
  expect((await e.call('GET', `/ssf/status?stream_id=${streamId}`)).status).toBe(200)
}

/** Endpoints that parse a JSON body, with the fields that take them past the first checks. */
const JSON_TARGETS: {
  method: string
  path: () => string
  fields: () => Record<string, unknown>
  at: string
}[] = [
  {
    method: 'POST',
    path: () => '/ssf/streams',
    fields: () => ({ delivery: { method: POLL } }),
    at: 'description'
  },
  {
    method: 'PATCH',
    path: () => '/ssf/streams',
    fields: () => ({ stream_id: streamId }),
    at: 'description'
  },
  {
    method: 'PUT',
    path: () => '/ssf/streams',
    fields: () => ({ stream_id: streamId, delivery: { method: POLL } }),
    at: 'events_requested'
  },
  {
    method: 'POST',
    path: () => '/ssf/status',
    fields: () => ({ stream_id: streamId }),
    at: 'status'
  },
  {
    method: 'POST',
    path: () => '/ssf/subjects:add',
    fields: () => ({ stream_id: streamId }),
    at: 'subject'
  },
  {
    method: 'POST',
    path: () => '/ssf/subjects:remove',
    fields: () => ({ stream_id: streamId }),
    at: 'subject'
  },
  {
    method: 'POST',
    path: () => '/ssf/verify',
    fields: () => ({ stream_id: streamId }),
    at: 'state'
  },
  {
    method: 'POST',
    path: () => `/ssf/poll/${streamId}`,
    fields: () => ({ returnImmediately: true }),
    at: 'maxEvents'
  },
  {
    method: 'POST',
    path: () => `/ssf/poll/${streamId}`,
    fields: () => ({ returnImmediately: true }),
    at: 'ack'
  },
  {
    method: 'POST',
    path: () => '/api/events',
    fields: () => ({ type: 'caep.session-revoked' }),
    at: 'subject'
  },
  {
    method: 'POST',
    path: () => '/api/events',
    fields: () => ({ type: 'caep.session-revoked', subject: { format: 'email', email: 'a@b.c' } }),
    at: 'claims'
  },
  {
    method: 'POST',
    path: () => '/api/receivers',
    fields: () => ({ issuer: e.url }),
    at: 'audience'
  },
  { method: 'POST', path: () => '/api/clients', fields: () => ({}), at: 'name' },
  {
    method: 'PUT',
    path: () => `/api/streams/${streamId}/faults`,
    fields: () => ({}),
    at: 'delay_ms'
  },
  {
    method: 'POST',
    path: () => `/api/streams/${streamId}/status`,
    fields: () => ({}),
    at: 'status'
  }
]

describe('hostile JSON at every endpoint that parses JSON', () => {
  it('never a 5xx; deep nesting is 400 invalid_request naming the limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...JSON_TARGETS),
        hostile,
        fc.boolean(),
        async (t, h, whole) => {
          const body = whole ? h.value : jsonBody(h, t.fields(), t.at)
          const res = await fetch(`${e.url}${t.path()}`, {
            method: t.method,
            headers: { Authorization: `Bearer ${e.token}`, 'Content-Type': 'application/json' },
            body: new Blob([body])
          })
          await expectHandled(res, h)
        }
      ),
      { numRuns: 60 }
    )
    await stillServes()
    // 60 runs over 15 endpoints take about 18 s here; a loaded CI runner needs the headroom.
  }, 90_000)
})

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')

describe('hostile JSON inside a JWS at the Receiver push endpoint', () => {
  it('header or payload: never a 5xx, deep nesting named; every exchange recorded', async () => {
    const inbox = async () =>
      (
        (await (
          await e.call('GET', `/api/receivers/${receiverId}/inbox?limit=500`)
        ).json()) as unknown[]
      ).length
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), fc.boolean(), async (h, inHeader, whole) => {
        const header = enc(JSON.stringify({ alg: 'RS256', typ: 'secevent+jwt', kid: 'k' }))
        const payload = enc(JSON.stringify({ iss: e.url, aud: 'rx-aud', jti: 'j', iat: 1 }))
        const part = (base: Uint8Array) =>
          whole ? h.value : concat(base.slice(0, -1), enc(',"x":'), h.value, enc('}'))
        const token = `${b64(inHeader ? part(header) : header)}.${b64(inHeader ? payload : part(payload))}.c2ln`
        const before = await inbox()
        const res = await fetch(`${e.url}/receiver/${receiverId}/push`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/secevent+jwt' },
          body: token
        })
        await expectHandled(res, h, !(whole && h.value[0] === 0x5b))
        expect(res.status).toBe(400)
        expect(await inbox()).toBe(before + 1)
      }),
      { numRuns: 40 }
    )
    await stillServes()
  })
})

describe('the reported case', () => {
  it.each(['header', 'payload'])(
    'JSON nested 5,000 levels deep in the JWS %s: 400 invalid_request naming the limit',
    async (where) => {
      const deep = `{"alg":"RS256","typ":"secevent+jwt","x":${'['.repeat(5000)}${']'.repeat(5000)}}`
      const plain = JSON.stringify({ alg: 'RS256', typ: 'secevent+jwt' })
      const claims = JSON.stringify({ iss: e.url, aud: 'rx-aud', jti: 'j', iat: 1 })
      const token =
        where === 'header'
          ? `${b64(enc(deep))}.${b64(enc(claims))}.c2ln`
          : `${b64(enc(plain))}.${b64(enc(deep))}.c2ln`
      const res = await fetch(`${e.url}/receiver/${receiverId}/push`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/secevent+jwt' },
        body: token
      })
      expect(res.status).toBe(400)
      const body = (await res.json()) as { err: string; description: string }
      expect(body.err).toBe('invalid_request')
      expect(body.description).toContain(`${MAX_JSON_DEPTH} levels`)
    }
  )
})
