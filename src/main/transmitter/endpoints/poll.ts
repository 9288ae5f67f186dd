/**
 * RFC 8936 poll endpoint, one per poll stream: `POST {issuer}/ssf/poll/{stream_id}` with the
 * owning client's bearer token (other clients get 404, as for unknown streams).
 * @see RFC 8936 §2; SSF 1.0 §6.1.2; interop notes A16–A19
 * @module
 */
import type { RequestHandler } from 'express'
import { DELIVERY_METHOD_POLL, InvalidRequestError } from '../../../shared/ssf'
import { pollBodyForLog, type LoggedPollBody } from '../../../shared/traffic'
import { clientOf } from '../../http/bearer-auth'
import { parsePollRequest } from '../delivery/poll-queue'
import type { EndpointDeps } from './deps'

/** A key JSON.stringify would move ahead of the others in an object (an array index). */
const isArrayIndex = (key: string): boolean =>
  /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1

/**
 * The poll response `{"sets":{…},"moreAvailable":…}` of SETs sent as stored, and its traffic-log
 * form: the same bytes as `JSON.stringify` of the response object and as `pollBodyForLog` (every
 * token left out and named), without building the object, its copy and its entries.
 */
export function pollBodies(
  handed: readonly { jti: string; token: string }[],
  moreAvailable: boolean
): { body: string; logged: LoggedPollBody } {
  let body = '{"sets":{'
  let log = '{"sets":{'
  const setRefs: string[] = []
  for (let i = 0; i < handed.length; i++) {
    const { jti, token } = handed[i] as { jti: string; token: string }
    const key = (i === 0 ? '' : ',') + JSON.stringify(jti) + ':'
    body += key + JSON.stringify(token)
    log += key + '""'
    setRefs.push(jti)
  }
  const tail = `},"moreAvailable":${moreAvailable}}`
  return { body: body + tail, logged: { body: log + tail, setRefs } }
}

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
    // A body in another media type than JSON never gets here (`requireJsonMediaType`, 415); an
    // absent or empty body is {} (interop note A18).
    const request = parsePollRequest(req.body)
    const aborted = new AbortController()
    // Only a client gone before the answer ends a long poll (an abort after the response is sent
    // would build a DOMException per poll for nothing).
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort()
    })
    const { response, first, handed } = await pollQueue.poll(
      stream.stream_id,
      request,
      aborted.signal
    )
    // The client went away: nothing is sent, so the traffic log records no response body (a
    // closed response still reports itself `writable`, so that cannot tell).
    if (aborted.signal.aborted) return
    // The traffic log links the exchange to the SET without decoding it again.
    if (first) res.locals.trafficLinks = { jti: first.jti, event_type: first.event_type }
    const stored = response.sets
    response.sets = await faults.pollSets(stream.stream_id, response.sets)
    res.status(200).set('Cache-Control', 'no-store')
    if (response.sets === stored && handed.every((s) => !isArrayIndex(s.jti))) {
      // Sent as stored: the body and its log form are written from the stored tokens directly.
      const { body, logged } = pollBodies(handed, response.moreAvailable)
      res.locals.trafficResponse = logged
      res.type('json').send(body)
      return
    }
    // The traffic log names the stored SETs the response carries instead of copying them.
    res.locals.trafficResponse = pollBodyForLog(response, stored)
    res.json(response)
  }
]
