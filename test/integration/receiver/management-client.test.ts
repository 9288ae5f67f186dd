import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

interface Op {
  ok: boolean
  operation: string
  status?: number
  exchange_id?: number
  result?: Record<string, unknown>
  error?: { status?: number; description: string }
}
interface Exchange {
  id: number
  operation: string
  method: string
  url: string
  status?: number
  request_headers: Record<string, string>
  request_body?: string
  response_body?: string
  duration_ms: number
}

// The app under test is our own engine's Transmitter (A); our Receiver runs in engine B.
let a: TestEngine
let b: TestEngine
let id: string

async function op(method: string, path: string, body?: unknown): Promise<Op> {
  const res = await b.call(method, `/api/receivers/${id}${path}`, body)
  expect(res.status).toBe(200)
  return (await res.json()) as Op
}

beforeAll(async () => {
  a = await startTestEngine({ token: 'engine-a-token' })
  b = await startTestEngine({ token: 'engine-b-token' })
  const res = await b.call('POST', '/api/receivers', {
    issuer: a.url,
    // Engine A gives its default client's streams (and SETs) the audience "default".
    audience: 'default',
    transmitter_token: a.token
  })
  expect(res.status).toBe(201)
  id = ((await res.json()) as { receiver_id: string }).receiver_id
})
afterAll(async () => {
  await b.stop()
  await a.stop()
})

describe('the management client against our own Transmitter', () => {
  it('refuses management calls without a transmitter_token', async () => {
    const other = (await (
      await b.call('POST', '/api/receivers', { issuer: a.url, audience: 'x' })
    ).json()) as { receiver_id: string }
    const res = await b.call('POST', `/api/receivers/${other.receiver_id}/stream`, {})
    expect(res.status).toBe(400)
    expect(((await res.json()) as { description: string }).description).toContain(
      'transmitter_token'
    )
  })

  it('drives every operation and records every exchange', async () => {
    const created = await op('POST', '/stream', {
      delivery: 'push',
      events_requested: ['https://schemas.openid.net/secevent/caep/event-type/session-revoked'],
      description: 'made by engine B'
    })
    expect(created).toMatchObject({ ok: true, status: 201 })
    const streamId = created.result?.stream_id
    expect(streamId).toMatch(/^st_/)
    expect(created.result?.delivery).toEqual({
      method: 'urn:ietf:rfc:8935',
      endpoint_url: `${b.url}/receiver/${id}/push`
    })
    // Engine A really has it.
    const onA = (await (await a.call('GET', `/api/streams/${String(streamId)}`)).json()) as {
      config: { description: string }
    }
    expect(onA.config.description).toBe('made by engine B')

    const steps: [string, string, unknown, number][] = [
      ['GET', '/stream', undefined, 200],
      ['GET', '/stream?all=true', undefined, 200],
      ['PATCH', '/stream', { description: 'patched' }, 200],
      [
        'PUT',
        '/stream',
        {
          delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: `${b.url}/receiver/${id}/push` },
          description: 'replaced'
        },
        200
      ],
      ['GET', '/status', undefined, 200],
      ['POST', '/status', { status: 'paused', reason: 'testing' }, 200],
      [
        'POST',
        '/subjects/add',
        { subject: { format: 'email', email: 'bob@example.com' }, verified: true },
        200
      ],
      // Our Transmitter answers 200 where SSF 1.0 §8.1.3.3 says 204 (the check below flags it).
      ['POST', '/subjects/remove', { subject: { format: 'email', email: 'bob@example.com' } }, 204],
      ['POST', '/verify', { state: 'st-1' }, 204]
    ]
    for (const [method, path, body, status] of steps) {
      const result = await op(method, path, body)
      expect({ path, method, ok: result.ok, status: result.status }).toEqual({
        path,
        method,
        ok: true,
        status
      })
    }
    const onAAfter = (await (await a.call('GET', `/api/streams/${String(streamId)}`)).json()) as {
      status: string
      config: { description: string }
    }
    expect(onAAfter).toMatchObject({ status: 'paused', config: { description: 'replaced' } })

    const deleted = await op('DELETE', '/stream')
    expect(deleted).toMatchObject({ ok: true, status: 204 })
    const gone = await op('GET', `/stream?stream_id=${String(streamId)}`)
    expect(gone).toMatchObject({ ok: false, status: 404 })

    const exchanges = (await (
      await b.call('GET', `/api/receivers/${id}/exchanges?limit=100`)
    ).json()) as Exchange[]
    const ops = exchanges.map((e) => e.operation).reverse()
    expect(ops).toEqual(
      expect.arrayContaining([
        'metadata',
        'jwks',
        'create_stream',
        'read_stream',
        'list_streams',
        'update_stream',
        'replace_stream',
        'get_status',
        'set_status',
        'add_subject',
        'remove_subject',
        'verification',
        'delete_stream'
      ])
    )
    for (const e of exchanges.filter((x) => x.operation !== 'metadata' && x.operation !== 'jwks')) {
      expect(e.request_headers.authorization).toMatch(/^Bearer \*\*\*/)
      expect(e.request_headers.authorization).not.toContain(a.token)
      expect(e.status).toBeTypeOf('number')
      expect(e.duration_ms).toBeGreaterThanOrEqual(0)
    }
    const create = exchanges.find((e) => e.operation === 'create_stream')
    expect(create?.method).toBe('POST')
    expect(create?.url).toBe(`${a.url}/ssf/streams`)
    expect(JSON.parse(create?.request_body ?? '{}')).toMatchObject({
      description: 'made by engine B'
    })
    const single = await b.call('GET', `/api/receivers/${id}/exchanges/${create?.id}`)
    expect(single.status).toBe(200)
  })

  it('creates a poll stream: the Transmitter assigns the poll endpoint_url', async () => {
    const created = await op('POST', '/stream', { delivery: 'poll' })
    expect(created).toMatchObject({ ok: true, status: 201 })
    const view = (await (await b.call('GET', `/api/receivers/${id}`)).json()) as {
      stream: { poll_endpoint: string }
    }
    expect(view.stream.poll_endpoint).toMatch(new RegExp(`^${a.url}/ssf/poll/st_`))
    const polled = (await (await b.call('POST', `/api/receivers/${id}/poll`)).json()) as Op
    expect(polled.ok).toBe(true)
  })

  it('reports a Transmitter error as data with its status', async () => {
    const result = await op('POST', '/status', { stream_id: 'st_missing', status: 'enabled' })
    expect(result).toMatchObject({ ok: false, status: 404 })
    expect(result.error?.description).toContain('404')
  })
})

describe('Check my Transmitter, against our own Transmitter', () => {
  it('passes metadata, management and the verification round trip', async () => {
    const res = await b.call('POST', `/api/receivers/${id}/check`, {
      verification_wait_seconds: 10
    })
    expect(res.status).toBe(200)
    const { checks } = (await res.json()) as {
      checks: { id: string; status: string; detail: string; rule: string }[]
    }
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]))
    for (const idOk of [
      'metadata.location',
      'metadata.issuer',
      'metadata.spec_version',
      'metadata.no_empty_arrays',
      'metadata.delivery_methods',
      'metadata.required_members',
      'jwks.keys',
      'stream.create',
      'stream.create.iss',
      'stream.create.events_delivered',
      'stream.read',
      'stream.list',
      'stream.update',
      'status.read',
      'status.update',
      'subjects.add',
      'verification.request',
      'stream.create_poll.delivery.endpoint_url',
      'stream.delete',
      'stream.read_deleted'
    ])
      expect({ id: idOk, status: byId[idOk]?.status }).toEqual({ id: idOk, status: 'pass' })
    expect(byId['metadata.endpoints']?.status).toBe('warn') // http on loopback
    // Remove-subject answers 204 as SSF 1.0 §8.1.3.3 says (this check once caught it answering 200).
    expect(byId['subjects.remove']).toMatchObject({ status: 'pass', detail: 'HTTP 204' })
    expect(byId['verification.round_trip']).toMatchObject({ status: 'pass' })
    for (const c of checks) expect(c.rule).toBeTruthy()
  })
})
