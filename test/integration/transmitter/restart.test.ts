/**
 * Restart on the same data folder: streams, subjects, status + reason, the signing key id and the
 * default token persist; a `--token` given later replaces the stored token.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { StreamConfiguration } from '../../../src/shared/ssf'
import { startTestEngine, tempDataDir, type TestEngine } from '../helpers/bootstrap'
import { POLL, PUSH, SESSION_REVOKED, createStream, readStatus } from './fixtures'

const running: TestEngine[] = []
afterEach(async () => {
  for (const e of running.splice(0)) await e.stop()
})

async function start(dataDir: string, token?: string): Promise<TestEngine> {
  const engine = await startTestEngine({ token }, dataDir)
  running.push(engine)
  return engine
}

async function jwksKids(engine: TestEngine): Promise<string[]> {
  const jwks = (await (await fetch(`${engine.url}/ssf/jwks`)).json()) as { keys: { kid: string }[] }
  return jwks.keys.map((k) => k.kid)
}

describe('restart on the same data folder', () => {
  it('keeps streams, subjects, status + reason, the key id and the generated token', async () => {
    const dir = tempDataDir()
    const a = await start(dir)
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const other = (await (await a.call('POST', '/api/clients', { name: 'b' })).json()) as {
      token: string
    }
    const s = await createStream(a, {
      delivery: {
        method: PUSH,
        endpoint_url: 'https://rx.example/e',
        authorization_header: 'Bearer z'
      },
      events_requested: [SESSION_REVOKED],
      description: 'kept'
    })
    const poll = await createStream(a, { delivery: { method: POLL } })
    expect(poll.delivery.endpoint_url).toBe(`${a.url}/ssf/poll/${poll.stream_id}`)
    const subject = { format: 'complex', user: { format: 'opaque', id: 'u1' } }
    expect(
      (
        await a.call('POST', '/ssf/subjects:add', {
          stream_id: s.stream_id,
          subject,
          verified: false
        })
      ).status
    ).toBe(200)
    expect(
      (
        await a.call('POST', '/ssf/status', {
          stream_id: s.stream_id,
          status: 'paused',
          reason: 'maint'
        })
      ).status
    ).toBe(200)
    const kids = await jwksKids(a)
    const token = a.token
    running.splice(0)
    await a.stop(false)

    const b = await start(dir)
    expect(b.token).toBe(token)
    expect(await jwksKids(b)).toEqual(kids)
    // The stream keeps its content; `iss` follows the issuer of the new start (another port).
    const read = (await (
      await b.call('GET', `/ssf/streams?stream_id=${s.stream_id}`)
    ).json()) as StreamConfiguration
    expect(read).toEqual({ ...s, iss: b.url })
    const readPoll = (await (
      await b.call('GET', `/ssf/streams?stream_id=${poll.stream_id}`)
    ).json()) as StreamConfiguration
    expect(readPoll.iss).toBe(b.url)
    expect(readPoll.delivery.endpoint_url).toBe(`${b.url}/ssf/poll/${poll.stream_id}`)
    expect(await readStatus(b, s.stream_id)).toEqual({
      stream_id: s.stream_id,
      status: 'paused',
      reason: 'maint'
    })
    expect(b.core.ctx.repos.streams.listSubjects(s.stream_id)).toMatchObject([
      { subject, verified: false }
    ])
    // Other clients and their tokens persist too.
    expect((await b.call('GET', '/ssf/streams', undefined, other.token)).status).toBe(200)
  })

  it('a token given at a later start replaces the stored one', async () => {
    const dir = tempDataDir()
    const a = await start(dir, 'first-token-123')
    const s = await createStream(a)
    running.splice(0)
    await a.stop(false)

    const b = await start(dir, 'second-token-456')
    expect(b.token).toBe('second-token-456')
    expect((await b.call('GET', '/ssf/streams', undefined, 'first-token-123')).status).toBe(401)
    const list = (await (await b.call('GET', '/ssf/streams')).json()) as StreamConfiguration[]
    expect(list.map((x) => x.stream_id)).toEqual([s.stream_id])
    running.splice(0)
    await b.stop(false)

    // Without a token the replaced one persists.
    const c = await start(dir)
    expect(c.token).toBe('second-token-456')
  })

  it("refuses, with a clear message, a --token that is another client's token", async () => {
    const dir = tempDataDir()
    const a = await start(dir, 'first-token-123')
    const other = (await (await a.call('POST', '/api/clients', { name: 'b' })).json()) as {
      token: string
    }
    running.splice(0)
    await a.stop(false)
    await expect(startTestEngine({ token: other.token }, dir)).rejects.toThrow(
      /already the token of client "b"/
    )
    const c = await start(dir)
    expect(c.token).toBe('first-token-123')
  })
})
