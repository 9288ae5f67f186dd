/**
 * The CLI's client of a running instance's control API (`/api/*`): bearer token, JSON in and
 * out, `{err, description}` failures as {@link ApiError}.
 * @module
 */

/** The server (or the network) refused a call: exit code 1 with its description. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    message: string,
    readonly status?: number,
    readonly err?: string
  ) {
    super(message)
  }
}

/** A control-API client bound to one instance. */
export interface ApiClient {
  /** `http://HOST:PORT` */
  readonly url: string
  /** Call and parse the JSON answer. Responses come from our own server, typed by the caller. */
  json<T>(method: string, path: string, body?: unknown): Promise<T>
  /** Call and return the raw answer (exports, the live feed). */
  raw(method: string, path: string, body?: unknown): Promise<Response>
}

function describeFailure(status: number, text: string): { err?: string; description: string } {
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed === 'object' && parsed !== null && 'description' in parsed) {
      const err = 'err' in parsed && typeof parsed.err === 'string' ? parsed.err : undefined
      return err === undefined
        ? { description: String(parsed.description) }
        : { err, description: String(parsed.description) }
    }
  } catch {
    // not JSON: fall through to the raw excerpt
  }
  return { description: text.slice(0, 500) || `HTTP ${status}` }
}

/** Create a client for the instance at `url` with `token`. */
export function createApiClient(url: string, token: string, send: typeof fetch = fetch): ApiClient {
  const raw = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const target = new URL(path, url).href
    let res: Response
    try {
      res = await send(target, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'manual'
      })
    } catch (err) {
      const cause =
        err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : ''
      throw new ApiError(`cannot reach ${target}${cause}`)
    }
    if (res.status >= 300) {
      const { err, description } = describeFailure(res.status, await res.text())
      throw new ApiError(`${method} ${path}: HTTP ${res.status}: ${description}`, res.status, err)
    }
    return res
  }
  return {
    url,
    raw,
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await raw(method, path, body)
      const text = await res.text()
      return (text === '' ? undefined : JSON.parse(text)) as T
    }
  }
}
