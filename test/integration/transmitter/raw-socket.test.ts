/**
 * Errors Node's HTTP parser raises before express sees a request (malformed request line,
 * oversized headers, bad chunking) get a JSON 4xx, and the server keeps serving.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

/** Write `raw` to the server and read until it closes the connection. */
function exchange(raw: string): Promise<string> {
  const { port } = new URL(engine.url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1')
    let out = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (out += chunk))
    socket.on('end', () => resolve(out))
    socket.on('close', () => resolve(out))
    socket.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve(out) : reject(err)
    )
    socket.write(raw)
  })
}

function parse(response: string): { status: number; headers: string; body: string } {
  const [head = '', body = ''] = response.split('\r\n\r\n')
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
  return { status, headers: head, body }
}

const host = () => `Host: ${new URL(engine.url).host}`

test.each([
  { name: 'garbage request line', raw: () => 'HELLO THERE\r\n\r\n', status: 400 },
  // Read as HTTP/0.9-ish without a Host header: the UI's DNS-rebinding guard answers.
  { name: 'missing HTTP version', raw: () => 'GET /\r\n\r\n', status: 403, err: 'forbidden_host' },
  { name: 'bad HTTP version', raw: () => 'GET / HTTP/9.x\r\n\r\n', status: 400 },
  {
    name: 'space in header name',
    raw: () => `GET / HTTP/1.1\r\n${host()}\r\nBad Header: x\r\n\r\n`,
    status: 400
  },
  {
    name: 'oversized headers',
    raw: () => `GET / HTTP/1.1\r\n${host()}\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`,
    status: 431
  },
  {
    name: 'invalid chunked encoding',
    raw: () =>
      `POST /ssf/streams HTTP/1.1\r\n${host()}\r\nAuthorization: Bearer ${engine.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
    status: 400
  },
  {
    name: 'Content-Length and Transfer-Encoding together',
    raw: () =>
      `POST /ssf/streams HTTP/1.1\r\n${host()}\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    status: 400
  }
])('$name → JSON $status, server still up', async ({ raw, status, err }) => {
  const res = parse(await exchange(raw()))
  expect(res.status, res.headers).toBe(status)
  expect(res.headers).toMatch(/content-type: application\/json/i)
  expect(JSON.parse(res.body)).toEqual({
    err: err ?? 'invalid_request',
    description: expect.any(String)
  })
  const after = await fetch(`${engine.url}/.well-known/ssf-configuration`)
  expect(after.status).toBe(200)
})

test('a body shorter than its Content-Length (client hangs up) leaves the server up', async () => {
  const { port } = new URL(engine.url)
  await new Promise<void>((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.end(
        `POST /ssf/streams HTTP/1.1\r\n${host()}\r\nAuthorization: Bearer ${engine.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`
      )
    })
    socket.on('close', () => resolve())
    socket.on('error', () => resolve())
    socket.resume()
  })
  expect((await engine.call('GET', '/ssf/streams')).status).toBe(200)
})

test('a malformed percent-encoding in the query is a JSON 4xx', async () => {
  const res = parse(
    await exchange(
      `GET /ssf/streams?stream_id=%E0%A4%A HTTP/1.1\r\n${host()}\r\nAuthorization: Bearer ${engine.token}\r\nConnection: close\r\n\r\n`
    )
  )
  expect(res.status).toBeGreaterThanOrEqual(400)
  expect(res.status).toBeLessThan(500)
})
