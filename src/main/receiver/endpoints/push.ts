/**
 * The Receiver's RFC 8935 push endpoint: raw body → verify → 202 (empty) | 400 `{err,
 * description}` with `Content-Language: en` | 401 when a required Authorization is missing.
 * Every request, good or bad, lands in the inbox, linked to its traffic-log entry.
 * @see RFC 8935 §2
 * @module
 */
import express, { type RequestHandler } from 'express'
import { MAX_BODY_BYTES, NotFoundError } from '../../../shared/ssf'
import type { PushReceiver } from '../push-receiver'

/**
 * Raw bytes whatever the Content-Type: a missing or odd media type is accepted with a warning
 * finding (Keycloak note), so `setBody` (which only matches SET media types) is not enough here.
 */
const anyRawBody = express.raw({ limit: MAX_BODY_BYTES, type: () => true })

export const post = (push: PushReceiver, origin: string): RequestHandler[] => [
  anyRawBody,
  async function receivePushedSet(req, res) {
    const id = req.params.receiver_id
    if (typeof id !== 'string') throw new NotFoundError('receiver not found')
    const body = Buffer.isBuffer(req.body) ? req.body : undefined
    // The push receiver records the exchange with its answer (the inbox entry links to it), so
    // the traffic middleware skips it — set first, as the client may hang up before the answer.
    res.locals.trafficRecorded = true
    let answer
    try {
      answer = await push.handle(id, {
        url: `${origin}${req.originalUrl}`,
        headers: req.headers,
        body
      })
    } catch (err) {
      // Nothing was recorded (e.g. an unknown receiver): the middleware records the error answer.
      res.locals.trafficRecorded = false
      throw err
    }
    res.status(answer.status).set(answer.headers).set('Cache-Control', 'no-store')
    if (answer.body === undefined) res.end()
    else res.send(JSON.stringify(answer.body))
  }
]
