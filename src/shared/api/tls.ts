/**
 * `GET /api/tls/ca`: the local certificate authority that signs the simulator's https certificate
 * (the certificate only; its key never leaves the data folder).
 * @module
 */
import { z } from 'zod'

/** The local CA as the Home screen and `ssf-sim ca` show it. */
export const localCaInfoSchema = z.object({
  /** SHA-256 of the DER certificate, colon-separated upper-case hex. */
  fingerprint_sha256: z.string(),
  subject: z.string(),
  /** Validity, ms since the epoch. */
  not_before: z.number(),
  not_after: z.number(),
  /** Where the CA certificate is (PEM). */
  path: z.string(),
  /** The DNS names the CA may sign for (RFC 5280 name constraints), beside 127.0.0.0/8 and ::1. */
  permitted_dns: z.array(z.string()),
  /** The https origin when the simulator serves https, else null. */
  https_url: z.string().nullable(),
  /** The certificate, PEM. */
  pem: z.string()
})

/** {@link localCaInfoSchema}'s type. */
export type LocalCaInfo = z.infer<typeof localCaInfoSchema>
