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
