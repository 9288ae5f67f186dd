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

/** JSON bodies (`application/json`, `application/*+json`); objects and arrays only. */
export const jsonBody = express.json({
  limit: MAX_BODY_BYTES,
  strict: true,
  type: JSON_TYPES
})

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
