/**
 * X.509 generation with @peculiar/x509 (no hand-written DER): the local CA, name-constrained to
 * the loopback names it signs, and the `localhost` leaf it signs. ECDSA P-256 keys (fast to make;
 * accepted by Node, Java, Python, Go, curl, browsers and the OS trust stores).
 * @module
 */
// @peculiar/x509 resolves its ASN.1 serializers through tsyringe, which needs this polyfill first.
import 'reflect-metadata'
import { AsnConvert } from '@peculiar/asn1-schema'
import {
  GeneralName,
  GeneralSubtree,
  GeneralSubtrees,
  NameConstraints,
  id_ce_nameConstraints
} from '@peculiar/asn1-x509'
import * as x509 from '@peculiar/x509'
import { KeyObject, webcrypto } from 'node:crypto'
import { CA_VALIDITY_DAYS, LOOPBACK, leafValidity, type LeafNames } from './names'

const { subtle } = webcrypto
type CryptoKey = webcrypto.CryptoKey
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

/** A certificate and its private key, both PEM. */
export interface PemPair {
  cert: string
  key: string
}

function keyPem(key: CryptoKey): string {
  return KeyObject.from(key).export({ format: 'pem', type: 'pkcs8' }).toString()
}

function importKey(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decodeFirst(pem)
  return subtle.importKey('pkcs8', der, ALG, false, ['sign'])
}

function generateKeys(): Promise<webcrypto.CryptoKeyPair> {
  return subtle.generateKey(ALG, true, ['sign', 'verify'])
}

/** RFC 5280 §4.2.1.10 name constraints: only these DNS subtrees and the loopback networks. */
function nameConstraints(permittedDns: readonly string[]): x509.Extension {
  const subtrees = [
    ...permittedDns.map((dNSName) => new GeneralName({ dNSName })),
    ...LOOPBACK.ipRanges.map((iPAddress) => new GeneralName({ iPAddress }))
  ].map((base) => new GeneralSubtree({ base }))
  const value = new NameConstraints({ permittedSubtrees: new GeneralSubtrees(subtrees) })
  return new x509.Extension(id_ce_nameConstraints, true, AsnConvert.serialize(value))
}

/** A new self-signed CA that may sign only for `permittedDns` and the loopback addresses. */
export async function generateCa(permittedDns: readonly string[], now: number): Promise<PemPair> {
  const keys = await generateKeys()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=SSF Simulator local CA ${new Date(now).toISOString().slice(0, 10)}, O=SSF Simulator`,
    keys,
    signingAlgorithm: ALG,
    notBefore: new Date(now - 3_600_000),
    notAfter: new Date(now + CA_VALIDITY_DAYS * 86_400_000),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      nameConstraints(permittedDns)
    ]
  })
  return { cert: cert.toString('pem'), key: keyPem(keys.privateKey) }
}

/** A new server (leaf) certificate for `names`, signed by the CA. */
export async function generateLeaf(ca: PemPair, names: LeafNames, now: number): Promise<PemPair> {
  const caCert = new x509.X509Certificate(ca.cert)
  const keys = await generateKeys()
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${names.dns[0] ?? 'localhost'}`,
    issuer: caCert.subject,
    publicKey: keys.publicKey,
    signingKey: await importKey(ca.key),
    signingAlgorithm: ALG,
    ...leafValidity(now, caCert.notAfter.getTime()),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ips.map((value) => ({ type: 'ip' as const, value }))
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey)
    ]
  })
  return { cert: cert.toString('pem'), key: keyPem(keys.privateKey) }
}

/** The DNS subtrees a CA certificate permits (empty when it has no name constraints). */
export function permittedDnsOf(caPem: string): string[] {
  const ext = new x509.X509Certificate(caPem).getExtension(id_ce_nameConstraints)
  if (!ext) return []
  const nc = AsnConvert.parse(ext.value, NameConstraints)
  return (nc.permittedSubtrees ?? []).flatMap((s) =>
    s.base.dNSName === undefined ? [] : [s.base.dNSName]
  )
}

/** The leaf's subjectAltName DNS names and IP addresses. */
export function leafNamesOf(certPem: string): LeafNames {
  const san = new x509.X509Certificate(certPem).getExtension(x509.SubjectAlternativeNameExtension)
  const items = san?.names.items ?? []
  return {
    dns: items.filter((n) => n.type === 'dns').map((n) => n.value),
    ips: items.filter((n) => n.type === 'ip').map((n) => n.value)
  }
}

/** A positive 16-byte serial (RFC 5280 §4.1.2.2: at most 20 octets, positive). */
function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16))
  bytes[0] = (bytes[0] ?? 0) & 0x7f
  return Buffer.from(bytes).toString('hex')
}
