/**
 * A raw SET receiver on loopback: keeps every pushed body as received (so a test can verify it
 * itself with jose and see exactly what went wrong) and answers 202.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRemoteJWKSet, jwtVerify, type JWTVerifyResult } from 'jose'

export interface RawReceiver {
  url: string
  tokens: string[]
  /** Arrival times (ms since the epoch). */
  times: number[]
  close(): Promise<void>
}

export async function startRawReceiver(): Promise<RawReceiver> {
  const rx: RawReceiver = {
    url: '',
    tokens: [],
    times: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      rx.tokens.push(Buffer.concat(chunks).toString('utf8'))
      rx.times.push(Date.now())
      res.writeHead(202)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  rx.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`
  return rx
}

/** Verify a SET the way a strict Receiver does: remote JWKS, issuer, audience, explicit typ. */
export function verifySet(
  token: string,
  engineUrl: string,
  issuer: string,
  audience: string | string[]
): Promise<JWTVerifyResult> {
  return jwtVerify(token, createRemoteJWKSet(new URL(`${engineUrl}/ssf/jwks`)), {
    issuer,
    audience,
    typ: 'secevent+jwt'
  })
}

/** The error code (and claim, for claim failures) a verification fails with. */
export async function verifyFailure(
  token: string,
  engineUrl: string,
  issuer: string,
  audience: string | string[]
): Promise<string> {
  try {
    await verifySet(token, engineUrl, issuer, audience)
    return 'verified'
  } catch (err) {
    const e = err as { code?: string; claim?: string }
    return e.claim ? `${e.code}:${e.claim}` : String(e.code)
  }
}
