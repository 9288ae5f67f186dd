/**
 * RFC 8936 poll endpoint, one per poll stream: `POST {issuer}/ssf/poll/{stream_id}` with the
 * owning client's bearer token (other clients get 404, as for unknown streams).
 * @see RFC 8936 §2; SSF 1.0 §6.1.2; interop notes A16–A19
 * @module
 */
import type { RequestHandler } from 'express'
import { DELIVERY_METHOD_POLL, InvalidRequestError } from '../../../shared/ssf'
import { pollBodyForLog } from '../../../shared/traffic'
import { clientOf } from '../../http/bearer-auth'
import { parsePollRequest } from '../delivery/poll-queue'
import type { EndpointDeps } from './deps'

export const post = ({
  scope,
  pollQueue,
  faults
}: Pick<EndpointDeps, 'scope' | 'pollQueue' | 'faults'>): RequestHandler[] => [
  async function pollSets(req, res) {
    const stream = scope.streams.findOwned(clientOf(res), req.params.stream_id)
    if (stream.config.delivery.method !== DELIVERY_METHOD_POLL)
      throw new InvalidRequestError(
        `stream ${stream.stream_id} uses push delivery; it has no poll queue`
      )
    // express.json leaves the body undefined for other media types: refuse those bodies rather
    // than treating them as {} (an absent or empty body is {}, interop note A18).
    const length = Number(req.headers['content-length'] ?? 0)
    if (req.body === undefined && (length > 0 || req.headers['transfer-encoding'] !== undefined))
      throw new InvalidRequestError(
        'the poll request must be a JSON object (Content-Type: application/json)'
      )
    const request = parsePollRequest(req.body)
    const aborted = new AbortController()
    res.on('close', () => aborted.abort())
    const { response, first } = await pollQueue.poll(stream.stream_id, request, aborted.signal)
    if (aborted.signal.aborted && !res.writable) return
    // The traffic log links the exchange to the SET without decoding it again.
    if (first) res.locals.trafficLinks = { jti: first.jti, event_type: first.event_type }
    const stored = response.sets
    response.sets = await faults.pollSets(stream.stream_id, response.sets)
    // The traffic log names the stored SETs the response carries instead of copying them.
    res.locals.trafficResponse = pollBodyForLog(response, stored)
    res.status(200).set('Cache-Control', 'no-store').json(response)
  }
]
