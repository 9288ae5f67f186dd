/**
 * Parse-don't-cast helpers: run untrusted JSON through a zod schema and turn failures into an
 * {@link InvalidRequestError} whose description names each member at fault.
 * @module
 */
import type { z } from 'zod'
import { InvalidRequestError } from './errors'

/** Render a zod issue path as `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`
    const name = String(key)
    return acc ? `${acc}.${name}` : name
  }, '')
}

/** Parse `input` with `schema`; on failure throw 400 with one line per issue. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string
): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const details = result.error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = formatPath(issue.path)
      return where ? `"${where}": ${issue.message}` : issue.message
    })
    .join('; ')
  throw new InvalidRequestError(`invalid ${what}: ${details}`)
}

/** Require a JSON object body (express leaves `undefined` for non-JSON content types). */
export function requireJsonObject(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new InvalidRequestError(
      `${what} must be a JSON object sent with Content-Type: application/json`
    )
  return body as Record<string, unknown>
}

/** Deepest nesting of arrays/objects any request body may have (real SSF bodies need < 10). */
export const MAX_JSON_DEPTH = 64

/**
 * Whether `value` nests arrays/objects deeper than `max` levels. Iterative, so that hostile input
 * (e.g. 100 000 nested arrays) cannot overflow the stack here — recursive code further on
 * (canonical JSON, deep equality) can then rely on a bounded depth.
 */
export function jsonDepthExceeds(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const item = stack.pop()
    if (item === undefined) break
    const [node, depth] = item
    if (typeof node !== 'object' || node === null) continue
    if (depth > max) return true
    for (const child of Array.isArray(node) ? node : Object.values(node))
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1])
  }
  return false
}

/** Throw 400 when `value` nests deeper than {@link MAX_JSON_DEPTH}. */
export function assertJsonDepth(value: unknown, what: string): void {
  if (jsonDepthExceeds(value))
    throw new InvalidRequestError(`${what} nests deeper than ${MAX_JSON_DEPTH} levels`)
}
