/**
 * A real SET Receiver on loopback (node:http) that verifies every SET against the Transmitter's
 * JWKS with jose, plus small helpers to create streams and fire events.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  createRemoteJWKSet,
  jwtVerify,
  type JWTPayload,
  type ProtectedHeaderParameters
} from 'jose'
import { afterEach, expect } from 'vitest'
import type { TestEngine } from '../helpers/bootstrap'

export const PUSH = 'urn:ietf:rfc:8935'
export const POLL = 'urn:ietf:rfc:8936'
export const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
export const STREAM_UPDATED = 'https://schemas.openid.net/secevent/ssf/event-type/stream-updated'
export const VERIFICATION = 'https://schemas.openid.net/secevent/ssf/event-type/verification'

/** A SET as the receiver got it, verified. */
export interface ReceivedSet {
  token: string
  headers: IncomingHttpHeaders
  header: ProtectedHeaderParameters
  claims: JWTPayload
  /** Status the receiver answered (0: it did not answer). */
  status: number
  /** `Date.now()` when the request arrived. */
  at: number
}

/**
 * What the receiver answers to the n-th request (0-based). `hang`: never answer (the request
 * is recorded with status 0 and its connection stays open until the receiver closes).
 */
export type Responder = (n: number) => {
  status: number
  body?: string
  headers?: Record<string, string>
  hang?: boolean
}

export interface TestReceiver {
  url: string
  /** Every request, in arrival order. */
  received: ReceivedSet[]
  /** SETs answered with 2xx, in order. */
  accepted(): ReceivedSet[]
  verifyErrors: string[]
  respond: Responder
  /** Expected issuer/audience/JWKS; set once the engine is up. */
  expect: { issuer: string; audience: string | string[]; jwksUri: string }
  close(): Promise<void>
}

/** Start a receiver; every SET is verified with jwtVerify(createRemoteJWKSet(jwks_uri)). */
export async function startReceiver(
  respond: Responder = () => ({ status: 202 })
): Promise<TestReceiver> {
  let count = 0
  const rx: TestReceiver = {
    url: '',
    received: [],
    accepted: () => rx.received.filter((r) => r.status >= 200 && r.status < 300),
    verifyErrors: [],
    respond,
    expect: { issuer: '', audience: '', jwksUri: '' },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
  const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const at = Date.now()
      const token = Buffer.concat(chunks).toString('utf8')
      const answer = rx.respond(count++)
      const jwksUri = rx.expect.jwksUri
      let jwks = jwksCache.get(jwksUri)
      if (!jwks) jwksCache.set(jwksUri, (jwks = createRemoteJWKSet(new URL(jwksUri))))
      jwtVerify(token, jwks, {
        typ: 'secevent+jwt',
        issuer: rx.expect.issuer,
        audience: rx.expect.audience
      }).then(
        ({ payload, protectedHeader }) => {
          rx.received.push({
            token,
            headers: req.headers,
            header: protectedHeader,
            claims: payload,
            status: answer.hang === true ? 0 : answer.status,
            at
          })
          if (answer.hang === true) return
          res.writeHead(answer.status, answer.headers ?? {})
          res.end(answer.body ?? '')
        },
        (err: unknown) => {
          rx.verifyErrors.push(String(err))
          res.writeHead(400, { 'Content-Type': 'application/json' })
          res.end(JSON.stringify({ err: 'invalid_key', description: String(err) }))
        }
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  rx.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`
  return rx
}

/** Point a receiver's expectations at an engine and a stream. */
export function expectFrom(rx: TestReceiver, engine: TestEngine, aud: string | string[]): void {
  rx.expect = { issuer: engine.core.issuer, audience: aud, jwksUri: `${engine.url}/ssf/jwks` }
}

/** Create a stream for the engine's default client; returns the stream configuration. */
export async function createStream(
  engine: TestEngine,
  delivery: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  token?: string
): Promise<{ stream_id: string; aud: string | string[]; delivery: { endpoint_url: string } }> {
  const res = await engine.call('POST', '/ssf/streams', { delivery, ...extra }, token)
  expect(res.status).toBe(201)
  return (await res.json()) as {
    stream_id: string
    aud: string
    delivery: { endpoint_url: string }
  }
}

/** Fire through the control API; returns status and body. */
export async function fire(
  engine: TestEngine,
  body: Record<string, unknown>
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await engine.call('POST', '/api/events', body)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** Fire one session-revoked event for `email`; expects 201 and returns the jtis made. */
export async function fireOk(
  engine: TestEngine,
  email: string,
  extra: Record<string, unknown> = {}
): Promise<{ stream_id: string; jti: string; state: string }[]> {
  const r = await fire(engine, {
    type: 'caep.session-revoked',
    subject: { format: 'email', email },
    claims: { event_timestamp: 1767231995 },
    ...extra
  })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body.sets as { stream_id: string; jti: string; state: string }[]
}

/** The single event type of received claims. */
export function eventTypeOf(claims: JWTPayload): string {
  const events = claims.events as Record<string, unknown>
  return Object.keys(events)[0] ?? ''
}

/** An engine and a receiver per test, stopped after each test (whichever were started). */
export function perTestEngineAndReceiver(): { engine?: TestEngine; rx?: TestReceiver } {
  const slots: { engine?: TestEngine; rx?: TestReceiver } = {}
  afterEach(async () => {
    await slots.engine?.stop()
    await slots.rx?.close()
    delete slots.engine
    delete slots.rx
  })
  return slots
}

/**
 * A long poll (empty body) of a poll stream that the test ends with `signal`; resolves to the
 * response, or to the error once the client has gone.
 */
export function longPoll(
  engine: TestEngine,
  endpointUrl: string,
  signal: AbortSignal
): Promise<unknown> {
  return fetch(endpointUrl, {
    method: 'POST',
    headers: { Authorization: `Bearer ${engine.token}`, 'Content-Type': 'application/json' },
    body: '{}',
    signal
  }).catch((err: unknown) => err)
}
