/**
 * Fault injection. Transmitter side, per stream: a push transport wrapper that delays, drops,
 * duplicates, reorders or re-signs SETs wrongly (bad signature, `aud`, `iss`, `kid`, `alg: none`,
 * `typ`, shifted `iat`) at sending time. Receiver side, per receiver: the push endpoint answers a
 * chosen status after a chosen delay.
 * @see RFC 8417 §2.3, RFC 8935 §2–§2.4, SSF 1.0 §4.1; interop notes A3, A14
 * @module
 */
import express, { type RequestHandler } from 'express'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import type { FaultsOverview, ReceiverFaults, StreamFaults } from '../../shared/api/inspector'
import { MAX_BODY_BYTES, SET_TYP } from '../../shared/ssf'
import type { Clock } from '../core/clock'
import type { KeyStore } from '../store/keys'
import { corruptSignature, signClaims, type SigningOptions } from '../transmitter/signer'
import type { PushSend, PushTransport } from '../transmitter/delivery/transport'
import { createFaultsRepo } from '../store/faults-repo'
import type { Db } from '../store/sqlite'

export {
  receiverFaultsSchema,
  streamFaultsSchema,
  type ReceiverFaults,
  type StreamFaults
} from '../../shared/api/inspector'

/** The push endpoint's body, read whatever its media type (the endpoint reads it the same way). */
const rawBody = express.raw({ limit: MAX_BODY_BYTES, type: () => true })

/** Values the wrong-claim faults use. */
export const WRONG_AUD = 'https://wrong-audience.invalid/'
export const WRONG_ISS = 'https://wrong-issuer.invalid/'
export const UNKNOWN_KID = 'unknown-kid-injected'

/** Apply the token faults of `f` to a signed SET, re-signing with the active key when needed. */
export async function applyTokenFaults(
  token: string,
  f: StreamFaults,
  keys: KeyStore
): Promise<string> {
  const claimsChanged = f.wrong_aud || f.wrong_iss || f.iat_offset_seconds !== undefined
  const headerChanged = f.unknown_kid || f.wrong_typ || f.alg_none
  if (!claimsChanged && !headerChanged) return f.corrupt_signature ? corruptSignature(token) : token
  const claims: Record<string, unknown> = { ...decodeJwt(token) }
  if (f.wrong_aud) claims.aud = WRONG_AUD
  if (f.wrong_iss) claims.iss = WRONG_ISS
  if (f.iat_offset_seconds !== undefined && typeof claims.iat === 'number')
    claims.iat = claims.iat + f.iat_offset_seconds
  const original = decodeProtectedHeader(token)
  const options: SigningOptions = {
    typ: f.wrong_typ ? 'JWT' : (original.typ ?? SET_TYP),
    algNone: f.alg_none === true,
    corruptSignature: f.corrupt_signature === true
  }
  if (f.unknown_kid) options.kid = UNKNOWN_KID
  return signClaims(keys, claims, options)
}

/** Persisted faults of streams and receivers, and the transports that apply them. */
export function createFaults(db: Db, keys: KeyStore, clock: Clock) {
  const repo = createFaultsRepo(db)
  /** Streams that have faults (so SETs of other streams skip decoding entirely). */
  const faulty = new Set(repo.streamIds())

  const faults = {
    stream(streamId: string): StreamFaults {
      return repo.stream(streamId) ?? {}
    },
    setStream(streamId: string, f: StreamFaults): StreamFaults {
      repo.putStream(streamId, f, clock.now())
      faulty.add(streamId)
      return f
    },
    clearStream(streamId: string): void {
      repo.deleteStream(streamId)
      faulty.delete(streamId)
    },
    receiver(receiverId: string): ReceiverFaults {
      return repo.receiver(receiverId) ?? {}
    },
    setReceiver(receiverId: string, f: ReceiverFaults): ReceiverFaults {
      repo.putReceiver(receiverId, f, clock.now())
      return f
    },
    clearReceiver(receiverId: string): void {
      repo.deleteReceiver(receiverId)
    },
    /** Every stream's and receiver's faults (`GET /api/faults`); empty sets are left out. */
    overview(): FaultsOverview {
      const out: FaultsOverview = { streams: {}, receivers: {} }
      for (const [id, f] of repo.allStreams()) if (Object.keys(f).length > 0) out.streams[id] = f
      for (const [id, f] of repo.allReceivers())
        if (Object.keys(f).length > 0) out.receivers[id] = f
      return out
    },

    /**
     * The faults of a stream, cheaply: `{}` without a lookup for streams that have none. The push
     * worker asks this for the scheduling faults (`delay_ms`, `drop`, `reorder`), which it applies
     * itself so that every SET's stored state stays true (issue 15).
     */
    active(streamId: string): StreamFaults {
      return faulty.has(streamId) ? faults.stream(streamId) : {}
    },

    /**
     * Wrap the push transport: SETs of streams with faults are altered on the way out (token
     * faults) and sent twice (`duplicate`). The scheduling faults live in the push worker: a
     * transport that answers for the Receiver would report SETs delivered that never left.
     */
    wrapTransport(inner: PushTransport): PushTransport {
      return async (send) => {
        const f = faults.active(send.stream_id)
        if (Object.keys(f).length === 0) return inner(send)
        const altered: PushSend = { ...send, body: await applyTokenFaults(send.body, f, keys) }
        const reply = await inner(altered)
        if (f.duplicate) await inner(altered)
        return reply
      }
    },

    /**
     * Poll streams: the token faults (and `delay_ms`) apply to the SETs a poll response hands
     * out. `drop`, `duplicate` and `reorder` are push-only (a poll queue keeps un-acked SETs).
     */
    async pollSets(
      streamId: string,
      sets: Record<string, string>
    ): Promise<Record<string, string>> {
      if (!faulty.has(streamId) || Object.keys(sets).length === 0) return sets
      const f = faults.stream(streamId)
      if (Object.keys(f).length === 0) return sets
      if (f.delay_ms) await new Promise<void>((resolve) => setTimeout(resolve, f.delay_ms).unref())
      const out: Record<string, string> = {}
      for (const [jti, token] of Object.entries(sets))
        out[jti] = await applyTokenFaults(token, f, keys)
      return out
    },

    /** The Receiver side: the push endpoint answers the injected status after the delay. */
    receiverMiddleware: (async (req, res, next) => {
      const m = req.path.match(/^\/receiver\/([^/]+)\/push\/?$/)
      if (!m?.[1] || req.method !== 'POST') return next()
      let id = m[1]
      try {
        id = decodeURIComponent(id)
      } catch {
        // keep the raw segment
      }
      const f = faults.receiver(id)
      if (f.delay_ms === undefined && f.status === undefined) return next()
      // Read the body first, so the exchange is recorded in full whatever the fault (issue 15).
      const read = await new Promise<unknown>((resolve) => rawBody(req, res, resolve))
      if (read !== undefined) return next(read)
      if (f.delay_ms) await new Promise<void>((resolve) => setTimeout(resolve, f.delay_ms).unref())
      if (f.status === undefined) return next()
      res.status(f.status).set('Cache-Control', 'no-store')
      if (f.status >= 400)
        res.json({
          err: 'fault_injected',
          description: `status ${f.status} injected by the simulator`
        })
      else res.end()
    }) satisfies RequestHandler
  }
  return faults
}

/** The fault store and transports. */
export type Faults = ReturnType<typeof createFaults>
