/**
 * Replay of a recorded SET: exactly (same bytes, same `jti`, to test duplicate handling) or
 * edited (claims merged or replaced, new `jti`, signed again).
 * @see RFC 8417 §2.2 (jti), RFC 8935 §2, RFC 8936 §2
 * @module
 */
import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import { z } from 'zod'
import {
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  InvalidRequestError,
  NotFoundError,
  SET_TYP
} from '../../shared/ssf'
import type { AppContext } from '../core/context'
import type { OutboundSet } from '../store/outbound-repo'
import { pushRequest } from '../transmitter/delivery/push'

/** Body of `POST /api/deliveries/{id}/replay`. */
export const replayBodySchema = z
  .object({
    edits: z.record(z.string(), z.unknown()).optional(),
    claims: z.record(z.string(), z.unknown()).optional()
  })
  .strict()
  .refine((b) => !(b.edits && b.claims), 'give "edits" or "claims", not both')

/** Answer of a replay. */
export interface ReplayResult {
  jti: string
  mode: 'exact' | 'edited'
  stream_id: string
}

/** The outbound SET an id names: a `jti`, or a traffic exchange id carrying one. */
export function findRecordedSet(ctx: AppContext, id: string): OutboundSet {
  const outbound = ctx.services.delivery.outbound
  const direct = outbound.get(id)
  if (direct) return direct
  if (/^\d{1,15}$/.test(id) && ctx.traffic) {
    const jti = ctx.traffic.store.get(Number(id))?.jti
    const set = jti ? outbound.get(jti) : undefined
    if (set) return set
  }
  throw new NotFoundError(`no recorded SET with jti or traffic id ${id}`)
}

function storedClaims(set: OutboundSet): Record<string, unknown> {
  const parsed = z.record(z.string(), z.unknown()).safeParse(JSON.parse(set.claims))
  if (!parsed.success)
    throw new InvalidRequestError(`the stored claims of ${set.jti} are unreadable`)
  return parsed.data
}

/** Replay a recorded SET (see module doc). */
export async function replay(
  ctx: AppContext,
  id: string,
  body: z.infer<typeof replayBodySchema>
): Promise<ReplayResult> {
  const set = findRecordedSet(ctx, id)
  const stream = ctx.repos.streams.get(set.stream_id)
  if (!stream) throw new NotFoundError(`stream ${set.stream_id} no longer exists`)
  const delivery = ctx.services.delivery
  const now = ctx.clock.now()

  if (!body.edits && !body.claims) {
    const method = stream.config.delivery
    if (method.method === DELIVERY_METHOD_PUSH) {
      const send = ctx.pushFetch ?? ctx.fetch
      const controller = new AbortController()
      const t = setTimeout(() => controller.abort(), delivery.options.pushTimeoutMs)
      const { url, init } = pushRequest(method, set.token, controller.signal)
      // Sent now, once, outside the queue; the traffic log records the exchange.
      void send(url, init)
        .then((r) => r.arrayBuffer())
        .catch((err: unknown) => ctx.logger.warn(`replay of ${set.jti} failed: ${String(err)}`))
        .finally(() => clearTimeout(t))
    } else if (method.method === DELIVERY_METHOD_POLL) {
      // Back in the poll queue, un-acknowledged: the next poll hands it out again.
      delivery.outbound.setState(set.jti, 'queued', null, now)
      delivery.wake(set.stream_id)
    }
    return { jti: set.jti, mode: 'exact', stream_id: set.stream_id }
  }

  const claims: Record<string, unknown> = body.claims
    ? { ...body.claims }
    : { ...storedClaims(set), ...body.edits }
  claims.jti = randomUUID()
  if (body.claims?.iat === undefined && body.edits?.iat === undefined)
    claims.iat = Math.floor(now / 1000)
  // Edited SETs are deliberately unchecked: testing how Receivers cope with odd claims is the point.
  const key = ctx.keys.active()
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: SET_TYP })
    .sign(key.privateKey)
  const eventType =
    typeof claims.events === 'object' && claims.events !== null
      ? (Object.keys(claims.events)[0] ?? set.event_type)
      : set.event_type
  const state =
    stream.status === 'enabled' ? 'queued' : stream.status === 'paused' ? 'held' : 'dropped'
  delivery.outbound.insert(
    {
      jti: String(claims.jti),
      stream_id: set.stream_id,
      event_type: eventType,
      token,
      claims: JSON.stringify(claims),
      state
    },
    now
  )
  ctx.bus.publish({ type: 'set.state', jti: String(claims.jti), stream_id: set.stream_id, state })
  if (state === 'queued') delivery.wake(set.stream_id)
  return { jti: String(claims.jti), mode: 'edited', stream_id: set.stream_id }
}
