/**
 * TLS test helpers: a client that trusts only a given CA, the certificate a server presents, and
 * an https "app under test" with a certificate from a CA the test makes itself.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { connect, type PeerCertificate } from 'node:tls'
import { generateCa, generateLeaf, type PemPair } from '../../../src/main/tls/certificates'
import { createNodeFetch } from '../../../src/main/http/node-fetch'
import { tlsPaths } from '../../../src/main/tls/store'

/** The engine's CA certificate (PEM) from its data folder. */
export function engineCa(dataDir: string): string {
  return readFileSync(tlsPaths(dataDir).caCert, 'utf8')
}

/** A fetch whose only trust anchor is `caPem` (Node's public roots are NOT included). */
export function fetchTrusting(caPem: string): typeof fetch {
  return createNodeFetch({ ca: [caPem] })
}

/** Call the engine's control API / management API with a bearer token through `fetchFn`. */
export function caller(fetchFn: typeof fetch, base: string, token: string) {
  return (method: string, path: string, body?: unknown): Promise<Response> =>
    fetchFn(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
}

/** The certificate the server at `url` presents (no verification: we only look at it). */
export function servedCertificate(url: string): Promise<PeerCertificate> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(
      { host: '127.0.0.1', port: Number(port), servername: hostname, rejectUnauthorized: false },
      () => {
        resolve(socket.getPeerCertificate())
        socket.end()
      }
    )
    socket.on('error', reject)
  })
}

/** An https server with its own CA (not ours): the app under test with a dev certificate. */
export interface AppUnderTest {
  url: string
  ca: PemPair
  /** Bodies of the requests it received. */
  received: { path: string; contentType: string | undefined; body: string }[]
  close(): Promise<void>
}

export async function startAppUnderTest(): Promise<AppUnderTest> {
  const now = Date.now()
  const ca = await generateCa(['localhost'], now)
  const leaf = await generateLeaf(ca, { dns: ['localhost'], ips: ['127.0.0.1'] }, now)
  const received: AppUnderTest['received'] = []
  let url = ''
  // As a Transmitter it publishes metadata and an (empty) JWKS; as a Receiver it takes pushes.
  const documents: Record<string, () => unknown> = {
    '/.well-known/ssf-configuration': () => ({ issuer: url, jwks_uri: `${url}/jwks` }),
    '/jwks': () => ({ keys: [] })
  }
  const server: Server = createServer({ key: leaf.key, cert: leaf.cert }, (req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body })
      const doc = req.method === 'GET' ? documents[req.url ?? ''] : undefined
      if (doc) res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(doc()))
      else res.writeHead(202).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `https://localhost:${(server.address() as AddressInfo).port}`
  return {
    url,
    ca,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
