/** `POST configuration_endpoint`: create a stream. @see SSF 1.0 §8.1.1.1 */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { BUILTIN_EVENT_TYPE_URIS, type StreamConfiguration } from '../../../src/shared/ssf'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import {
  ACCOUNT_DISABLED,
  CREDENTIAL_CHANGE,
  POLL,
  PUSH,
  RX_URL,
  SESSION_REVOKED,
  UNKNOWN_EVENT,
  createStream,
  expectError,
  sendRaw
} from './fixtures'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

describe('201 Created', () => {
  it('answers a push create with the full configuration, no-store', async () => {
    const res = await engine.call('POST', '/ssf/streams', {
      delivery: { method: PUSH, endpoint_url: RX_URL, authorization_header: 'Bearer rx-1' },
      events_requested: [SESSION_REVOKED, CREDENTIAL_CHANGE, UNKNOWN_EVENT],
      description: 'app1 push stream'
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const s = (await res.json()) as StreamConfiguration
    expect(s.stream_id).toMatch(/^[A-Za-z0-9._~-]+$/)
    expect(s).toMatchObject({
      iss: engine.url,
      aud: 'default',
      delivery: { method: PUSH, endpoint_url: RX_URL, authorization_header: 'Bearer rx-1' },
      events_requested: [SESSION_REVOKED, CREDENTIAL_CHANGE, UNKNOWN_EVENT],
      description: 'app1 push stream',
      min_verification_interval: 30
    })
    expect(s.events_supported).toEqual([...BUILTIN_EVENT_TYPE_URIS])
    // events_delivered = requested ∩ supported: the unknown type is ignored.
    expect([...s.events_delivered].sort()).toEqual([CREDENTIAL_CHANGE, SESSION_REVOKED].sort())
  })

  it('assumes poll without delivery and picks a unique poll endpoint_url per stream', async () => {
    const a = await createStream(engine, { events_requested: [ACCOUNT_DISABLED] })
    const b = await createStream(engine, { events_requested: [ACCOUNT_DISABLED] })
    expect(a.delivery.method).toBe(POLL)
    expect(a.delivery.endpoint_url).toMatch(new RegExp(`^${engine.url}/`))
    expect(a.delivery.endpoint_url).toContain(a.stream_id)
    expect(a.delivery.endpoint_url).not.toBe(b.delivery.endpoint_url)
    expect(a.stream_id).not.toBe(b.stream_id)
    expect(a.events_delivered).toEqual([ACCOUNT_DISABLED])
  })

  it('overrides a poll endpoint_url sent by the Receiver', async () => {
    const s = await createStream(engine, {
      delivery: { method: POLL, endpoint_url: 'https://evil.example/poll' }
    })
    expect(s.delivery.endpoint_url).not.toContain('evil.example')
    expect(s.delivery.endpoint_url).toContain(s.stream_id)
  })

  test.each([
    {
      name: 'legacy RISC push URI',
      delivery: {
        method: 'https://schemas.openid.net/secevent/risc/delivery-method/push',
        endpoint_url: RX_URL
      },
      method: PUSH
    },
    {
      name: 'legacy RISC poll URI',
      delivery: { method: 'https://schemas.openid.net/secevent/risc/delivery-method/poll' },
      method: POLL
    },
    {
      name: 'SSE ID1 delivery_method + url',
      delivery: {
        delivery_method: 'https://schemas.openid.net/secevent/risc/delivery-method/push',
        url: RX_URL
      },
      method: PUSH
    },
    { name: 'delivery_method URN (SGNL)', delivery: { delivery_method: POLL }, method: POLL }
  ])('maps $name to the URN', async ({ delivery, method }) => {
    const s = await createStream(engine, { delivery })
    expect(s.delivery.method).toBe(method)
    expect(s.delivery).not.toHaveProperty('delivery_method')
    expect(s.delivery).not.toHaveProperty('url')
    if (method === PUSH) expect(s.delivery.endpoint_url).toBe(RX_URL)
  })

  it('delivers every supported type when nothing is requested', async () => {
    const s = await createStream(engine, { delivery: { method: POLL } })
    expect(s).not.toHaveProperty('events_requested')
    expect(s.events_delivered).toEqual(s.events_supported)
  })

  it('delivers nothing for an empty or all-unknown events_requested', async () => {
    expect((await createStream(engine, { events_requested: [] })).events_delivered).toEqual([])
    expect(
      (await createStream(engine, { events_requested: [UNKNOWN_EVENT] })).events_delivered
    ).toEqual([])
  })

  it('ignores unknown members and (lenient mode) Transmitter-supplied ones', async () => {
    const s = await createStream(engine, {
      delivery: { method: POLL },
      iss: 'https://other.example',
      aud: ['x', 'y'],
      stream_id: 'mine',
      min_verification_interval: 1,
      format: 'iss_sub',
      x_vendor: { anything: true }
    })
    expect(s.iss).toBe(engine.url)
    expect(s.aud).toBe('default')
    expect(s.stream_id).not.toBe('mine')
    expect(s.min_verification_interval).toBe(30)
    expect(s).not.toHaveProperty('format')
    expect(s).not.toHaveProperty('x_vendor')
  })

  it('reads an empty application/json body as {} (a poll stream)', async () => {
    const res = await sendRaw(engine, 'POST', '/ssf/streams', '')
    expect(res.status).toBe(201)
    expect(((await res.json()) as StreamConfiguration).delivery.method).toBe(POLL)
  })

  it('truncates a very long description', async () => {
    const s = await createStream(engine, { description: 'd'.repeat(5000) })
    expect(s.description).toHaveLength(1024)
  })
})

describe('400 Bad Request', () => {
  test.each([
    { name: 'push without endpoint_url', body: { delivery: { method: PUSH } } },
    {
      name: 'push with a relative endpoint_url',
      body: { delivery: { method: PUSH, endpoint_url: '/events' } }
    },
    {
      name: 'push with an ftp endpoint_url',
      body: { delivery: { method: PUSH, endpoint_url: 'ftp://rx.example/e' } }
    },
    {
      name: 'push with a numeric endpoint_url',
      body: { delivery: { method: PUSH, endpoint_url: 42 } }
    },
    {
      name: 'push with a fragment in endpoint_url',
      body: { delivery: { method: PUSH, endpoint_url: 'https://rx.example/e#x' } }
    },
    {
      name: 'authorization_header not a string',
      body: { delivery: { method: PUSH, endpoint_url: RX_URL, authorization_header: 1 } }
    },
    { name: 'unsupported delivery method', body: { delivery: { method: 'urn:example:smtp' } } },
    { name: 'delivery without method', body: { delivery: { endpoint_url: RX_URL } } },
    { name: 'delivery as a string', body: { delivery: PUSH } },
    { name: 'delivery as an array', body: { delivery: [] } },
    { name: 'delivery null', body: { delivery: null } },
    { name: 'events_requested as a string', body: { events_requested: SESSION_REVOKED } },
    { name: 'events_requested with a number', body: { events_requested: [1] } },
    { name: 'events_requested with an empty string', body: { events_requested: [''] } },
    { name: 'description as a number', body: { description: 7 } },
    { name: 'description null', body: { description: null } }
  ])('$name', async ({ body }) => {
    await expectError(await engine.call('POST', '/ssf/streams', body), 400, 'invalid_request')
  })
})

describe('strict create mode (interop note A5)', () => {
  it('refuses Transmitter-supplied members with 400', async () => {
    const strict = await startTestEngine({ createMode: 'strict' })
    try {
      const res = await strict.call('POST', '/ssf/streams', {
        aud: 'x',
        delivery: { method: POLL }
      })
      const body = await expectError(res, 400, 'invalid_request')
      expect(body.description).toContain('aud')
      expect(
        (await strict.call('POST', '/ssf/streams', { delivery: { method: POLL } })).status
      ).toBe(201)
    } finally {
      await strict.stop()
    }
  })
})

describe('409 Conflict with one stream per Receiver (--single-stream)', () => {
  it('refuses a second stream of the same client, but not of another client', async () => {
    const single = await startTestEngine({ multipleStreams: false })
    try {
      await createStream(single)
      const res = await single.call('POST', '/ssf/streams', { delivery: { method: POLL } })
      const body = await expectError(res, 409, 'conflict')
      expect(body).not.toHaveProperty('stream_id')
      const other = await single.call('POST', '/api/clients', { name: 'second' })
      const { token } = (await other.json()) as { token: string }
      await createStream(single, { delivery: { method: POLL } }, token)
      // After deleting the first stream, the client may create again.
      const [first] = (await (await single.call('GET', '/ssf/streams')).json()) as {
        stream_id: string
      }[]
      expect(
        (await single.call('DELETE', `/ssf/streams?stream_id=${first?.stream_id ?? ''}`)).status
      ).toBe(204)
      await createStream(single, { delivery: { method: POLL } })
    } finally {
      await single.stop()
    }
  })
})
