/**
 * A tiny external Transmitter for receiver tests: node:http on 127.0.0.1:0 serving SSF metadata,
 * a JWKS (its own jose keys) and an RFC 8936 poll endpoint; signs SETs with jose.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose'

/** The management token the test Transmitter accepts. */
export const TX_TOKEN = 'tx-token'

export interface TestKey {
  kid: string
  privateKey: CryptoKey
  publicJwk: JWK
  /** The whole key pair as a JWK (what a leaking JWKS publishes). */
  privateJwk: JWK
}

export async function makeKey(kid: string, alg = 'RS256'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  return {
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' }
  }
}

export interface PollRequestSeen {
  body: Record<string, unknown>
  authorization: string | undefined
}

export interface TestTransmitter {
  url: string
  issuer: string
  /** Keys published in the JWKS (mutable: rotate by pushing a new one). */
  published: TestKey[]
  /** Number of JWKS fetches served. */
  jwksFetches: number
  /** Overrides/removals applied to the metadata document. */
  metadataPatch: Record<string, unknown>
  /** Serve metadata only at the legacy sse-configuration path. */
  legacyOnly: boolean
  /** SETs waiting in the poll queue, keyed by jti. */
  pollQueue: Map<string, string>
  pollRequests: PollRequestSeen[]
  /** Deliberate faults of the management API (see the handler below). */
  faults: Set<string>
  /** Streams created through its management API. */
  streams: Map<string, Record<string, unknown>>
  /** Statuses answered by our Receiver to its pushes. */
  pushResults: { status: number; body: string }[]
  /** `min_verification_interval` given to new streams and enforced with 429 (0: none). */
  minVerificationInterval: number
  /** Send a stream-updated SET after each status change (SSF 1.0 §8.1.5). */
  announceStatus: boolean
  sign(options?: SignOptions): Promise<{ token: string; jti: string }>
  /** Fire a CAEP session-revoked event at every push stream (as a user would in its UI). */
  fire(): Promise<void>
  close(): Promise<void>
}

export interface SignOptions {
  key?: TestKey
  claims?: Record<string, unknown>
  /** Claims to delete. */
  omit?: string[]
  header?: Record<string, unknown>
  audience?: string
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startTestTransmitter(audience: () => string): Promise<TestTransmitter> {
  const key = await makeKey('tx-key-1')
  const tx: TestTransmitter = {
    url: '',
    issuer: '',
    published: [key],
    jwksFetches: 0,
    metadataPatch: {},
    legacyOnly: false,
    pollQueue: new Map(),
    pollRequests: [],
    faults: new Set(),
    streams: new Map(),
    pushResults: [],
    minVerificationInterval: 0,
    announceStatus: false,
    async fire() {
      for (const stream of tx.streams.values()) {
        const d = stream.delivery as { method: string }
        if (d.method !== 'urn:ietf:rfc:8935') continue
        const { token, jti } = await tx.sign({
          claims: { txn: randomUUID() },
          ...(tx.faults.has('no-sub-id') ? { omit: ['sub_id'] } : {})
        })
        await deliver(stream, token, jti)
      }
    },
    async sign(options = {}) {
      const k = options.key ?? key
      const jti = randomUUID()
      const claims: Record<string, unknown> = {
        iss: tx.issuer,
        aud: options.audience ?? audience(),
        jti,
        iat: Math.floor(Date.now() / 1000),
        sub_id: { format: 'email', email: 'alice@example.com' },
        events: {
          'https://schemas.openid.net/secevent/caep/event-type/session-revoked': {
            event_timestamp: Math.floor(Date.now() / 1000)
          }
        },
        ...options.claims
      }
      for (const name of options.omit ?? []) delete claims[name]
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: k.kid, typ: 'secevent+jwt', ...options.header })
        .sign(k.privateKey)
      return { token, jti: typeof claims.jti === 'string' ? claims.jti : jti }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res
          .writeHead(status, { 'Content-Type': 'application/json', ...headers })
          .end(JSON.stringify(body))
      }
      const wellKnown = tx.legacyOnly
        ? '/.well-known/sse-configuration'
        : '/.well-known/ssf-configuration'
      if (req.method === 'GET' && path === wellKnown) {
        const md: Record<string, unknown> = {
          spec_version: '1_0',
          issuer: tx.issuer,
          jwks_uri: `${tx.url}/jwks`,
          delivery_methods_supported: ['urn:ietf:rfc:8935', 'urn:ietf:rfc:8936'],
          configuration_endpoint: `${tx.url}/streams`,
          status_endpoint: `${tx.url}/status`,
          verification_endpoint: `${tx.url}/verify`,
          add_subject_endpoint: `${tx.url}/subjects:add`,
          remove_subject_endpoint: `${tx.url}/subjects:remove`,
          authorization_schemes: [{ spec_urn: 'urn:ietf:rfc:6749' }],
          default_subjects: 'NONE'
        }
        for (const [k, v] of Object.entries(tx.metadataPatch))
          if (v === undefined) delete md[k]
          else md[k] = v
        return json(200, md)
      }
      if (req.method === 'GET' && path === '/jwks') {
        tx.jwksFetches++
        const leak = tx.faults.has('leak-private')
        return json(200, { keys: tx.published.map((k) => (leak ? k.privateJwk : k.publicJwk)) })
      }
      if (req.method === 'POST' && path === '/poll') {
        const text = await readBody(req)
        const body = JSON.parse(text || '{}') as Record<string, unknown>
        tx.pollRequests.push({ body, authorization: req.headers.authorization })
        const ack = Array.isArray(body.ack) ? body.ack : []
        for (const jti of ack) if (typeof jti === 'string') tx.pollQueue.delete(jti)
        const errs = body.setErrs
        if (errs && typeof errs === 'object')
          for (const jti of Object.keys(errs)) tx.pollQueue.delete(jti)
        const max = typeof body.maxEvents === 'number' ? body.maxEvents : 100
        const sets = Object.fromEntries([...tx.pollQueue.entries()].slice(0, max))
        return json(200, { sets })
      }
      if (['/streams', '/status', '/verify', '/subjects:add', '/subjects:remove'].includes(path)) {
        if (req.headers.authorization !== `Bearer ${TX_TOKEN}`)
          return json(401, { err: 'unauthorized', description: 'bad token' })
        return management(req, path, json)
      }
      json(404, { err: 'not_found', description: path })
    })()
  })
  const CAEP = 'https://schemas.openid.net/secevent/caep/event-type/'
  const supported = [`${CAEP}session-revoked`, `${CAEP}credential-change`]
  let counter = 0
  const lastVerification = new Map<string, number>()

  async function deliver(stream: Record<string, unknown>, token: string, jti: string) {
    const delivery = stream.delivery as {
      method: string
      endpoint_url: string
      authorization_header?: string
    }
    if (delivery.method === 'urn:ietf:rfc:8936') {
      tx.pollQueue.set(jti, token)
      return
    }
    const headers: Record<string, string> = {
      'Content-Type': tx.faults.has('push-text-plain') ? 'text/plain' : 'application/secevent+jwt'
    }
    if (delivery.authorization_header) headers.Authorization = delivery.authorization_header
    const res = await fetch(delivery.endpoint_url, { method: 'POST', headers, body: token })
    tx.pushResults.push({ status: res.status, body: await res.text() })
  }

  async function management(
    req: IncomingMessage,
    path: string,
    json: (status: number, body: unknown, headers?: Record<string, string>) => void
  ): Promise<void> {
    const query = new URL(req.url ?? '/', 'http://x').searchParams
    const text = req.method === 'GET' || req.method === 'DELETE' ? '' : await readBody(req)
    let body: Record<string, unknown>
    try {
      body = (text ? JSON.parse(text) : {}) as Record<string, unknown>
    } catch {
      return json(400, { err: 'invalid_request', description: 'malformed JSON' })
    }
    const sid = (query.get('stream_id') ?? body.stream_id) as string | undefined
    const stream = sid === undefined ? undefined : tx.streams.get(sid)
    if (path === '/streams' && req.method === 'POST') {
      const id = `tx-stream-${++counter}`
      const requested = body.events_requested as string[] | undefined
      const delivery = { ...(body.delivery as Record<string, unknown>) }
      if (delivery.method === 'urn:ietf:rfc:8936' && !tx.faults.has('no-poll-url'))
        delivery.endpoint_url = `${tx.url}/poll`
      const config: Record<string, unknown> = {
        stream_id: id,
        iss: tx.faults.has('stream-iss') ? `${tx.issuer}/` : tx.issuer,
        aud: audience(),
        events_supported: supported,
        events_requested: requested,
        events_delivered: tx.faults.has('events-delivered-extra')
          ? [...supported, `${CAEP}device-compliance-change`]
          : supported.filter((t) => requested === undefined || requested.includes(t)),
        delivery,
        description: body.description,
        ...(tx.minVerificationInterval > 0
          ? { min_verification_interval: tx.minVerificationInterval }
          : {})
      }
      tx.streams.set(id, config)
      return json(tx.faults.has('create-200') ? 200 : 201, config)
    }
    if (path === '/streams' && req.method === 'GET') {
      if (sid === undefined) return json(200, [...tx.streams.values()])
      return stream ? json(200, stream) : json(404, { err: 'not_found', description: 'no stream' })
    }
    if (!stream) return json(404, { err: 'not_found', description: 'no stream' })
    if (path === '/streams' && req.method === 'PUT' && !tx.faults.has('put-keeps')) {
      // Replace: the Receiver-supplied members are exactly what the PUT carries.
      stream.description = body.description
      stream.events_requested = body.events_requested
      stream.delivery = { ...(body.delivery as Record<string, unknown>) }
      return json(200, stream)
    }
    if (path === '/streams' && (req.method === 'PATCH' || req.method === 'PUT')) {
      if (typeof body.description === 'string' && !tx.faults.has('update-ignored'))
        stream.description = body.description
      return json(200, stream)
    }
    if (path === '/streams' && req.method === 'DELETE') {
      tx.streams.delete(sid as string)
      return json(tx.faults.has('delete-200') ? 200 : 204, {})
    }
    if (path === '/status') {
      if (req.method === 'POST') stream.status = body.status
      json(200, { stream_id: sid, status: stream.status ?? 'enabled' })
      if (req.method === 'POST' && tx.announceStatus) {
        const { token, jti } = await tx.sign({
          claims: {
            sub_id: { format: 'opaque', id: sid },
            events: {
              'https://schemas.openid.net/secevent/ssf/event-type/stream-updated': {
                status: body.status
              }
            }
          }
        })
        await deliver(stream, token, jti)
      }
      return
    }
    if (path === '/subjects:add') return json(200, {})
    if (path === '/subjects:remove') return json(204, {})
    if (path === '/verify') {
      const last = lastVerification.get(sid as string)
      const interval = tx.minVerificationInterval
      if (
        interval > 0 &&
        last !== undefined &&
        Date.now() - last < interval * 1000 &&
        !tx.faults.has('no-429')
      ) {
        return json(
          429,
          { err: 'too_many_requests', description: 'min_verification_interval' },
          { 'Retry-After': String(interval) }
        )
      }
      lastVerification.set(sid as string, Date.now())
      json(204, {})
      if (tx.faults.has('verify-none')) return
      const state = tx.faults.has('verify-wrong-state') ? 'not-the-state' : body.state
      const { token, jti } = await tx.sign({
        claims: {
          sub_id: { format: 'opaque', id: sid },
          events: {
            'https://schemas.openid.net/secevent/ssf/event-type/verification':
              state === undefined ? {} : { state }
          }
        }
      })
      await deliver(stream, token, jti)
      return
    }
    json(404, { err: 'not_found', description: path })
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  tx.url = `http://127.0.0.1:${port}`
  tx.issuer = tx.url
  return tx
}
