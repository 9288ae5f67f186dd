/**
 * OAuth helpers for integration tests: register clients through the control API and obtain
 * tokens from the embedded authorization server over real HTTP.
 */
import type { TestEngine } from '../helpers/bootstrap'

/** A registered OAuth client (control API answer). */
export interface RegisteredClient {
  client_id: string
  client_secret?: string
  scope: string
  tenant?: string
  token_endpoint: string
  issuer: string
}

/** `POST /api/oauth/clients` with the simulator token; throws unless 201. */
export async function registerClient(
  engine: TestEngine,
  body: Record<string, unknown>
): Promise<RegisteredClient> {
  const res = await engine.call('POST', '/api/oauth/clients', body)
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`)
  return (await res.json()) as RegisteredClient
}

/** A raw token-endpoint call with HTTP Basic client authentication. */
export function tokenRequest(
  client: RegisteredClient,
  params: Record<string, string>
): Promise<Response> {
  const basic = Buffer.from(`${client.client_id}:${client.client_secret ?? ''}`).toString('base64')
  return fetch(client.token_endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${basic}`
    },
    body: new URLSearchParams(params).toString()
  })
}

/** Client-credentials access token for `scope`. */
export async function clientCredentialsToken(
  client: RegisteredClient,
  scope: string,
  extra: Record<string, string> = {}
): Promise<string> {
  const res = await tokenRequest(client, { grant_type: 'client_credentials', scope, ...extra })
  const body = (await res.json()) as { access_token?: string }
  if (res.status !== 200 || !body.access_token)
    throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`)
  return body.access_token
}

/** The claims of a JWT, decoded without verification (for assertions only). */
export function peekClaims(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? ''
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>
}

/** A minimal poll-delivery create body. */
export const POLL_STREAM = { delivery: { method: 'urn:ietf:rfc:8936' } }

/** A tiny cookie jar for driving the browser flow with fetch. */
export class CookieJar {
  private readonly cookies = new Map<string, string>()

  /** Remember the cookies a response sets (expired ones are dropped). */
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** GET/POST without following redirects, sending and storing cookies. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    headers.set('Cookie', this.header())
    const res = await fetch(url, { ...init, headers, redirect: 'manual' })
    this.store(res)
    return res
  }
}

/** A PKCE verifier and its S256 challenge. */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const { randomBytes, createHash } = await import('node:crypto')
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}
