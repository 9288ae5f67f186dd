/**
 * Read-only views the inspector screens need beside the traffic API: every active fault
 * (`GET /api/faults`), the signing keys (`GET /api/keys`) and the engine's settings
 * (`GET /api/settings`).
 * @module
 */
import { Router } from 'express'
import type { FaultsOverview, KeysResponse, SettingsView } from '../../shared/api/inspector'
import { TRAFFIC_DEFAULT_RETENTION } from '../../shared/traffic'
import { TRANSMITTER_ENDPOINT_PATHS, discoveryUrl } from '../../shared/ssf'
import type { AppContext } from '../core/context'

function jwksUri(ctx: AppContext): string {
  return ctx.issuer.replace(/\/$/, '') + TRANSMITTER_ENDPOINT_PATHS.jwks
}

/** The routes, mounted in the control-API router. */
export function createUiInspectorRouter(ctx: AppContext): Router {
  const router = Router()
  router.get('/faults', function listFaults(_req, res) {
    const out: FaultsOverview = ctx.faults?.overview() ?? { streams: {}, receivers: {} }
    res.json(out)
  })
  router.get('/keys', function listKeys(_req, res) {
    const out: KeysResponse = { jwks_uri: jwksUri(ctx), keys: ctx.keys.list(ctx.clock.now()) }
    res.json(out)
  })
  router.get('/settings', function readSettings(_req, res) {
    const out: SettingsView = {
      issuer: ctx.issuer,
      metadata_url: discoveryUrl(ctx.issuer),
      jwks_uri: jwksUri(ctx),
      data_dir: ctx.options.dataDir,
      traffic_retention: ctx.options.trafficRetention ?? TRAFFIC_DEFAULT_RETENTION
    }
    res.json(out)
  })
  return router
}
