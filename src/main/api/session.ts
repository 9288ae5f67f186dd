/**
 * `GET /api/session`: the issuer, its metadata URL, the simulator token and the version (the UI's
 * first call).
 * @module
 */
import type { SessionInfo } from '../../shared/api/contract'
import { discoveryUrl } from '../../shared/ssf'
import type { ApiHandler } from './deps'

/** Version reported by `/api/session`. */
export const APP_VERSION = '0.1.0'

export const read: ApiHandler = ({ infra }) =>
  function readSession(_req, res) {
    const info: SessionInfo = {
      issuer: infra.issuer,
      metadata_url: discoveryUrl(infra.issuer),
      token: infra.adminToken,
      version: APP_VERSION
    }
    res.json(info)
  }
