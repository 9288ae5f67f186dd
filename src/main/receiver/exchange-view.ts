/**
 * A receiver's exchanges as `GET /api/receivers/{id}/exchanges` has always shown them, read from
 * the one traffic log: secrets masked, and each named by its operation, which follows from the
 * traffic kind and the Transmitter's metadata endpoints the call went to.
 * @module
 */
import type { ReceiverExchangeView } from '../../shared/api/contract'
import { maskBody, maskHeaders, type TrafficExchange } from '../../shared/traffic'

/** The endpoints of a Transmitter's metadata, by the operations each serves. */
const OPERATIONS_BY_ENDPOINT: Record<string, Record<string, string>> = {
  configuration_endpoint: {
    POST: 'create_stream',
    PATCH: 'update_stream',
    PUT: 'replace_stream',
    DELETE: 'delete_stream'
  },
  status_endpoint: { GET: 'get_status', POST: 'set_status' },
  add_subject_endpoint: { POST: 'add_subject' },
  remove_subject_endpoint: { POST: 'remove_subject' },
  verification_endpoint: { POST: 'verification' }
}

function parsed(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

const withoutQuery = (u: URL) => `${u.origin}${u.pathname}`

/** The operation of one exchange of a receiver whose Transmitter has `metadata`. */
export function operationOf(x: TrafficExchange, metadata: Record<string, unknown>): string {
  if (x.direction === 'inbound') return 'push'
  if (x.kind === 'metadata' || x.kind === 'jwks' || x.kind === 'poll') return x.kind
  const url = parsed(x.url)
  if (!url) return x.kind
  for (const [member, byMethod] of Object.entries(OPERATIONS_BY_ENDPOINT)) {
    const endpoint = metadata[member]
    const at = typeof endpoint === 'string' ? parsed(endpoint) : undefined
    if (!at || withoutQuery(at) !== withoutQuery(url)) continue
    if (member === 'configuration_endpoint' && x.method === 'GET')
      return url.searchParams.has('stream_id') ? 'read_stream' : 'list_streams'
    const name = byMethod[x.method]
    if (name !== undefined) return name
  }
  return x.kind
}

/** One traffic-log exchange in the receiver's exchange view (secrets masked). */
export function toReceiverExchange(
  x: TrafficExchange,
  receiverId: string,
  metadata: Record<string, unknown>
): ReceiverExchangeView {
  const view: ReceiverExchangeView = {
    id: x.id,
    receiver_id: receiverId,
    direction: x.direction,
    operation: operationOf(x, metadata),
    method: x.method,
    url: x.url,
    request_headers: maskHeaders(x.request_headers),
    started_at: x.at,
    duration_ms: x.duration_ms
  }
  if (x.request_body !== null && x.request_body !== '') view.request_body = maskBody(x.request_body)
  if (x.status !== null) view.status = x.status
  if (x.status !== null || Object.keys(x.response_headers).length > 0)
    view.response_headers = maskHeaders(x.response_headers)
  if (x.response_body !== null && x.response_body !== '')
    view.response_body = maskBody(x.response_body)
  if (x.error !== null) view.error = x.error
  return view
}
