/**
 * SET signing with jose: explicit `typ: secevent+jwt` and the active key's `alg` and `kid`.
 * @see RFC 8417 §2.3, SSF 1.0 §4.1 (explicit typing), interop note A3
 * @module
 */
import { SignJWT } from 'jose'
import { SET_TYP, type SetClaims } from '../../shared/ssf'
import type { KeyStore } from '../store/keys'

/** Sign SET claims with the key store's active key; returns the compact JWS. */
export async function signSet(keys: KeyStore, claims: SetClaims): Promise<string> {
  const key = keys.active()
  // The claims object is passed whole: SignJWT copies it as the payload, iat included.
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: SET_TYP })
    .sign(key.privateKey)
}
