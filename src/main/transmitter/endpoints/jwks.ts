/**
 * `GET jwks_uri`: the public signing keys (active + retired keys in their grace period).
 * @see SSF 1.0 §7.1, RFC 7517
 * @module
 */
import type { RequestHandler } from 'express'
import type { EndpointDeps } from './deps'

export const get = ({ keys, clock }: Pick<EndpointDeps, 'keys' | 'clock'>): RequestHandler[] => [
  function renderJwks(_req, res) {
    res
      .set('Cache-Control', 'no-cache')
      .type('application/jwk-set+json')
      .send(JSON.stringify(keys.jwks(clock.now())))
  }
]
