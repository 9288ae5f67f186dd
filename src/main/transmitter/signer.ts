/**
 * SET signing with jose: explicit `typ: secevent+jwt` and the active key's `alg` and `kid`. The
 * only place that signs: fire, replay and the token faults (as {@link SigningOptions}) all come
 * here.
 * @see RFC 8417 §2.3, SSF 1.0 §4.1 (explicit typing), interop note A3
 * @module
 */
import { SignJWT } from 'jose'
import { SET_TYP, type SetClaims } from '../../shared/ssf'
import type { KeyStore } from '../store/keys'

/** Deliberate departures from a correct signature (the token faults). */
export interface SigningOptions {
  /** `typ` header instead of `secevent+jwt`. */
  typ?: string
  /** `kid` header instead of the active key's. */
  kid?: string
  /** An unsecured JWS (`alg: none`, empty signature). */
  algNone?: boolean
  /** A signature that no longer verifies (one character flipped). */
  corruptSignature?: boolean
  /**
   * An HMAC (`HS256`) signature keyed with these bytes instead of the active key: with the
   * public key as the secret, the algorithm-confusion attack (RFC 8725 §2.1, §3.1).
   */
  hmacSecret?: Uint8Array
}

const b64url = (s: string): string => Buffer.from(s).toString('base64url')

/** Flip a character of the signature part (still base64url, no longer valid). */
export function corruptSignature(token: string): string {
  const dot = token.lastIndexOf('.')
  const sig = token.slice(dot + 1)
  if (sig.length === 0) return `${token}AAAA`
  const i = Math.floor(sig.length / 2)
  const c = sig[i] === 'A' ? 'B' : 'A'
  return `${token.slice(0, dot + 1)}${sig.slice(0, i)}${c}${sig.slice(i + 1)}`
}

/**
 * Sign any claims with the key store's active key; returns the compact JWS. Edited replays sign
 * claims that are deliberately unchecked, hence `Record<string, unknown>`.
 */
export async function signClaims(
  keys: KeyStore,
  claims: Record<string, unknown>,
  options: SigningOptions = {}
): Promise<string> {
  const key = keys.active()
  const typ = options.typ ?? SET_TYP
  const kid = options.kid ?? key.kid
  let token: string
  if (options.algNone) {
    const header = { alg: 'none', typ, ...(options.kid === undefined ? {} : { kid }) }
    token = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.`
  } else if (options.hmacSecret) {
    token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', kid, typ })
      .sign(options.hmacSecret)
  } else {
    // The claims object is passed whole: SignJWT copies it as the payload, iat included.
    token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: key.alg, kid, typ })
      .sign(key.privateKey)
  }
  return options.corruptSignature ? corruptSignature(token) : token
}

/** Sign SET claims with the key store's active key; returns the compact JWS. */
export function signSet(keys: KeyStore, claims: SetClaims): Promise<string> {
  return signClaims(keys, { ...claims })
}
