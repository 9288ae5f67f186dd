/**
 * Guard for mutation testing (docs/testing.md) of the push transports, against loopback servers:
 * what is sent (method, headers, body), what is read back (status, headers in lower case and
 * joined, a body cut at MAX_REPLY_BYTES), kept-alive sockets, https with a given CA, redirects not
 * followed, and the errors (bad URL, other scheme, refused connection, abort before and during).
 * @see src/main/transmitter/delivery/transport.ts
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { generateCa, generateLeaf } from '../../../src/main/tls/certificates'
import {
  MAX_REPLY_BYTES,
  createHttpTransport,
  fetchTransport,
  type PushSend
} from '../../../src/main/transmitter/delivery/transport'
import { loopbackFetch } from '../helpers/bootstrap'

interface Seen {
  method: string | undefined
  url: string | undefined
  headers: IncomingMessage['headers']
  body: string
  port: number | undefined
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise<void>((resolve) => s.close(() => resolve()))
  }
})

/** A loopback server that records each request and answers with `handle`. */
async function serve(handle: Handler, server: Server = createServer()) {
  const seen: Seen[] = []
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        port: req.socket.remotePort
      })
      handle(req, res)
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { seen, port: (server.address() as AddressInfo).port }
}

function send(url: string, extra: Partial<PushSend> = {}): PushSend {
  return {
    stream_id: 's',
    jti: 'j',
    eventType: 'e',
    url,
    body: 'a.b.c',
    headers: { 'Content-Type': 'application/secevent+jwt', Authorization: 'Bearer t' },
    ...extra
  }
}

const answer202: Handler = (_req, res) => res.writeHead(202).end()

describe('createHttpTransport', () => {
  it('POSTs the body with the given headers and reads status, headers and body', async () => {
    const { seen, port } = await serve((_req, res) => {
      res.setHeader('Retry-After', '5')
      res.setHeader('Set-Cookie', ['a=1', 'b=2'])
      res.writeHead(503, { 'X-Reason': 'Busy' })
      res.end('{"err":"x"}')
    })
    const reply = await createHttpTransport()(send(`http://127.0.0.1:${port}/events?q=1`))
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/events?q=1', body: 'a.b.c' })
    expect(seen[0]!.headers['content-type']).toBe('application/secevent+jwt')
    expect(seen[0]!.headers.authorization).toBe('Bearer t')
    expect(reply.status).toBe(503)
    expect(reply.body).toBe('{"err":"x"}')
    expect(reply.headers['retry-after']).toBe('5')
    expect(reply.headers['x-reason']).toBe('Busy')
    expect(reply.headers['set-cookie']).toBe('a=1, b=2')
    expect(Object.keys(reply.headers).every((k) => k === k.toLowerCase())).toBe(true)
  })

  it('reads at most MAX_REPLY_BYTES (and a little more of the last chunk)', async () => {
    const size = 4 * MAX_REPLY_BYTES
    const { port } = await serve((_req, res) => {
      res.writeHead(400)
      res.end('q'.repeat(size))
    })
    const reply = await createHttpTransport()(send(`http://127.0.0.1:${port}/`))
    expect(reply.status).toBe(400)
    expect(reply.body.length).toBeGreaterThanOrEqual(MAX_REPLY_BYTES)
    expect(reply.body.length).toBeLessThan(size)
    expect(reply.body).toBe('q'.repeat(reply.body.length))
  })

  it('keeps the connection alive between pushes', async () => {
    const { seen, port } = await serve(answer202)
    const transport = createHttpTransport()
    for (let i = 0; i < 3; i++) {
      const reply = await transport(send(`http://127.0.0.1:${port}/`))
      expect(reply.status).toBe(202)
    }
    expect(seen).toHaveLength(3)
    expect(new Set(seen.map((s) => s.port)).size).toBe(1)
  })

  it('does not follow a redirect', async () => {
    const { seen, port } = await serve((_req, res) => res.writeHead(307, { Location: '/x' }).end())
    const reply = await createHttpTransport()(send(`http://127.0.0.1:${port}/events`))
    expect(reply.status).toBe(307)
    expect(reply.headers.location).toBe('/x')
    expect(seen.map((s) => s.url)).toEqual(['/events'])
  })

  it('pushes over https to a server whose CA it is given', async () => {
    const now = Date.now()
    const ca = await generateCa(['localhost'], now)
    const leaf = await generateLeaf(ca, { dns: ['localhost'], ips: ['127.0.0.1'] }, now)
    const { seen, port } = await serve(
      answer202,
      createHttpsServer({ cert: leaf.cert, key: leaf.key })
    )
    const transport = createHttpTransport({ ca: [ca.cert] })
    for (let i = 0; i < 2; i++) {
      const reply = await transport(send(`https://127.0.0.1:${port}/tls`))
      expect(reply.status).toBe(202)
    }
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/tls', 'a.b.c'],
      ['POST', '/tls', 'a.b.c']
    ])
    // Kept alive: both on one connection.
    expect(new Set(seen.map((s) => s.port)).size).toBe(1)
    // Without the CA the certificate is refused.
    await expect(createHttpTransport()(send(`https://127.0.0.1:${port}/tls`))).rejects.toThrow(
      'fetch failed'
    )
    expect(seen).toHaveLength(2)
  })

  it('refuses a URL it cannot parse and a scheme other than http(s)', async () => {
    const transport = createHttpTransport()
    const bad = await transport(send('not a url')).catch((e: unknown) => e)
    expect(bad).toBeInstanceOf(TypeError)
    expect((bad as TypeError).message).toBe('fetch failed')
    expect((bad as TypeError).cause).toBeInstanceOf(TypeError)
    const ftp = await transport(send('ftp://127.0.0.1/x')).catch((e: unknown) => e)
    expect(ftp).toBeInstanceOf(TypeError)
    expect((ftp as TypeError).message).toBe('unsupported URL scheme ftp:')
  })

  it('a refused connection is a TypeError("fetch failed") with the cause', async () => {
    const { port } = await serve(answer202)
    const s = servers.pop()!
    await new Promise<void>((resolve) => s.close(() => resolve()))
    const err = await createHttpTransport()(send(`http://127.0.0.1:${port}/`)).catch(
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(TypeError)
    expect((err as TypeError).message).toBe('fetch failed')
    expect((err as { cause: { code: string } }).cause.code).toBe('ECONNREFUSED')
  })

  it('an aborted signal rejects with its reason, before sending or while waiting', async () => {
    let hung = 0
    const { seen, port } = await serve(() => {
      hung++
    })
    const transport = createHttpTransport()
    const before = new AbortController()
    const reason = new Error('stop before')
    before.abort(reason)
    await expect(
      transport(send(`http://127.0.0.1:${port}/`, { signal: before.signal }))
    ).rejects.toBe(reason)
    expect(seen).toHaveLength(0)
    const during = new AbortController()
    const pending = transport(send(`http://127.0.0.1:${port}/`, { signal: during.signal }))
    await expect.poll(() => hung).toBe(1)
    const late = new DOMException('push timed out', 'TimeoutError')
    during.abort(late)
    await expect(pending).rejects.toBe(late)
  })
})

describe('fetchTransport', () => {
  it('POSTs through the given fetch, reads headers, and does not follow a redirect', async () => {
    const { seen, port } = await serve((_req, res) => {
      res.writeHead(302, { Location: '/elsewhere', 'Retry-After': '1' })
      res.end('moved')
    })
    const reply = await fetchTransport(loopbackFetch)(send(`http://127.0.0.1:${port}/events`))
    expect(reply).toMatchObject({ status: 302, body: 'moved' })
    expect(reply.headers.location).toBe('/elsewhere')
    expect(reply.headers['retry-after']).toBe('1')
    expect(seen.map((s) => [s.method, s.url, s.body, s.headers.authorization])).toEqual([
      ['POST', '/events', 'a.b.c', 'Bearer t']
    ])
  })

  it('passes the signal: an abort rejects', async () => {
    let hung = 0
    const { port } = await serve(() => {
      hung++
    })
    const c = new AbortController()
    const pending = fetchTransport(loopbackFetch)(
      send(`http://127.0.0.1:${port}/`, { signal: c.signal })
    )
    await expect.poll(() => hung).toBe(1)
    const reason = new Error('cut')
    c.abort(reason)
    await expect(pending).rejects.toBe(reason)
  })
})
