/**
 * The logic of the Receiver's RFC 8935 push endpoint: check the push `Authorization` when one is
 * required, verify the SET, answer 202 or 400 `{err, description}`, record the exchange in the
 * traffic log and keep the SET in the inbox linked to it. Never throws for bad input: whatever
 * arrived is stored.
 * @see RFC 8935 §2
 * @module
 */
import { timingSafeEqual } from 'node:crypto'
import type { ErrorBody } from '../../shared/ssf'
import { checkPushContentType } from '../../shared/ssf/receiver'
import type { Clock } from '../core/clock'
import type { NewExchange } from '../traffic/store'
import type { Inbox, JudgedSet } from './inbox'
import type { RecordExchange } from './recording-fetch'
import type { ReceiverRegistry } from './registry'

/** The answer of the push endpoint. */
export interface PushAnswer {
  status: number
  headers: Record<string, string>
  body?: ErrorBody
}

/** An incoming push request, as the endpoint saw it. */
export interface PushInput {
  url: string
  headers: Record<string, string | string[] | undefined>
  body: Buffer | undefined
}

/** What the push receiver needs. */
export interface PushReceiverDeps {
  registry: Pick<ReceiverRegistry, 'require' | 'find'>
  inbox: Pick<Inbox, 'judge' | 'keep' | 'refused'>
  /** Records the exchange in the traffic log now (the inbox entry links to its id). */
  record: RecordExchange
  clock: Clock
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function flatHeaders(headers: Record<string, string | string[] | undefined>) {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  return out
}

function eventTypeOf(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null
  const events: unknown = (payload as { events?: unknown }).events
  if (typeof events !== 'object' || events === null) return null
  return Object.keys(events)[0] ?? null
}

const errorHeaders = { 'Content-Type': 'application/json', 'Content-Language': 'en' }

/** Build the push receiver. */
export function createPushReceiver(deps: PushReceiverDeps) {
  const { registry, inbox, clock } = deps

  /** Record the exchange (as answered) and keep the SET linked to it. */
  function settle(
    receiverId: string,
    input: Omit<PushInput, 'body'> & { raw: string | null },
    at: number,
    t0: number,
    answer: PushAnswer,
    judged: JudgedSet
  ): number {
    const headers: Record<string, string> = { 'cache-control': 'no-store' }
    for (const [name, value] of Object.entries(answer.headers)) headers[name.toLowerCase()] = value
    const exchange: NewExchange = {
      at,
      duration_ms: Math.round(performance.now() - t0),
      direction: 'inbound',
      kind: 'receiver-push',
      method: 'POST',
      url: input.url,
      status: answer.status,
      request_headers: flatHeaders(input.headers),
      request_body: input.raw,
      response_headers: headers,
      response_body: answer.body === undefined ? null : JSON.stringify(answer.body),
      error: null,
      stream_id: null,
      receiver_id: receiverId,
      jti: judged.entry.jti ?? null,
      event_type: eventTypeOf(judged.entry.payload)
    }
    const id = deps.record(exchange)
    inbox.keep(judged, id)
    return id
  }

  return {
    /**
     * Handle one push to receiver `id` (404 when unknown). The exchange is recorded here, with
     * the answer, so the inbox entry can link to it: the caller must not record it again.
     */
    async handle(id: string, input: PushInput): Promise<PushAnswer & { exchange_id: number }> {
      const r = registry.require(id)
      const at = clock.now()
      const t0 = performance.now()
      const raw = input.body ? new TextDecoder().decode(input.body) : ''
      const done = (answer: PushAnswer, judged: JudgedSet) => ({
        ...answer,
        exchange_id: settle(id, { ...input, raw: raw === '' ? null : raw }, at, t0, answer, judged)
      })
      const contentType = input.headers['content-type']
      const findings = checkPushContentType(
        typeof contentType === 'string' ? contentType : undefined
      )
      if (r.settings.require_authorization && r.push_token !== undefined) {
        const given = input.headers.authorization
        if (typeof given !== 'string' || !safeEqual(given, `Bearer ${r.push_token}`)) {
          const description =
            typeof given !== 'string'
              ? "this push endpoint requires an Authorization header (see the stream's authorization_header)"
              : 'the Authorization header is not the one this push endpoint expects'
          const status = r.settings.auth_failure_status
          return done(
            {
              status,
              headers: {
                ...errorHeaders,
                ...(status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {})
              },
              body: { err: 'authentication_failed', description }
            },
            inbox.refused(id, raw, 'push', { code: 'authentication_failed', description }, findings)
          )
        }
      }
      // RFC 8935 §2: the Transmitter MUST send application/secevent+jwt; strict mode refuses
      // anything else (lenient mode keeps the finding with the accepted SET).
      const strictMediaType = r.settings.strict && findings.length > 0
      const judged = await inbox.judge(
        r,
        raw,
        'push',
        strictMediaType ? findings.map((f) => ({ ...f, severity: 'error' as const })) : findings,
        strictMediaType
          ? { code: 'invalid_request', description: findings.map((f) => f.message).join('; ') }
          : undefined
      )
      const { entry } = judged
      if (entry.verdict === 'accepted') return done({ status: 202, headers: {} }, judged)
      return done(
        {
          status: 400,
          headers: errorHeaders,
          body: {
            err: entry.err ?? 'invalid_request',
            description: entry.description ?? 'the SET was rejected'
          }
        },
        judged
      )
    },

    /**
     * A push refused before the handler ran (body too large, aborted): recorded and kept in the
     * inbox all the same, so nothing is silently dropped. Undefined for an unknown receiver.
     */
    refuse(
      id: string,
      input: Omit<PushInput, 'body'>,
      status: number,
      body: ErrorBody
    ): number | undefined {
      if (!registry.find(id)) return undefined
      const answer: PushAnswer = { status, headers: { 'Content-Type': 'application/json' }, body }
      const judged = inbox.refused(id, '', 'push', {
        code: 'invalid_request',
        description: `${body.description} (the body was not read)`
      })
      return settle(id, { ...input, raw: null }, clock.now(), performance.now(), answer, judged)
    }
  }
}

/** The push receiver. */
export type PushReceiver = ReturnType<typeof createPushReceiver>
