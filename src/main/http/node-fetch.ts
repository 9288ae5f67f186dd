/**
 * A `fetch`-compatible function over node:http/node:https with keep-alive agents. Push delivery
 * uses it by default: on loopback, undici's `fetch` costs several times more per request than
 * node:http with a kept-alive socket (measured by `npm run bench`), and the push worker sends
 * one request per SET. Redirects are never followed (as `redirect: 'manual'`).
 * @module
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

type FetchInit = NonNullable<Parameters<typeof fetch>[1]>

function toHeaders(init: FetchInit['headers']): Record<string, string> {
  const out: Record<string, string> = {}
  new Headers(init).forEach((value, name) => (out[name] = value))
  return out
}

function toBody(body: FetchInit['body']): string | Uint8Array | undefined {
  if (body === null || body === undefined) return undefined
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  if (body instanceof URLSearchParams) return body.toString()
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  throw new TypeError('this fetch supports string, bytes and URLSearchParams bodies only')
}

function toResponse(res: IncomingMessage, body: Buffer): Response {
  const headers = new Headers()
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    const name = res.rawHeaders[i]
    const value = res.rawHeaders[i + 1]
    if (name !== undefined && value !== undefined) headers.append(name, value)
  }
  const status = res.statusCode ?? 0
  const nullBody = status === 204 || status === 205 || status === 304
  return new Response(nullBody ? null : Uint8Array.from(body), {
    status: status >= 200 && status <= 599 ? status : 502,
    statusText: res.statusMessage ?? '',
    headers
  })
}

/** A server certificate that was not trusted (unknown CA, wrong name, expired, constraints). */
export function isCertificateError(err: NodeJS.ErrnoException): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|ALTNAME|subtree/i.test(
    `${err.code} ${err.message}`
  )
}

/** `fetch failed`, naming certificate errors: they need the user (trust a CA), not a retry. */
function failure(err: NodeJS.ErrnoException): string {
  if (!isCertificateError(err)) return 'fetch failed'
  return `fetch failed: certificate not trusted (${err.code ?? 'TLS'}: ${err.message}); trust its CA with --extra-ca`
}

/** TLS settings of the https agent. */
export interface NodeFetchTls {
  /** The CA certificates (PEM) that https servers are verified against; Node's defaults when absent. */
  ca?: string[]
}

/** Create a keep-alive `fetch` (string/bytes bodies; no redirects followed; AbortSignal honoured). */
export function createNodeFetch(tls: NodeFetchTls = {}): typeof fetch {
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 64, ...tls })
  }
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input))
      const secure = url.protocol === 'https:'
      if (!secure && url.protocol !== 'http:')
        return reject(new TypeError(`unsupported URL scheme ${url.protocol}`))
      const signal = init.signal ?? undefined
      if (signal?.aborted) return reject(signal.reason)
      let body: string | Uint8Array | undefined
      try {
        body = toBody(init.body)
      } catch (err) {
        return reject(err)
      }
      const send = secure ? httpsRequest : httpRequest
      const req = send(
        url,
        {
          method: init.method ?? 'GET',
          headers: toHeaders(init.headers),
          agent: secure ? agents.https : agents.http,
          ...(signal ? { signal } : {})
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve(toResponse(res, Buffer.concat(chunks))))
          res.on('error', reject)
        }
      )
      // Same shape as undici's network errors: TypeError('fetch failed') with the cause.
      req.on('error', (err) =>
        reject(signal?.aborted ? signal.reason : new TypeError(failure(err), { cause: err }))
      )
      req.end(body)
    })
}
