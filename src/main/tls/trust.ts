/**
 * Outbound TLS trust: the push worker and the Receiver's client trust the public roots, the OS
 * store where Node can read it, our local CA and a user-supplied CA file (`--extra-ca`).
 * @module
 */
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as tls from 'node:tls'

/** `--extra-ca` could not be used. */
export class ExtraCaError extends Error {
  override name = 'ExtraCaError'
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** The certificates of a PEM bundle; throws when there is none or one does not parse. */
export function parsePemBundle(text: string, what: string): string[] {
  const certs = text.match(PEM_CERT) ?? []
  if (certs.length === 0) throw new ExtraCaError(`${what} holds no PEM certificate`)
  for (const pem of certs) {
    try {
      new X509Certificate(pem)
    } catch (err) {
      throw new ExtraCaError(
        `${what} holds a certificate that does not parse: ${err instanceof Error ? err.message : String(err)}`
      )
    }
  }
  return certs
}

/** Read `--extra-ca FILE` (one or more PEM certificates). */
export function readExtraCa(file: string): string[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err)
    throw new ExtraCaError(`--extra-ca ${file} cannot be read (${code})`)
  }
  return parsePemBundle(text, `--extra-ca ${file}`)
}

type GetCaCertificates = (store: 'default' | 'system') => string[]

/**
 * Node's default trust (its public roots plus `NODE_EXTRA_CA_CERTS`) and, where the runtime can
 * read it (Node ≥ 22.15, so Electron), the OS store. Giving `ca` to an agent replaces the default,
 * so the default is listed explicitly.
 */
function defaultRoots(): string[] {
  const get = (tls as { getCACertificates?: GetCaCertificates }).getCACertificates
  if (!get) return [...tls.rootCertificates]
  return [...new Set([...get('default'), ...get('system')])]
}

/** The CA list for outbound requests: defaults + our CA + `--extra-ca`. */
export function outboundCaList(ours: string | undefined, extra: readonly string[]): string[] {
  return [...defaultRoots(), ...(ours === undefined ? [] : [ours]), ...extra]
}
