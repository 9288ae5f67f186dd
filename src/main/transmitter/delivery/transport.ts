/**
 * The typed push transport. A push request carries what the sender already knows — the stream,
 * the SET's `jti` and event type — so the layers that wrap the transport (faults, the traffic
 * recorder) never decode the token or look the stream up again.
 * @see RFC 8935 §2
 * @module
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { NodeFetchTls } from '../../http/node-fetch'

/** One push of one SET. */
export interface PushSend {
  stream_id: string
  jti: string
  eventType: string
  url: string
  /** The compact SET. */
  body: string
  headers: Record<string, string>
  signal?: AbortSignal
}

/** What the Receiver answered (header names in lower case). */
export interface PushReply {
  status: number
  headers: Record<string, string>
  body: string
}

/** Sends one push request. Wrapped by the fault layer and the traffic recorder. */
export type PushTransport = (send: PushSend) => Promise<PushReply>

/** Longest response body read from a Receiver (bytes); the rest is discarded. */
export const MAX_REPLY_BYTES = 64 * 1024

/**
 * The transport over node:http(s) with keep-alive agents. On loopback, undici's `fetch` costs
 * several times more per request than node:http with a kept-alive socket (`npm run bench`), and
 * the push worker sends one request per SET. Redirects are never followed.
 */
export function createHttpTransport(tls: NodeFetchTls = {}): PushTransport {
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 64, ...tls })
  }
  return (send) =>
    new Promise<PushReply>((resolve, reject) => {
      let url: URL
      try {
        url = new URL(send.url)
      } catch (err) {
        return reject(new TypeError('fetch failed', { cause: err }))
      }
      const secure = url.protocol === 'https:'
      if (!secure && url.protocol !== 'http:')
        return reject(new TypeError(`unsupported URL scheme ${url.protocol}`))
      const signal = send.signal
      if (signal?.aborted) return reject(signal.reason)
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          headers: send.headers,
          agent: secure ? agents.https : agents.http,
          ...(signal ? { signal } : {})
        },
        (res) => {
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (c: Buffer) => {
            if (size >= MAX_REPLY_BYTES) return
            chunks.push(c)
            size += c.length
          })
          res.on('end', () => {
            const headers: Record<string, string> = {}
            for (const [name, value] of Object.entries(res.headers))
              if (value !== undefined)
                headers[name] = Array.isArray(value) ? value.join(', ') : value
            resolve({
              status: res.statusCode ?? 0,
              headers,
              body: Buffer.concat(chunks).toString('utf8')
            })
          })
          res.on('error', reject)
        }
      )
      // Same shape as undici's network errors: TypeError('fetch failed') with the cause.
      req.on('error', (err) =>
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: err }))
      )
      req.end(send.body)
    })
}

/** The transport over an injected `fetch` (tests pass a loopback-only fetch). */
export function fetchTransport(fetchImpl: typeof fetch): PushTransport {
  return async (send) => {
    const response = await fetchImpl(send.url, {
      method: 'POST',
      headers: send.headers,
      body: send.body,
      redirect: 'manual',
      ...(send.signal ? { signal: send.signal } : {})
    })
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => (headers[name] = value))
    return { status: response.status, headers, body: await response.text() }
  }
}
