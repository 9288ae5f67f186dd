/**
 * Shared helpers of the Transmitter integration tests: stream creation, error-body checks and the
 * event-type URIs the tests request.
 */
import { expect } from 'vitest'
import type { StreamConfiguration, StreamStatus } from '../../../src/shared/ssf'
import type { TestEngine } from '../helpers/bootstrap'

export const PUSH = 'urn:ietf:rfc:8935'
export const POLL = 'urn:ietf:rfc:8936'
export const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
export const CREDENTIAL_CHANGE =
  'https://schemas.openid.net/secevent/caep/event-type/credential-change'
export const ACCOUNT_DISABLED =
  'https://schemas.openid.net/secevent/risc/event-type/account-disabled'
export const UNKNOWN_EVENT = 'https://example.com/event-type/not-supported'
export const RX_URL = 'https://rx.example/events'

/** Every management endpoint path with its methods (relative to the issuer). */
export const MANAGEMENT_ENDPOINTS = [
  { method: 'POST', path: '/ssf/streams' },
  { method: 'GET', path: '/ssf/streams' },
  { method: 'PATCH', path: '/ssf/streams' },
  { method: 'PUT', path: '/ssf/streams' },
  { method: 'DELETE', path: '/ssf/streams?stream_id=x' },
  { method: 'GET', path: '/ssf/status?stream_id=x' },
  { method: 'POST', path: '/ssf/status' },
  { method: 'POST', path: '/ssf/subjects:add' },
  { method: 'POST', path: '/ssf/subjects:remove' },
  { method: 'POST', path: '/ssf/verify' }
] as const

/** Endpoints that take a JSON body. */
export const BODY_ENDPOINTS = MANAGEMENT_ENDPOINTS.filter(
  (e) => e.method !== 'GET' && e.method !== 'DELETE'
)

/** Create a stream (push by default) and return its configuration. */
export async function createStream(
  engine: TestEngine,
  body: Record<string, unknown> = {
    delivery: { method: PUSH, endpoint_url: RX_URL },
    events_requested: [SESSION_REVOKED]
  },
  token?: string
): Promise<StreamConfiguration> {
  const res = await engine.call('POST', '/ssf/streams', body, token)
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as StreamConfiguration
}

/** Read a stream's status through the management API. */
export async function readStatus(engine: TestEngine, streamId: string): Promise<StreamStatus> {
  const res = await engine.call('GET', `/ssf/status?stream_id=${encodeURIComponent(streamId)}`)
  expect(res.status).toBe(200)
  return (await res.json()) as StreamStatus
}

/** Assert `res` is an error with `status` and a `{err, description}` JSON body; returns the body. */
export async function expectError(
  res: Response,
  status: number,
  err?: string
): Promise<{ err: string; description: string }> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  const body = JSON.parse(text) as { err: unknown; description: unknown }
  expect(typeof body.err).toBe('string')
  expect(typeof body.description).toBe('string')
  if (err !== undefined) expect(body.err).toBe(err)
  return { err: String(body.err), description: String(body.description) }
}

/** Send raw bytes with a given content type and the default token. */
export function sendRaw(
  engine: TestEngine,
  method: string,
  path: string,
  body: string | Uint8Array<ArrayBuffer>,
  contentType = 'application/json',
  token = engine.token
): Promise<Response> {
  return fetch(`${engine.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType },
    body
  })
}
