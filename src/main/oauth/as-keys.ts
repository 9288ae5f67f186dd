/**
 * The authorization server's own secrets, generated on first start and kept in the `meta` table:
 * the RS256 key that signs access tokens (distinct from the SET signing keys) and the cookie key.
 * @module
 */
import { randomBytes } from 'node:crypto'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'
import { z } from 'zod'
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
  const read = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?')
  const write = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')

  let signingJwk: (JWK & { kid: string }) | undefined
  const stored = read.get(KEY_META)
  if (stored) {
    let value: unknown
    try {
      value = JSON.parse(stored.value)
    } catch {
      value = undefined // a damaged row is replaced by a fresh key below
    }
    const parsed = privateRsaJwk.safeParse(value)
    if (parsed.success) signingJwk = { ...parsed.data, alg: 'RS256', use: 'sig' }
  }
  if (!signingJwk) {
    signingJwk = await generateSigningJwk()
    write.run(KEY_META, JSON.stringify(signingJwk))
  }
  let cookieKey = read.get(COOKIE_META)?.value
  if (!cookieKey) {
    cookieKey = randomBytes(32).toString('base64url')
    write.run(COOKIE_META, cookieKey)
  }
  const { kty, n, e, kid } = signingJwk
  const publicJwk = { kty, n, e, kid, alg: 'RS256', use: 'sig' }
  return { signingJwk, publicJwk, cookieKey }
}
