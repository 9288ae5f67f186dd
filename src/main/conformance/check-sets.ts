/**
 * The SETs "Check my Receiver" sends: built like every SET (`buildSetClaims`), signed by the
 * Transmitter's one signer, and made wrong only through the fault layer's token options.
 * @module
 */
import { randomUUID } from 'node:crypto'
import { buildSetClaims, type SetClaims, type SubjectIdentifier } from '../../shared/ssf'
import type { TokenDefect } from '../../shared/conformance/receiver-plan'
import type { AppContext } from '../core/context'
import { DEFAULT_TENANT, type StreamRecord } from '../store/streams-repo'
import { tenantIssuer } from '../store/tenants-repo'
import { applyTokenFaults } from '../traffic/faults'
import { signSet } from '../transmitter/signer'

/** A SET made for the check. */
export interface CheckSet {
  jti: string
  eventType: string
  claims: SetClaims
  token: string
}

/** The subject of check SETs: the stream's first subject, else a recognisable opaque one. */
export function checkSubject(ctx: AppContext, stream: StreamRecord): SubjectIdentifier {
  return (
    ctx.repos.streams.listSubjects(stream.stream_id)[0]?.subject ?? {
      format: 'opaque',
      id: 'ssf-sim-conformance-check'
    }
  )
}

/** Build and sign one SET for `stream`; `defect` makes it one the Receiver must refuse. */
export async function makeCheckSet(
  ctx: AppContext,
  stream: StreamRecord,
  eventType: string,
  payload: Record<string, unknown>,
  defect?: TokenDefect
): Promise<CheckSet> {
  const claims = buildSetClaims({
    iss: tenantIssuer(ctx.issuer, stream.tenant ?? DEFAULT_TENANT),
    aud: stream.config.aud,
    jti: randomUUID(),
    iat: ctx.clock.now() / 1000,
    txn: `ssf-sim-check-${randomUUID()}`,
    sub_id: checkSubject(ctx, stream),
    eventType,
    payload
  })
  const signed = await signSet(ctx.keys, claims)
  let token = signed
  if (defect === 'malformed') token = `this-is-not-a-jws.${claims.jti}`
  else if (defect !== undefined)
    token = await applyTokenFaults(signed, { [defect]: true }, ctx.keys)
  return { jti: claims.jti, eventType, claims, token }
}
