/**
 * `GET /.well-known/ssf-configuration{issuer-path}`: Transmitter Configuration Metadata.
 * Readable without authentication. @see SSF 1.0 §7.2
 * @module
 */
import type { RequestHandler } from 'express'
import { buildTransmitterMetadata } from '../../../shared/ssf'
import type { EndpointDeps } from './deps'

export const get = ({
  scope,
  options
}: Pick<EndpointDeps, 'scope' | 'options'>): RequestHandler[] => [
  function renderMetadata(_req, res) {
    res
      .status(200)
      .type('application/json')
      .json(buildTransmitterMetadata(scope.issuer, { defaultSubjects: options.defaultSubjects }))
  }
]
