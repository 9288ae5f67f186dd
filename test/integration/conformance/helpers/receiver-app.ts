/**
 * An app under test for "Check my Receiver": an SSF Receiver written here with jose and node:http
 * that creates a stream on the engine's Transmitter (push or poll) and verifies what it gets.
 * Each defect breaks exactly one behaviour, so each must be found by exactly one check.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  importJWK,
  type JWK,
  type ProtectedHeaderParameters
} from 'jose'
import type { TestEngine } from '../../helpers/bootstrap'

export interface AppDefects {
  /** Skips signature verification (still checks kid, alg, typ, iss, aud). */
  acceptBadSignature?: boolean
  /** Answers a valid push with 200 and an empty body instead of 202. */
  answer200?: boolean
  /** Refuses a SET whose jti it has seen before. */
  refuseDuplicates?: boolean
  /** Acknowledges every polled SET, valid or not. */
  ackInvalidOnPoll?: boolean
  /**
   * Lets the header's `alg` choose how the published key is used: an HS256 SET is checked with
   * the key's JWK as the HMAC secret (the algorithm-confusion bug, RFC 8725 §2.1).
   */
  acceptHmac?: boolean
}

export interface ReceiverApp {
  streamId: string
  /** Ask the Transmitter for a verification SET (SSF 1.0 §8.1.4.2). */
  requestVerification(state: string): Promise<number>
  close(): Promise<void>
}

type Judgement = { ok: true; jti: string } | { ok: false; err: string; description: string }

const CAEP = 'https://schemas.openid.net/secevent/caep/event-type/'

export async function startReceiverApp(
  engine: TestEngine,
  method: 'push' | 'poll',
  defects: AppDefects = {}
): Promise<ReceiverApp> {
  const client = (await (
    await engine.call('POST', '/api/clients', { name: `app-${method}` })
  ).json()) as { token: string }
  const issuer = engine.core.issuer
  let jwks: JWK[] = []
  const fetchJwks = async () => {
    jwks = ((await (await fetch(`${engine.url}/ssf/jwks`)).json()) as { keys: JWK[] }).keys
  }
  await fetchJwks()
  let audience: string[] = []
  const seen = new Set<string>()

  async function judge(token: string): Promise<Judgement> {
    const refuse = (err: string, description: string): Judgement => ({
      ok: false,
      err,
      description
    })
    if (token.split('.').length !== 3) return refuse('invalid_request', 'not a compact JWS')
    let header: ProtectedHeaderParameters
    try {
      header = decodeProtectedHeader(token)
    } catch {
      return refuse('invalid_request', 'unreadable header')
    }
    if (header.typ !== 'secevent+jwt') return refuse('invalid_request', 'typ is not secevent+jwt')
    if (header.alg === undefined || header.alg === 'none')
      return refuse('invalid_request', 'unsigned')
    if (header.alg.startsWith('HS') && !defects.acceptHmac)
      return refuse('invalid_request', 'symmetric alg')
    let key = jwks.find((k) => k.kid === header.kid)
    if (!key) {
      await fetchJwks()
      key = jwks.find((k) => k.kid === header.kid)
    }
    if (!key) return refuse('invalid_key', 'unknown kid')
    const secret = header.alg.startsWith('HS')
      ? new TextEncoder().encode(JSON.stringify(key))
      : await importJWK(key, header.alg)
    if (!defects.acceptBadSignature)
      try {
        await compactVerify(token, secret)
      } catch {
        return refuse('invalid_key', 'bad signature')
      }
    const claims = decodeJwt(token)
    if (claims.iss !== issuer) return refuse('invalid_issuer', 'wrong iss')
    const aud = typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? [])
    if (!aud.some((a) => audience.includes(a))) return refuse('invalid_audience', 'wrong aud')
    const jti = String(claims.jti)
    if (defects.refuseDuplicates && seen.has(jti)) return refuse('invalid_request', 'duplicate jti')
    seen.add(jti)
    return { ok: true, jti }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void judge(Buffer.concat(chunks).toString('utf8')).then((j) => {
        if (!j.ok)
          return res
            .writeHead(400, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ err: j.err, description: j.description }))
        if (defects.answer200) return res.writeHead(200).end()
        res.writeHead(202).end()
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const auth = { Authorization: `Bearer ${client.token}`, 'Content-Type': 'application/json' }
  const created = (await (
    await fetch(`${engine.url}/ssf/streams`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        delivery:
          method === 'push'
            ? { method: 'urn:ietf:rfc:8935', endpoint_url: `${appUrl}/push` }
            : { method: 'urn:ietf:rfc:8936' },
        events_requested: [
          `${CAEP}session-revoked`,
          `${CAEP}credential-change`,
          `${CAEP}device-compliance-change`
        ]
      })
    })
  ).json()) as { stream_id: string; aud: string | string[]; delivery: { endpoint_url?: string } }
  audience = typeof created.aud === 'string' ? [created.aud] : created.aud

  const stop = new AbortController()
  let polling: Promise<void> = Promise.resolve()
  if (method === 'poll') {
    const pollUrl = created.delivery.endpoint_url ?? ''
    polling = (async () => {
      let ack: string[] = []
      let setErrs: Record<string, { err: string; description: string }> = {}
      while (!stop.signal.aborted) {
        let sets: Record<string, string>
        try {
          const res = await fetch(pollUrl, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({ ack, setErrs, maxEvents: 50, returnImmediately: false }),
            signal: stop.signal
          })
          sets = ((await res.json()) as { sets: Record<string, string> }).sets
        } catch {
          return
        }
        ack = []
        setErrs = {}
        for (const [jti, token] of Object.entries(sets)) {
          const j = await judge(token)
          if (j.ok || defects.ackInvalidOnPoll) ack.push(jti)
          else setErrs[jti] = { err: j.err, description: j.description }
        }
      }
    })()
  }

  return {
    streamId: created.stream_id,
    async requestVerification(state) {
      const res = await fetch(`${engine.url}/ssf/verify`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ stream_id: created.stream_id, state })
      })
      return res.status
    },
    async close() {
      stop.abort()
      await polling
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}
