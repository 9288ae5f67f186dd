/**
 * Body parsers: JSON for management and control APIs, raw bytes for `application/secevent+jwt`.
 * Both capped at 1 MiB (413 beyond).
 * @module
 */
import express from 'express'
import { MAX_BODY_BYTES, SET_MEDIA_TYPE } from '../../shared/ssf'

/** JSON bodies (`application/json`, `application/*+json`); objects and arrays only. */
export const jsonBody = express.json({
  limit: MAX_BODY_BYTES,
  strict: true,
  type: ['application/json', 'application/*+json']
})

/** Raw SET bodies for the push endpoint (we verify the bytes we received). */
export const setBody = express.raw({
  limit: MAX_BODY_BYTES,
  type: [SET_MEDIA_TYPE, 'application/jwt', 'text/plain']
})

export { SET_MEDIA_TYPE }
