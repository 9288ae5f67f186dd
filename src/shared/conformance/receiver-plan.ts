/**
 * "Check my Receiver", the pure half: which SETs the app under test must refuse, with which
 * RFC 8935 code, and how an answer is judged. The I/O lives in `src/main/conformance/`.
 * @see RFC 8935 §2.3–§2.4, RFC 8936 §2.4, SSF 1.0 §4.1, RFC 8417 §2.3
 * @module
 */
import type { ReportCheck } from '../api/conformance'

/** How a refused SET is made: token faults of the one signer, or a body that is no JWS at all. */
export type TokenDefect =
  | 'corrupt_signature'
  | 'unknown_kid'
  | 'wrong_iss'
  | 'wrong_aud'
  | 'alg_none'
  | 'hmac'
  | 'wrong_typ'
  | 'malformed'

/** A SET the app must refuse. */
export interface RefusalCase {
  /** The last part of the check id (`push.<name>`). */
  name: string
  title: string
  rule: string
  defect: TokenDefect
  /** RFC 8935 error codes that are right for it (the first is the usual one). */
  codes: readonly string[]
}

/** Every SET the app under test must refuse. */
export const REFUSAL_CASES: readonly RefusalCase[] = [
  {
    name: 'bad_signature',
    title: 'A SET with a bad signature is refused: 400 invalid_key',
    rule: 'RFC 8935 §2.4 / RFC 7515 §5.2',
    defect: 'corrupt_signature',
    codes: ['invalid_key']
  },
  {
    name: 'unknown_kid',
    title: 'A SET signed with an unknown kid is refused: 400 invalid_key',
    rule: 'RFC 8935 §2.4 / RFC 7517 §4.5',
    defect: 'unknown_kid',
    codes: ['invalid_key']
  },
  {
    name: 'wrong_iss',
    title: 'A SET from another issuer is refused: 400 invalid_issuer',
    rule: 'RFC 8935 §2.4 / SSF 1.0 §4.1',
    defect: 'wrong_iss',
    codes: ['invalid_issuer']
  },
  {
    name: 'wrong_aud',
    title: 'A SET for another audience is refused: 400 invalid_audience',
    rule: 'RFC 8935 §2.4 / SSF 1.0 §4.1',
    defect: 'wrong_aud',
    codes: ['invalid_audience']
  },
  {
    name: 'alg_none',
    title: 'An unsigned SET (alg none) is refused: 400 invalid_request or invalid_key',
    rule: 'RFC 8935 §2.4 / RFC 8725 §3.1',
    defect: 'alg_none',
    codes: ['invalid_request', 'invalid_key']
  },
  {
    name: 'hmac',
    title:
      'A SET signed with HMAC (HS256, keyed with our public key) is refused: 400 invalid_request or invalid_key',
    rule: 'RFC 8935 §2.4 / RFC 8725 §2.1, §3.1',
    defect: 'hmac',
    codes: ['invalid_request', 'invalid_key']
  },
  {
    name: 'wrong_typ',
    title: 'A SET without typ secevent+jwt is refused: 400 invalid_request',
    rule: 'RFC 8935 §2.4 / RFC 8417 §2.3 / SSF 1.0 §4.1',
    defect: 'wrong_typ',
    codes: ['invalid_request']
  },
  {
    name: 'malformed',
    title: 'A body that is not a JWS is refused: 400 invalid_request',
    rule: 'RFC 8935 §2.4',
    defect: 'malformed',
    codes: ['invalid_request']
  }
]

/** The verdict on one answer. */
export interface Verdict {
  status: ReportCheck['status']
  detail: string
}

/** What the app answered to one push (or that it did not). */
export interface PushAnswerSeen {
  status?: number
  body?: string
  error?: string
  ms?: number
}

function errorBody(body: string | undefined): { err?: string; description?: string } | undefined {
  if (body === undefined || body.trim() === '') return undefined
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
    const err = 'err' in parsed && typeof parsed.err === 'string' ? parsed.err : undefined
    const description =
      'description' in parsed && typeof parsed.description === 'string'
        ? parsed.description
        : undefined
    return {
      ...(err === undefined ? {} : { err }),
      ...(description === undefined ? {} : { description })
    }
  } catch {
    return undefined
  }
}

function shown(a: PushAnswerSeen): string {
  if (a.status === undefined) return `no answer: ${a.error ?? 'unknown error'}`
  const body = a.body === undefined || a.body === '' ? 'an empty body' : a.body.slice(0, 200)
  return `HTTP ${a.status} with ${body}`
}

/**
 * A SET the app must refuse: `400` with a JSON `{err, description}` whose `err` is one of
 * `codes`. A wrong code is a warning (the SET was still refused).
 */
export function judgeRefusal(a: PushAnswerSeen, codes: readonly string[]): Verdict {
  if (a.status === undefined) return { status: 'fail', detail: shown(a) }
  if (a.status >= 200 && a.status < 300)
    return { status: 'fail', detail: `accepted a SET it must refuse: ${shown(a)}` }
  if (a.status !== 400)
    return { status: 'fail', detail: `expected 400 {"err": "${codes[0]}"}, got ${shown(a)}` }
  const body = errorBody(a.body)
  if (body?.err === undefined)
    return {
      status: 'fail',
      detail: `400 without a JSON {"err", "description"} body (RFC 8935 §2.3): ${shown(a)}`
    }
  if (!codes.includes(body.err))
    return {
      status: 'warn',
      detail: `refused with "${body.err}"; expected ${codes.map((c) => `"${c}"`).join(' or ')}`
    }
  return {
    status: 'pass',
    detail: `400 "${body.err}"${body.description === undefined ? ' (no description)' : `: ${body.description}`}`
  }
}

/**
 * A SET the app must accept. With `exact202` only `202` passes (RFC 8935 §2.2); otherwise any
 * 2xx acknowledges it (the exact code is judged once, by `push.valid`).
 */
export function judgeAcceptance(a: PushAnswerSeen, exact202: boolean): Verdict {
  if (a.status === undefined) return { status: 'fail', detail: shown(a) }
  if (a.status === 202) return { status: 'pass', detail: 'HTTP 202 Accepted' }
  if (a.status >= 200 && a.status < 300)
    return exact202
      ? { status: 'fail', detail: `${shown(a)}; RFC 8935 §2.2 requires 202 Accepted` }
      : { status: 'pass', detail: `acknowledged (${shown(a)})` }
  const body = errorBody(a.body)
  return {
    status: 'fail',
    detail: `refused a valid SET: ${body?.err === undefined ? shown(a) : `HTTP ${a.status} "${body.err}"${body.description ? `: ${body.description}` : ''}`}`
  }
}

/** What became of a SET offered on a poll stream. */
export type PollFate =
  { kind: 'acked' } | { kind: 'set_err'; err: string; description: string } | { kind: 'pending' }

/** A valid SET on a poll stream must be acknowledged. */
export function judgePollAck(fate: PollFate): Verdict {
  if (fate.kind === 'acked') return { status: 'pass', detail: 'acknowledged' }
  if (fate.kind === 'set_err')
    return { status: 'fail', detail: `reported in setErrs: ${fate.err} ${fate.description}`.trim() }
  return { status: 'fail', detail: 'never acknowledged within the wait' }
}

/** Invalid SETs on a poll stream: each in `setErrs` with one of its codes, none acknowledged. */
export function judgePollRefusals(
  fates: readonly { case: RefusalCase; fate: PollFate }[]
): Verdict {
  const acked = fates.filter((f) => f.fate.kind === 'acked').map((f) => f.case.name)
  const pending = fates.filter((f) => f.fate.kind === 'pending').map((f) => f.case.name)
  const wrongCode = fates.flatMap((f) =>
    f.fate.kind === 'set_err' && !f.case.codes.includes(f.fate.err)
      ? [`${f.case.name} → "${f.fate.err}" (expected ${f.case.codes.join(' or ')})`]
      : []
  )
  if (acked.length > 0)
    return { status: 'fail', detail: `acknowledged invalid SETs: ${acked.join(', ')}` }
  if (pending.length > 0)
    return {
      status: 'fail',
      detail: `neither acknowledged nor reported in setErrs: ${pending.join(', ')}`
    }
  if (wrongCode.length > 0) return { status: 'warn', detail: wrongCode.join('; ') }
  return {
    status: 'pass',
    detail: `all ${fates.length} came back in setErrs with the right codes`
  }
}
