/**
 * Signing keys: generated on first start, persisted in the store, published (public members
 * only) at `jwks_uri`. Keys survive restarts, so `kid`s stay stable for receivers.
 * @module
 */
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK
} from 'jose'
import type { SigningKeyView } from '../../shared/api/inspector'
import type { Db } from './sqlite'

/** Signing algorithms the Transmitter can use. RS256 is the CAEP Interop Profile's. */
export const SIGNING_ALGS = ['RS256', 'ES256'] as const
/** One of {@link SIGNING_ALGS}. */
export type SigningAlg = (typeof SIGNING_ALGS)[number]

/** A key ready for signing. */
export interface SigningKey {
  kid: string
  alg: SigningAlg
  privateKey: CryptoKey
}

/** A public JWK as published in the JWKS. */
export interface PublicJwk extends JWK {
  kid: string
  alg: string
  use: 'sig'
}

interface KeyRow {
  kid: string
  alg: string
  private_jwk: string
  public_jwk: string
  created_at: number
  active: number
  retire_at: number | null
}

const isAlg = (alg: string): alg is SigningAlg => (SIGNING_ALGS as readonly string[]).includes(alg)

async function generate(
  alg: SigningAlg
): Promise<{ kid: string; privateJwk: JWK; publicJwk: PublicJwk }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'RS256' ? { modulusLength: 2048 } : {})
  })
  const pub = await exportJWK(publicKey)
  const kid = `sim-${(await calculateJwkThumbprint(pub)).slice(0, 16)}`
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg }
  return { kid, privateJwk, publicJwk: { ...pub, kid, alg, use: 'sig' } }
}

/** The key store: active signing key + published JWKS. */
export interface KeyStore {
  /** The key new SETs are signed with. */
  active(): SigningKey
  /** Public keys to publish: the active key and retired keys still in their grace period. */
  jwks(now: number): { keys: PublicJwk[] }
  /** Every stored key, newest first: public facts only (`GET /api/keys`). */
  list(now: number): SigningKeyView[]
  /** Generate a new active key; the old one stays published until `now + graceSeconds`. */
  rotate(alg: SigningAlg, graceSeconds: number, now: number): Promise<SigningKey>
}

/** Load the active key (generating one with `alg` on first start) and return the key store. */
export async function openKeyStore(db: Db, alg: SigningAlg, now: number): Promise<KeyStore> {
  const insert = db.prepare(
    'INSERT INTO signing_keys (kid, alg, private_jwk, public_jwk, created_at, active) VALUES (?, ?, ?, ?, ?, 1)'
  )
  const activeRow = db.prepare<[], KeyRow>(
    'SELECT * FROM signing_keys WHERE active = 1 ORDER BY created_at DESC LIMIT 1'
  )
  const published = db.prepare<[number], KeyRow>(
    'SELECT * FROM signing_keys WHERE active = 1 OR (retire_at IS NOT NULL AND retire_at > ?) ORDER BY created_at DESC'
  )
  const all = db.prepare<[], KeyRow>('SELECT * FROM signing_keys ORDER BY created_at DESC')
  const retire = db.prepare('UPDATE signing_keys SET active = 0, retire_at = ? WHERE active = 1')

  async function load(row: KeyRow): Promise<SigningKey> {
    if (!isAlg(row.alg))
      throw new Error(`stored signing key ${row.kid} has unsupported alg ${row.alg}`)
    const privateKey = await importJWK(JSON.parse(row.private_jwk) as JWK, row.alg)
    if (privateKey instanceof Uint8Array) throw new Error('expected an asymmetric private key')
    return { kid: row.kid, alg: row.alg, privateKey }
  }

  async function create(a: SigningAlg, at: number): Promise<SigningKey> {
    const k = await generate(a)
    insert.run(k.kid, a, JSON.stringify(k.privateJwk), JSON.stringify(k.publicJwk), at)
    return load(activeRow.get() as KeyRow)
  }

  const row = activeRow.get()
  let current = row ? await load(row) : await create(alg, now)

  return {
    active: () => current,
    jwks: (at) => ({
      keys: published.all(Math.floor(at / 1000)).map((r) => JSON.parse(r.public_jwk) as PublicJwk)
    }),
    list: (at) =>
      all.all().map((r) => ({
        kid: r.kid,
        alg: r.alg,
        created_at: r.created_at,
        active: r.active === 1,
        retire_at: r.retire_at,
        published: r.active === 1 || (r.retire_at !== null && r.retire_at > Math.floor(at / 1000))
      })),
    async rotate(a, graceSeconds, at) {
      retire.run(Math.floor(at / 1000) + graceSeconds)
      current = await create(a, at)
      return current
    }
  }
}
