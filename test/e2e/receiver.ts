/**
 * A tiny RFC 8935 push receiver on loopback for browser tests: records every POST and answers 202.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TinyReceiver {
  url: string
  received: { contentType: string | undefined; body: string }[]
  close(): Promise<void>
}

/** Start one; `status` is what a POST is answered with (202 unless told). */
export async function startTinyReceiver(status: () => number = () => 202): Promise<TinyReceiver> {
  const received: TinyReceiver['received'] = []
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      if (req.method === 'POST') received.push({ contentType: req.headers['content-type'], body })
      res.writeHead(req.method === 'POST' ? status() : 405).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/events`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The claims of a compact JWS, decoded for assertions (the engine's own tests verify signatures). */
export function jwtClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? ''
  const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  if (typeof value !== 'object' || value === null) throw new Error('not a JWT payload')
  return Object.fromEntries(Object.entries(value))
}
