/**
 * The control-API caller the screenshot scripts share: JSON in, JSON (or nothing) out, with the
 * engine's token; any non-2xx answer stops the script with its body.
 */
import type { ServerProcess } from '../test/e2e/fixtures'

/** A caller of `server`'s HTTP API. */
export function apiCaller(server: Pick<ServerProcess, 'url' | 'token'>) {
  return async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body)
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    const text = await res.text()
    return text.length > 0 ? (JSON.parse(text) as unknown) : undefined
  }
}
