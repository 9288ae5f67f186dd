/**
 * `GET /.well-known/ssf-configuration{issuer-path}`: Transmitter Configuration Metadata.
 * Readable without authentication. @see SSF 1.0 §7.2
 * @module
 */
import type { RequestHandler } from 'express'
import { buildTransmitterMetadata } from '../../../shared/ssf'
import type { AppContext } from '../../core/context'

export const get = (ctx: AppContext): RequestHandler[] => [
  function renderMetadata(_req, res) {
    res
      .status(200)
      .type('application/json')
      .json(buildTransmitterMetadata(ctx.issuer, { defaultSubjects: ctx.options.defaultSubjects }))
  }
]
