/**
 * `GET /api/tls/ca` (fingerprint, validity, path, name constraints) and `GET /api/tls/ca.pem`
 * (the certificate as a download). The first call creates the CA, as `ssf-sim ca path` does.
 * @module
 */
import type { RequestHandler } from 'express'
import type { LocalCaInfo } from '../../shared/api/tls'
import { ensureCa, type LocalCa } from '../tls/store'
import type { ApiDeps } from './deps'

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

/**
 * The CA's two views. One creation per process even when the UI asks twice at once (the CA is
 * created on the first call).
 */
export function localCa({ infra }: ApiDeps): { info: RequestHandler; pem: RequestHandler } {
  let loading: Promise<LocalCa> | undefined
  const loadCa = () =>
    (loading ??= ensureCa(infra.options.dataDir, infra.options.host, infra.clock.now()).catch(
      (err: unknown) => {
        loading = undefined
        throw err
      }
    ))
  const httpsUrl = infra.origin.startsWith('https:') ? infra.origin : null
  return {
    info: async function readLocalCa(_req, res) {
      res.json(localCaInfo(await loadCa(), httpsUrl))
    },
    pem: async function downloadLocalCa(_req, res) {
      const ca = await loadCa()
      res.type('application/x-pem-file').attachment(CA_DOWNLOAD_NAME).send(ca.cert)
    }
  }
}
