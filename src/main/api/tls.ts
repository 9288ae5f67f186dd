/**
 * `GET /api/tls/ca` (fingerprint, validity, path, name constraints) and `GET /api/tls/ca.pem`
 * (the certificate as a download). The first call creates the CA, as `ssf-sim ca path` does.
 * @module
 */
import { Router } from 'express'
import type { LocalCaInfo } from '../../shared/api/tls'
import type { AppContext } from '../core/context'
import { ensureCa, type LocalCa } from '../tls/store'

/** The CA file name a download suggests. */
export const CA_DOWNLOAD_NAME = 'ssf-simulator-ca.pem'

/** The API view of the CA. */
export function localCaInfo(ca: LocalCa, httpsUrl: string | null): LocalCaInfo {
  return {
    fingerprint_sha256: ca.fingerprint,
    subject: ca.subject,
    not_before: ca.notBefore,
    not_after: ca.notAfter,
    path: ca.certPath,
    permitted_dns: ca.permittedDns,
    https_url: httpsUrl,
    pem: ca.cert
  }
}

export function createTlsApiRouter(ctx: AppContext): Router {
  const router = Router()
  let loading: Promise<LocalCa> | undefined
  // One creation per process even when the UI asks twice at once.
  const loadCa = () =>
    (loading ??= ensureCa(ctx.options.dataDir, ctx.options.host, ctx.clock.now()).catch(
      (err: unknown) => {
        loading = undefined
        throw err
      }
    ))
  const httpsUrl = ctx.origin.startsWith('https:') ? ctx.origin : null

  router.get('/tls/ca', async (_req, res) => {
    res.json(localCaInfo(await loadCa(), httpsUrl))
  })
  router.get('/tls/ca.pem', async (_req, res) => {
    const ca = await loadCa()
    res.type('application/x-pem-file').attachment(CA_DOWNLOAD_NAME).send(ca.cert)
  })
  return router
}
