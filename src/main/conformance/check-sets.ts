/**
 * The SETs "Check my Receiver" sends: claims from the outbound plan (`planSetClaims`, like every
 * SET), signed by the Transmitter's one signer, and made wrong only through its signing options
 * or a claim the defect names.
 * @module
 */
import { randomUUID } from 'node:crypto'
import type { SetClaims, SubjectIdentifier } from '../../shared/ssf'
import type { TokenDefect } from '../../shared/conformance/receiver-plan'
import type { Clock } from '../core/clock'
import type { KeyStore } from '../store/keys'
import type { StreamRecord, StreamsRepo } from '../store/streams-repo'
import { UNKNOWN_KID, WRONG_AUD, WRONG_ISS } from '../traffic/faults'
import { planSetClaims } from '../transmitter/delivery/plan'
import { signClaims, type SigningOptions } from '../transmitter/signer'

/** What check SETs are made from: the stream's subjects, the signing keys, the clock, the issuer. */
export interface CheckSetDeps {
  streams: Pick<StreamsRepo, 'listSubjects'>
  keys: KeyStore
  clock: Clock
  /** The root issuer (the default tenant's). */
  issuer: string
}

/** A SET made for the check. */
export interface CheckSet {
  jti: string
  eventType: string
  claims: SetClaims
  token: string
}

/** The subject of check SETs: the stream's first subject, else a recognisable opaque one. */
export function checkSubject(deps: CheckSetDeps, stream: StreamRecord): SubjectIdentifier {
  return (
    deps.streams.listSubjects(stream.stream_id)[0]?.subject ?? {
      format: 'opaque',
      id: 'ssf-sim-conformance-check'
    }
  )
}

/**
 * The public JWK of the active key, as bytes: the HMAC secret of the algorithm-confusion attack
 * (a Receiver that lets the header's `alg` pick how a published key is used would accept it).
 */
function publicKeyBytes(deps: CheckSetDeps): Uint8Array {
  const kid = deps.keys.active().kid
  const jwk = deps.keys.jwks(deps.clock.now()).keys.find((k) => k.kid === kid)
  return new TextEncoder().encode(JSON.stringify(jwk ?? { kid }))
}

/** How a defect changes the claims and the signing of a SET. */
function defectSigning(
  deps: CheckSetDeps,
  defect: Exclude<TokenDefect, 'malformed'> | undefined
): { claims?: Partial<SetClaims>; signing?: SigningOptions } {
  switch (defect) {
    case undefined:
      return {}
    case 'corrupt_signature':
      return { signing: { corruptSignature: true } }
    case 'unknown_kid':
      return { signing: { kid: UNKNOWN_KID } }
    case 'wrong_iss':
      return { claims: { iss: WRONG_ISS } }
    case 'wrong_aud':
      return { claims: { aud: WRONG_AUD } }
    case 'alg_none':
      return { signing: { algNone: true } }
    case 'hmac':
      return { signing: { hmacSecret: publicKeyBytes(deps) } }
    case 'wrong_typ':
      return { signing: { typ: 'JWT' } }
  }
}

/** Build and sign one SET for `stream`; `defect` makes it one the Receiver must refuse. */
export async function makeCheckSet(
  deps: CheckSetDeps,
  stream: StreamRecord,
  eventType: string,
  payload: Record<string, unknown>,
  defect?: TokenDefect
): Promise<CheckSet> {
  const planned = planSetClaims(deps.issuer, stream, {
    jti: randomUUID(),
    iat: deps.clock.now() / 1000,
    txn: `ssf-sim-check-${randomUUID()}`,
    sub_id: checkSubject(deps, stream),
    eventType,
    payload
  })
  if (defect === 'malformed')
    return {
      jti: planned.jti,
      eventType,
      claims: planned,
      token: `this-is-not-a-jws.${planned.jti}`
    }
  const how = defectSigning(deps, defect)
  const claims: SetClaims = { ...planned, ...how.claims }
  const token = await signClaims(deps.keys, { ...claims }, how.signing)
  return { jti: claims.jti, eventType, claims, token }
}
