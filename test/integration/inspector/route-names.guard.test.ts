import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrafficExchange } from '../../../src/shared/traffic'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream } from '../delivery/helpers'

/** The traffic log classifies an inbound exchange by the name of the route that served it. */
type Summary = Pick<TrafficExchange, 'kind' | 'method' | 'url' | 'status' | 'stream_id'>

let e: TestEngine
beforeAll(async () => {
  e = await startTestEngine()
  expect((await e.call('POST', '/api/tenants', { tenant_id: 'acme' })).status).toBe(201)
})
afterAll(() => e.stop())

async function inbound(): Promise<Summary[]> {
  const res = await e.call('GET', '/api/traffic?direction=inbound&limit=500')
  return ((await res.json()) as { items: Summary[] }).items
}

/** The recorded exchange of `method path`, once it is stored. */
async function recorded(method: string, path: string): Promise<Summary> {
  let found: Summary | undefined
  await expect
    .poll(async () => {
      found = (await inbound()).find((x) => x.method === method && x.url === `${e.url}${path}`)
      return found
    })
    .toBeDefined()
  return found!
}

describe('traffic kinds come from route names', () => {
  it.each([
    ['GET', '/.well-known/ssf-configuration', 'metadata'],
    ['GET', '/.well-known/ssf-configuration/t/acme', 'metadata'],
    ['GET', '/ssf/jwks', 'jwks'],
    ['GET', '/t/acme/ssf/jwks', 'jwks'],
    ['DELETE', '/ssf/jwks', 'jwks'],
    ['GET', '/ssf/status', 'management'],
    ['GET', '/.well-known/oauth-authorization-server/oauth', 'metadata'],
    ['GET', '/.well-known/oauth-protected-resource', 'metadata'],
    ['GET', '/oauth/jwks', 'oauth'],
    ['GET', '/receiver/nobody/push', 'receiver-push']
  ])('%s %s is %s', async (method, path, kind) => {
    const res = await fetch(`${e.url}${path}`, {
      method,
      headers: path.includes('/status') ? { Authorization: `Bearer ${e.token}` } : {}
    })
    await res.arrayBuffer()
    expect(await recorded(method, path)).toMatchObject({ kind, status: res.status })
  })

  it('a poll is linked to the stream its route names', async () => {
    const stream = await createStream(e, { method: POLL })
    const path = `/ssf/poll/${stream.stream_id}`
    expect((await e.call('POST', path, { returnImmediately: true })).status).toBe(200)
    expect(await recorded('POST', path)).toMatchObject({
      kind: 'poll',
      stream_id: stream.stream_id
    })
  })

  it('paths no route names (the control API, the UI, unknown paths) are not recorded', async () => {
    await (await e.call('GET', '/api/streams')).arrayBuffer()
    await (await fetch(`${e.url}/ssf/nothing-here`)).arrayBuffer()
    await (await fetch(`${e.url}/`)).arrayBuffer()
    // A named route served after them: once it is stored, the earlier ones would be too.
    await (await fetch(`${e.url}/ssf/jwks?after=1`)).arrayBuffer()
    await recorded('GET', '/ssf/jwks?after=1')
    const urls = (await inbound()).map((x) => new URL(x.url).pathname)
    expect(urls).not.toContain('/api/streams')
    expect(urls).not.toContain('/ssf/nothing-here')
    expect(urls).not.toContain('/')
  })
})
