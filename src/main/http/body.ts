/**
 * Body parsers: JSON for management and control APIs, raw bytes for `application/secevent+jwt`.
 * Both capped at 1 MiB (413 beyond).
 * @module
 */
import express, { type RequestHandler } from 'express'
import {
  MAX_BODY_BYTES,
  SET_MEDIA_TYPE,
  UnsupportedMediaTypeError,
  assertJsonDepth
} from '../../shared/ssf'

/** Media types the JSON parser reads. */
const JSON_TYPES = ['application/json', 'application/*+json']

/** body-parser's JSON parser: every case the fast path below leaves to it. */
const parseJsonBody = express.json({
  limit: MAX_BODY_BYTES,
  strict: true,
  type: JSON_TYPES
})

/** An error body-parser would raise: the error handler maps it by `type`. */
function bodyError(status: number, type: string, message: string, body?: string): Error {
  return Object.assign(new SyntaxError(message), {
    status,
    statusCode: status,
    expose: true,
    type,
    body
  })
}

/** `application/json` as clients send it (no other parameter than a UTF-8 charset). */
const PLAIN_JSON = /^application\/json(?:\s*;\s*charset="?utf-8"?)?$/i

/**
 * JSON bodies (`application/json`, `application/*+json`); objects and arrays only.
 *
 * The common request — `application/json` in UTF-8, a Content-Length within the limit, no
 * Content-Encoding — is read here directly: body-parser costs several times the JSON.parse on
 * each fire (content-type and charset parsing, raw-body's stream bookkeeping, iconv). The result
 * and the errors are body-parser's (400 `entity.parse.failed` for bad or non-object JSON); every
 * other request (empty, compressed, chunked, another charset or media type) goes to body-parser.
 */
export const jsonBody: RequestHandler = (req, res, next) => {
  const length = req.headers['content-length']
  const type = req.headers['content-type']
  const encoding = req.headers['content-encoding']
  const size = length === undefined || !/^\d{1,7}$/.test(length) ? 0 : Number(length)
  if (
    size === 0 ||
    size > MAX_BODY_BYTES ||
    req.headers['transfer-encoding'] !== undefined ||
    (encoding !== undefined && encoding.toLowerCase() !== 'identity') ||
    type === undefined ||
    !PLAIN_JSON.test(type) ||
    req.readableEnded
  )
    return parseJsonBody(req, res, next)
  const chunks: Buffer[] = []
  const onData = (chunk: Buffer): void => void chunks.push(chunk)
  const onAborted = (): void => {
    cleanup()
    next(bodyError(400, 'request.aborted', 'request aborted'))
  }
  const onEnd = (): void => {
    cleanup()
    let text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8')
    // iconv (body-parser) drops a byte order mark; JSON.parse would not.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    const first = /^[ \t\n\r]*(.)/s.exec(text)?.[1]
    if (first !== '{' && first !== '[')
      return next(
        bodyError(400, 'entity.parse.failed', 'the body is not a JSON object or array', text)
      )
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch (err) {
      return next(
        bodyError(
          400,
          'entity.parse.failed',
          err instanceof Error ? err.message : String(err),
          text
        )
      )
    }
    req.body = body
    next()
  }
  function cleanup(): void {
    req.off('data', onData)
    req.off('end', onEnd)
    req.off('aborted', onAborted)
    req.off('error', onAborted)
  }
  req.on('data', onData)
  req.on('end', onEnd)
  req.on('aborted', onAborted)
  req.on('error', onAborted)
}

/** 400 for a parsed JSON body nested deeper than `MAX_JSON_DEPTH` (stack-safety of later code). */
export const limitJsonDepth: RequestHandler = (req, _res, next) => {
  assertJsonDepth(req.body, 'the request body')
  next()
}

/**
 * 415 for a request that carries a body in another media type than JSON (SSF 1.0 §8: requests
 * with bodies are `application/json`). Requests without a body pass; the endpoint then answers
 * 400 for the missing JSON object.
 */
export const requireJsonMediaType: RequestHandler = (req, _res, next) => {
  const length = req.headers['content-length']
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  if (hasBody && req.is(JSON_TYPES) === false)
    throw new UnsupportedMediaTypeError(
      `the request body must be JSON (Content-Type: application/json), got "${req.headers['content-type'] ?? 'none'}"`
    )
  next()
}

/** Raw SET bodies for the push endpoint (we verify the bytes we received). */
export const setBody = express.raw({
  limit: MAX_BODY_BYTES,
  type: [SET_MEDIA_TYPE, 'application/jwt', 'text/plain']
})

export { SET_MEDIA_TYPE }
