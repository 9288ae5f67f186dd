/**
 * The Transmitter's signing keys: `GET /api/keys` (every key and its state) and
 * `POST /api/keys/rotate` (a new active key; the previous one verifies for a grace period).
 * @module
 */
import { z } from 'zod'
import type { KeysResponse } from '../../shared/api/inspector'
import { parseWith } from '../../shared/ssf'
import { SIGNING_ALGS } from '../store/keys'
import type { ApiHandler } from './deps'
import { jwksUri } from './settings'

const rotateSchema = z.strictObject({
  alg: z.enum(SIGNING_ALGS).optional(),
  grace_seconds: z
    .number()
    .int()
    .min(0)
    .max(365 * 86400)
})

export const list: ApiHandler = ({ infra }) =>
  function listKeys(_req, res) {
    const out: KeysResponse = {
      jwks_uri: jwksUri(infra.issuer),
      keys: infra.keys.list(infra.clock.now())
    }
    res.json(out)
  }

export const rotate: ApiHandler = ({ infra }) =>
  async function rotateKey(req, res) {
    const body = parseWith(rotateSchema, req.body ?? {}, 'key rotation')
    const previous = infra.keys.active()
    const key = await infra.keys.rotate(
      body.alg ?? previous.alg,
      body.grace_seconds,
      infra.clock.now()
    )
    infra.bus.publish({ type: 'keys.rotated', kid: key.kid })
    res.status(201).json({
      kid: key.kid,
      alg: key.alg,
      previous_kid: previous.kid,
      previous_retires_at: Math.floor(infra.clock.now() / 1000) + body.grace_seconds
    })
  }
