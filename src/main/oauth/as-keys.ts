/**
 * The authorization server's own secrets, generated on first start and kept in the `meta` table:
 * the RS256 key that signs access tokens (distinct from the SET signing keys) and the cookie key.
 * @module
 */
import { randomBytes } from 'node:crypto'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'
import { z } from 'zod'
import { createMetaRepo } from '../store/meta-repo'
import type { Db } from '../store/sqlite'

const KEY_META = 'oauth.signing_jwk'
const COOKIE_META = 'oauth.cookie_key'

const privateRsaJwk = z.looseObject({
  kty: z.literal('RSA'),
  kid: z.string().min(1),
  n: z.string().min(1),
  e: z.string().min(1),
  d: z.string().min(1)
})

/** The AS's private signing JWK (with `kid`, `alg`, `use`) and its cookie-signing key. */
export interface AsSecrets {
  signingJwk: JWK & { kid: string }
  publicJwk: JWK & { kid: string }
  cookieKey: string
}

async function generateSigningJwk(): Promise<JWK & { kid: string }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    extractable: true,
    modulusLength: 2048
  })
  const kid = `as-${(await calculateJwkThumbprint(await exportJWK(publicKey))).slice(0, 16)}`
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }
}

/** Load (or create and persist) the AS secrets. */
export async function loadAsSecrets(db: Db): Promise<AsSecrets> {
  const meta = createMetaRepo(db)

  let signingJwk: (JWK & { kid: string }) | undefined
  const stored = meta.get(KEY_META)
  if (stored) {
    let value: unknown
    try {
      value = JSON.parse(stored)
    } catch {
      value = undefined // a damaged row is replaced by a fresh key below
    }
    const parsed = privateRsaJwk.safeParse(value)
    if (parsed.success) signingJwk = { ...parsed.data, alg: 'RS256', use: 'sig' }
  }
  if (!signingJwk) {
    signingJwk = await generateSigningJwk()
    meta.set(KEY_META, JSON.stringify(signingJwk))
  }
  let cookieKey = meta.get(COOKIE_META)
  if (!cookieKey) {
    cookieKey = randomBytes(32).toString('base64url')
    meta.set(COOKIE_META, cookieKey)
  }
  const { kty, n, e, kid } = signingJwk
  const publicJwk = { kty, n, e, kid, alg: 'RS256', use: 'sig' }
  return { signingJwk, publicJwk, cookieKey }
}
