/**
 * Reading `stream_id` from a query string, where SSF puts it for GET and DELETE.
 * @module
 */
import { InvalidRequestError } from '../../../shared/ssf'

/** The `stream_id` query parameter: undefined when absent, 400 when repeated or empty. */
export function streamIdFromQuery(query: Readonly<Record<string, unknown>>): string | undefined {
  const value = query.stream_id
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.length === 0)
    throw new InvalidRequestError('"stream_id" must be given once, as a non-empty string')
  return value
}

/** The `stream_id` query parameter, required. */
export function requireStreamIdFromQuery(query: Readonly<Record<string, unknown>>): string {
  const id = streamIdFromQuery(query)
  if (id === undefined) throw new InvalidRequestError('the "stream_id" query parameter is required')
  return id
}
