/**
 * What a replay request means, without I/O: which stored SET an id names, and the claims of an
 * edited replay (built by the plan). The delivery service (`delivery.replay()`) does the sending and storing.
 * @see RFC 8417 §2.2 (jti), RFC 8935 §2, RFC 8936 §2
 * @module
 */
import { z } from 'zod'
import { InvalidRequestError } from '../../../shared/ssf'
import type { OutboundSet } from '../../store/outbound-repo'
import { planEditedClaims } from './plan'

/** Body of `POST /api/deliveries/{id}/replay`. */
export const replayBodySchema = z
  .object({
    edits: z.record(z.string(), z.unknown()).optional(),
    claims: z.record(z.string(), z.unknown()).optional()
  })
  .strict()
  .refine((b) => !(b.edits && b.claims), 'give "edits" or "claims", not both')

/** A replay request. */
export type ReplayBody = z.infer<typeof replayBodySchema>

/** Answer of a replay. */
export interface ReplayResult {
  jti: string
  mode: 'exact' | 'edited'
  stream_id: string
}

function storedClaims(set: OutboundSet): Record<string, unknown> {
  let raw: unknown
  try {
    raw = JSON.parse(set.claims)
  } catch {
    raw = undefined
  }
  const parsed = z.record(z.string(), z.unknown()).safeParse(raw)
  if (!parsed.success)
    throw new InvalidRequestError(`the stored claims of ${set.jti} are unreadable`)
  return parsed.data
}

/**
 * The claims of an edited replay of `set`, built by the plan (`planEditedClaims`): a new `jti`,
 * and `iat` now unless the request sets it. Deliberately unchecked.
 */
export function editedClaims(
  set: OutboundSet,
  body: ReplayBody,
  jti: string,
  nowSeconds: number
): { claims: Record<string, unknown>; eventType: string } {
  return planEditedClaims(
    { claims: body.claims ? {} : storedClaims(set), eventType: set.event_type },
    body,
    jti,
    nowSeconds
  )
}
