import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeFetch } from '../../../src/main/http/node-fetch'
import { classifyPushResponse } from '../../../src/main/transmitter/delivery/push'

describe('createNodeFetch (push transport)', () => {
  let server: Server
  let base: string
  const seen: { method?: string; headers: Record<string, unknown>; body: string }[] = []
  const fetchFn = createNodeFetch()

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body })
        if (req.url === '/hang') return
        if (req.url === '/204') return res.writeHead(204).end()
        if (req.url === '/redirect') return res.writeHead(302, { Location: '/x' }).end()
        res.writeHead(400, { 'Content-Type': 'application/json', 'Retry-After': '5' })
        res.end('{"err":"invalid_key","description":"nope"}')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('sends method, headers and body and returns a Response', async () => {
    const res = await fetchFn(`${base}/set`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/secevent+jwt', Authorization: 'Bearer x' },
      body: 'a.b.c'
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(await res.json()).toEqual({ err: 'invalid_key', description: 'nope' })
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      body: 'a.b.c',
      headers: { 'content-type': 'application/secevent+jwt', authorization: 'Bearer x' }
    })
  })

  it('gives a null body for 204 and does not follow redirects', async () => {
    expect((await fetchFn(`${base}/204`, { method: 'POST', body: '' })).status).toBe(204)
    const redirect = await fetchFn(`${base}/redirect`, { method: 'POST', body: 'x' })
    expect(redirect.status).toBe(302)
    expect(classifyPushResponse(302, null, '', 0).kind).toBe('rejected')
  })

  it('rejects on abort and on refused connections like fetch does', async () => {
    const controller = new AbortController()
    const pending = fetchFn(`${base}/hang`, {
      method: 'POST',
      body: 'hang-body',
      signal: controller.signal
    })
    await expect.poll(() => seen.some((s) => s.body === 'hang-body')).toBe(true)
    controller.abort(new DOMException('push timed out', 'TimeoutError'))
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' })
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const err: unknown = await fetchFn(`http://127.0.0.1:${port}/`, { method: 'POST' }).catch(
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(TypeError)
    expect(err).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } })
  })
})
