/**
 * `GET /api/settings`: the engine's settings as the inspector shows them.
 * @module
 */
import type { SettingsView } from '../../shared/api/inspector'
import { TRANSMITTER_ENDPOINT_PATHS, discoveryUrl } from '../../shared/ssf'
import { TRAFFIC_DEFAULT_RETENTION } from '../../shared/traffic'
import type { ApiHandler } from './deps'

/** The JWKS URL of the root issuer. */
export function jwksUri(issuer: string): string {
  return issuer.replace(/\/$/, '') + TRANSMITTER_ENDPOINT_PATHS.jwks
}

export const read: ApiHandler = ({ infra }) =>
  function readSettings(_req, res) {
    const out: SettingsView = {
      issuer: infra.issuer,
      metadata_url: discoveryUrl(infra.issuer),
      jwks_uri: jwksUri(infra.issuer),
      data_dir: infra.options.dataDir,
      traffic_retention: infra.options.trafficRetention ?? TRAFFIC_DEFAULT_RETENTION
    }
    res.json(out)
  }
