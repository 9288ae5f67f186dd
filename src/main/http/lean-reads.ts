/**
 * The lean path: the Transmitter's authenticated reads (`GET` of the stream configuration and
 * status) answered on node:http before express, for the plain request only: the exact path, a
 * static client token in the Authorization header, no token in the query, no conditional request
 * headers, a read that succeeds. It answers what express would (status 200, the same headers in
 * the same order, the same JSON, the same traffic row); every other request, and every read that
 * throws (reads have no side effects), goes to express, which answers it as before.
 * @see docs/decisions.md "Management reads on a lean path before express"
 * @module
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { parse as parseQuery } from 'node:querystring'
import type { TrafficRouteName } from '../../shared/traffic'
import type { ClientsRepo } from '../store/clients-repo'
import type { TrafficRecorder } from '../traffic/recorder'
import type { Read } from '../transmitter/endpoints/deps'
import { staticClient } from './bearer-auth'

/** A read the lean path serves: the route's name (traffic log), its full path and its read. */
export interface LeanRead {
  name: TrafficRouteName
  path: string
  read: Read
}

/** What the lean path uses besides its reads. */
export interface LeanReadsDeps {
  clients: Pick<ClientsRepo, 'findByToken'>
  traffic: Pick<TrafficRecorder, 'leanStart' | 'served'>
}

/**
 * Paths express routes before the Transmitter (the control API, the Receiver, the authorization
 * server, the consent page): a read below one of them is left to express.
 */
const ROUTED_BEFORE = /^\/(?:api|receiver|oauth|consent|\.well-known)(?:\/|$)/i

/** The request listener: the lean path for `reads`, express (`app`) for everything else. */
export function createRequestListener(
  app: RequestListener,
  reads: readonly LeanRead[],
  deps: LeanReadsDeps
): RequestListener {
  const byPath = new Map<string, LeanRead>()
  for (const read of reads) if (!ROUTED_BEFORE.test(read.path)) byPath.set(read.path, read)
  return function dispatch(req, res) {
    if (req.method === 'GET' && req.url !== undefined) {
      const url = req.url
      const q = url.indexOf('?')
      const read = byPath.get(q < 0 ? url : url.slice(0, q))
      if (read && serveRead(read, req, res, q < 0 ? '' : url.slice(q + 1), deps)) return
    }
    void app(req, res)
  }
}

/** Answer a plain read; false (nothing written, nothing recorded) when express must answer. */
function serveRead(
  route: LeanRead,
  req: IncomingMessage,
  res: ServerResponse,
  search: string,
  { clients, traffic }: LeanReadsDeps
): boolean {
  const h = req.headers
  // Conditional requests: express's freshness check may answer 304.
  if (h['if-none-match'] !== undefined || h['if-modified-since'] !== undefined) return false
  const client = staticClient(clients, h.authorization)
  if (!client) return false
  const started = traffic.leanStart()
  // Express's "simple" query parser is node:querystring's.
  const query = parseQuery(search)
  if (query.access_token !== undefined) return false
  let body: string
  try {
    body = JSON.stringify(route.read(client, query))
  } catch {
    return false
  }
  // As express sends it: Cache-Control (the route's first step), then res.json's two headers.
  const headers = {
    'Cache-Control': 'no-store',
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body)
  }
  traffic.served(route.name, req, res, { query, headers, body, ...started })
  res.writeHead(200, headers)
  res.end(body)
  return true
}
