/** `POST /api/clients`, `GET /api/clients`: management-API clients and their tokens. */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

describe('POST /api/clients', () => {
  it('201 with client_id and a fresh token; the token works on the management API', async () => {
    const res = await engine.call('POST', '/api/clients', { name: 'app 2' })
    expect(res.status).toBe(201)
    const c = (await res.json()) as {
      client_id: string
      token: string
      name: string
      audience: string
    }
    expect(c).toMatchObject({ name: 'app 2', audience: c.client_id })
    expect(c.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect((await engine.call('GET', '/ssf/streams', undefined, c.token)).status).toBe(200)
  })

  it('takes an explicit audience', async () => {
    const res = await engine.call('POST', '/api/clients', {
      name: 'aud',
      audience: 'https://rx.example/app'
    })
    expect(res.status).toBe(201)
    const c = (await res.json()) as { token: string }
    const s = await engine.call(
      'POST',
      '/ssf/streams',
      { delivery: { method: 'urn:ietf:rfc:8936' } },
      c.token
    )
    expect(((await s.json()) as { aud: string }).aud).toBe('https://rx.example/app')
  })

  test.each([
    { name: 'no name', body: {} },
    { name: 'empty name', body: { name: '  ' } },
    { name: 'numeric name', body: { name: 1 } },
    { name: 'unknown member', body: { name: 'x', token: 'chosen' } },
    { name: 'array body', body: [] }
  ])('$name → 400', async ({ body }) => {
    const res = await engine.call('POST', '/api/clients', body)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ err: 'invalid_request' })
  })
})

describe('GET /api/clients', () => {
  it('lists clients without their tokens', async () => {
    const res = await engine.call('GET', '/api/clients')
    expect(res.status).toBe(200)
    const list = (await res.json()) as Record<string, unknown>[]
    expect(list[0]).toMatchObject({ client_id: 'default', is_default: true })
    for (const c of list) expect(c).not.toHaveProperty('token')
  })
})
