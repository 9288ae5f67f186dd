import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { makeKey, startTestTransmitter, type TestTransmitter } from './helpers/test-transmitter'

interface Registered {
  receiver_id: string
  push_endpoint: string
  audience: string
  authorization_header?: string
}

interface InboxEntry {
  id: number
  verdict: string
  err?: string
  jti?: string
  raw: string
  header?: unknown
  payload?: unknown
  findings: { severity: string; rule: string; path: string; message: string }[]
  exchange_id?: number
}

let engine: TestEngine
let tx: TestTransmitter
let rx: Registered

const AUDIENCE = 'https://receiver.test/aud'

async function push(
  token: string,
  headers: Record<string, string> = {},
  endpoint = rx.push_endpoint
) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/secevent+jwt', Accept: 'application/json', ...headers },
    body: token
  })
  const text = await res.text()
  return {
    res,
    text,
    body: text ? (JSON.parse(text) as { err: string; description: string }) : undefined
  }
}

async function inbox(id = rx.receiver_id): Promise<InboxEntry[]> {
  const res = await engine.call('GET', `/api/receivers/${id}/inbox`)
  expect(res.status).toBe(200)
  return (await res.json()) as InboxEntry[]
}

beforeAll(async () => {
  engine = await startTestEngine()
  tx = await startTestTransmitter(() => AUDIENCE)
  const res = await engine.call('POST', '/api/receivers', { issuer: tx.issuer, audience: AUDIENCE })
  expect(res.status).toBe(201)
  rx = (await res.json()) as Registered
})
afterAll(async () => {
  await engine.stop()
  await tx.close()
})

describe('POST /api/receivers', () => {
  it('answers the push endpoint and audience, and fetched the JWKS', () => {
    expect(rx.push_endpoint).toBe(`${engine.url}/receiver/${rx.receiver_id}/push`)
    expect(rx.audience).toBe(AUDIENCE)
    expect(rx.authorization_header).toBeUndefined()
    expect(tx.jwksFetches).toBeGreaterThanOrEqual(1)
  })

  it('refuses an issuer whose metadata names another issuer (byte-exact, A20) with 502', async () => {
    const res = await engine.call('POST', '/api/receivers', {
      issuer: `${tx.issuer}/`,
      audience: 'x'
    })
    expect(res.status).toBe(502)
    const body = (await res.json()) as { err: string; description: string }
    expect(body.err).toBe('invalid_metadata')
    expect(body.description).toContain('byte for byte')
  })

  it('refuses an unreachable Transmitter with 502 and a bad URL with 400', async () => {
    const down = await engine.call('POST', '/api/receivers', {
      issuer: 'http://127.0.0.1:1',
      audience: 'x'
    })
    expect(down.status).toBe(502)
    const bad = await engine.call('POST', '/api/receivers', { issuer: 'not a url', audience: 'x' })
    expect(bad.status).toBe(400)
    const remote = await engine.call('POST', '/api/receivers', {
      issuer: 'http://example.com',
      audience: 'x'
    })
    expect(remote.status).toBe(400)
  })

  it('falls back to the legacy sse-configuration document', async () => {
    const legacy = await startTestTransmitter(() => 'a')
    legacy.legacyOnly = true
    try {
      const res = await engine.call('POST', '/api/receivers', {
        issuer: legacy.issuer,
        audience: 'a'
      })
      expect(res.status).toBe(201)
      const view = (await res.json()) as { metadata_url: string; findings: { message: string }[] }
      expect(view.metadata_url).toBe(`${legacy.url}/.well-known/sse-configuration`)
      expect(view.findings.map((f) => f.message).join()).toContain('legacy')
    } finally {
      await legacy.close()
    }
  })

  it('lists, reads, updates and deletes receivers', async () => {
    const created = (await (
      await engine.call('POST', '/api/receivers', { issuer: tx.issuer, audience: 'tmp' })
    ).json()) as Registered
    const list = (await (await engine.call('GET', '/api/receivers')).json()) as Registered[]
    expect(list.map((r) => r.receiver_id)).toContain(created.receiver_id)
    const patched = await engine.call('PATCH', `/api/receivers/${created.receiver_id}`, {
      audience: 'tmp2',
      strict: true
    })
    expect(patched.status).toBe(200)
    expect(await patched.json()).toMatchObject({ audience: 'tmp2', settings: { strict: true } })
    expect((await engine.call('DELETE', `/api/receivers/${created.receiver_id}`)).status).toBe(204)
    expect((await engine.call('GET', `/api/receivers/${created.receiver_id}`)).status).toBe(404)
  })
})

describe('the push endpoint (RFC 8935)', () => {
  it('accepts a valid SET with 202 and an empty body, and stores it decoded', async () => {
    const { token, jti } = await tx.sign()
    const { res, text } = await push(token)
    expect(res.status).toBe(202)
    expect(text).toBe('')
    const [entry] = await inbox()
    expect(entry).toMatchObject({ verdict: 'accepted', jti, raw: token })
    expect(entry?.header).toMatchObject({ alg: 'RS256', typ: 'secevent+jwt' })
    expect(entry?.payload).toMatchObject({ iss: tx.issuer, jti })
    expect(entry?.exchange_id).toBeTypeOf('number')
  })

  const other = makeKey('tx-key-1') // same kid, other key material: bad signature
  const unknown = makeKey('tx-key-unknown')

  it.each([
    ['bad signature', async () => (await tx.sign({ key: await other })).token, 'invalid_key'],
    ['unknown kid', async () => (await tx.sign({ key: await unknown })).token, 'invalid_key'],
    [
      'wrong iss',
      async () => (await tx.sign({ claims: { iss: `${tx.issuer}/` } })).token,
      'invalid_issuer'
    ],
    [
      'wrong aud',
      async () => (await tx.sign({ audience: 'https://someone.else' })).token,
      'invalid_audience'
    ],
    ['wrong typ', async () => (await tx.sign({ header: { typ: 'JWT' } })).token, 'invalid_request'],
    ['no events', async () => (await tx.sign({ omit: ['events'] })).token, 'invalid_request'],
    [
      'alg none',
      async () => {
        const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
        return `${enc({ alg: 'none', typ: 'secevent+jwt' })}.${enc({ iss: tx.issuer, aud: AUDIENCE, jti: 'n', iat: 1, events: {} })}.`
      },
      'invalid_request'
    ],
    ['not a JWT', async () => 'this is not a jwt', 'invalid_request'],
    ['empty body', async () => '', 'invalid_request']
  ])('%s → 400 %s, stored as rejected with its reason', async (_name, make, code) => {
    const token = await make()
    const { res, body } = await push(token)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('content-language')).toBe('en')
    expect(body?.err).toBe(code)
    expect(body?.description).toBeTypeOf('string')
    const [entry] = await inbox()
    expect(entry).toMatchObject({ verdict: 'rejected', err: code, raw: token })
  })

  it('refetches the JWKS once on an unknown kid, and accepts a rotated key', async () => {
    const before = tx.jwksFetches
    const { token } = await tx.sign({ key: await unknown })
    expect((await push(token)).body?.err).toBe('invalid_key')
    expect(tx.jwksFetches).toBe(before + 1)
    const rotated = await makeKey('tx-key-2')
    tx.published.push(rotated)
    const good = await tx.sign({ key: rotated })
    expect((await push(good.token)).res.status).toBe(202)
    expect(tx.jwksFetches).toBe(before + 2)
  })

  it('decodes an invalid SET for display', async () => {
    const { token, jti } = await tx.sign({ audience: 'nope' })
    await push(token)
    const [entry] = await inbox()
    expect(entry?.payload).toMatchObject({ jti, aud: 'nope' })
  })

  it('accepts a repeated jti again (202) and flags it', async () => {
    const { token } = await tx.sign()
    expect((await push(token)).res.status).toBe(202)
    expect((await push(token)).res.status).toBe(202)
    const [entry] = await inbox()
    expect(entry?.verdict).toBe('accepted')
    expect(entry?.findings.some((f) => f.path === 'payload.jti')).toBe(true)
  })

  it.each([['application/json'], ['text/plain'], ['']])(
    'accepts Content-Type "%s" with a warning finding',
    async (type) => {
      const { token } = await tx.sign()
      const res = await fetch(rx.push_endpoint, {
        method: 'POST',
        headers: type ? { 'Content-Type': type } : {},
        body: type ? token : new Blob([token])
      })
      expect(res.status).toBe(202)
      const [entry] = await inbox()
      expect(entry?.findings.some((f) => f.path === 'request.headers.content-type')).toBe(true)
    }
  )

  it('lints structural problems without changing the verdict (sub, exp)', async () => {
    const { token } = await tx.sign({ claims: { sub: 'x', exp: 9_999_999_999 } })
    expect((await push(token)).res.status).toBe(202)
    const [entry] = await inbox()
    const paths = entry?.findings.map((f) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['sub', 'exp']))
  })

  it('answers 404 JSON for an unknown receiver and 405 for GET', async () => {
    const { token } = await tx.sign()
    const { res, body } = await push(token, {}, `${engine.url}/receiver/rcv_nope/push`)
    expect(res.status).toBe(404)
    expect(body?.err).toBe('not_found')
    expect((await fetch(rx.push_endpoint)).status).toBe(405)
  })

  it('pages the inbox newest first with ?limit&before', async () => {
    const all = await inbox()
    const first = (await (
      await engine.call('GET', `/api/receivers/${rx.receiver_id}/inbox?limit=2`)
    ).json()) as InboxEntry[]
    expect(first.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id))
    const next = (await (
      await engine.call(
        'GET',
        `/api/receivers/${rx.receiver_id}/inbox?limit=2&before=${first[1]?.id}`
      )
    ).json()) as InboxEntry[]
    expect(next.map((e) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id))
  })
})

describe('a receiver that requires Authorization', () => {
  let secured: Registered
  beforeAll(async () => {
    const res = await engine.call('POST', '/api/receivers', {
      issuer: tx.issuer,
      audience: AUDIENCE,
      require_authorization: true
    })
    secured = (await res.json()) as Registered
  })

  it('carries the header to send, and answers 401 without it (A14 default)', async () => {
    expect(secured.authorization_header).toMatch(/^Bearer \S+$/)
    const { token } = await tx.sign()
    const missing = await push(token, {}, secured.push_endpoint)
    expect(missing.res.status).toBe(401)
    expect(missing.body?.err).toBe('authentication_failed')
    const wrong = await push(token, { Authorization: 'Bearer wrong' }, secured.push_endpoint)
    expect(wrong.res.status).toBe(401)
    const ok = await push(
      token,
      { Authorization: secured.authorization_header ?? '' },
      secured.push_endpoint
    )
    expect(ok.res.status).toBe(202)
    const entries = await inbox(secured.receiver_id)
    expect(entries.map((e) => e.verdict)).toEqual(['accepted', 'rejected', 'rejected'])
  })

  it('can answer 400 authentication_failed instead', async () => {
    await engine.call('PATCH', `/api/receivers/${secured.receiver_id}`, {
      auth_failure_status: 400
    })
    const { token } = await tx.sign()
    const res = await push(token, {}, secured.push_endpoint)
    expect(res.res.status).toBe(400)
    expect(res.body?.err).toBe('authentication_failed')
  })

  it('masks Authorization in the recorded exchange', async () => {
    const res = await engine.call('GET', `/api/receivers/${secured.receiver_id}/exchanges?limit=5`)
    const exchanges = (await res.json()) as { request_headers: Record<string, string> }[]
    const auths = exchanges
      .map((e) => e.request_headers.authorization)
      .filter((a) => a !== undefined)
    expect(auths.length).toBeGreaterThan(0)
    for (const a of auths) expect(a).toContain('***')
  })
})

describe('the live feed', () => {
  it('announces every received SET as receiver.set', async () => {
    const abort = new AbortController()
    const res = await fetch(`${engine.url}/api/live`, {
      headers: { Authorization: `Bearer ${engine.token}` },
      signal: abort.signal
    })
    const reader = res.body?.getReader()
    if (!reader) throw new Error('no body')
    const { token } = await tx.sign({ audience: 'nope' })
    await push(token)
    let text = ''
    const decoder = new TextDecoder()
    while (!text.includes('event: receiver.set')) {
      const { value, done } = await reader.read()
      if (done) break
      text += decoder.decode(value)
    }
    abort.abort()
    expect(text).toContain(`"receiver_id":"${rx.receiver_id}"`)
    expect(text).toContain('"verdict":"rejected"')
  })
})
