/**
 * `GET/POST /api/event-types`, `DELETE /api/event-types/:id`: the event catalog (built-in and
 * custom) for the UI and CLI, and the management of custom event types.
 * @module
 */
import { z } from 'zod'
import {
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  customEventEntry,
  formatFindings,
  isBuiltinEventType,
  listEventTypes,
  parseJsonSchema,
  parseWith,
  requireJsonObject,
  type EventTypeEntry,
  type JsonSchema
} from '../../shared/ssf'
import type { ApiHandler } from './deps'

/** Longest accepted custom event-type URI. */
const MAX_URI_LENGTH = 2048

const createSchema = z.strictObject({
  uri: z.string().min(1, 'must be a non-empty string').max(MAX_URI_LENGTH),
  title: z.string().trim().min(1, 'must be a non-empty string').max(200),
  description: z.string().max(2000).optional(),
  schema: z.unknown()
})

/**
 * An event-type URI a Receiver can compare: an absolute `http(s)` URL or a `urn:`, no
 * whitespace. (SSF 1.0 §4 keys `events` by URI.)
 */
export function checkEventTypeUri(uri: string): string | undefined {
  if (/\s/.test(uri)) return 'must not contain whitespace'
  if (/^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i.test(uri)) return undefined
  if (!URL.canParse(uri)) return 'must be an absolute URI (https://… or urn:…)'
  const url = new URL(uri)
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'must be an http(s) URL or a urn:'
  return undefined
}

function parseCustomSchema(value: unknown): JsonSchema {
  if (value === undefined) throw new InvalidRequestError('"schema" is required (a JSON Schema)')
  const parsed = parseJsonSchema(value, 'schema')
  if (!parsed.schema)
    throw new InvalidRequestError(`invalid schema: ${formatFindings(parsed.issues)}`)
  const type = parsed.schema.type
  if (
    type !== undefined &&
    type !== 'object' &&
    !(Array.isArray(type) && type.every((t) => t === 'object'))
  )
    throw new InvalidRequestError(
      'invalid schema: "schema.type" must be "object" (an event payload is a JSON object)'
    )
  return parsed.schema
}

export const list: ApiHandler = ({ infra }) =>
  function listEventTypesHandler(_req, res) {
    const out: EventTypeEntry[] = listEventTypes(infra.repos.customEvents.list())
    res.json(out)
  }

export const post: ApiHandler = ({ infra }) =>
  function createCustomEventType(req, res) {
    const body = parseWith(createSchema, requireJsonObject(req.body, 'event type'), 'event type')
    const uriProblem = checkEventTypeUri(body.uri)
    if (uriProblem) throw new InvalidRequestError(`invalid event type: "uri" ${uriProblem}`)
    const schema = parseCustomSchema(body.schema)
    if (isBuiltinEventType(body.uri))
      throw new ConflictError(`"${body.uri}" is a built-in event type`)
    if (infra.repos.customEvents.findByUri(body.uri))
      throw new ConflictError(`a custom event type with uri "${body.uri}" already exists`)
    const created = infra.repos.customEvents.create(
      {
        uri: body.uri,
        title: body.title,
        schema,
        ...(body.description === undefined ? {} : { description: body.description })
      },
      infra.clock.now()
    )
    infra.bus.publish({ type: 'event_type.created', id: created.id, uri: created.uri })
    res.status(201).json(customEventEntry(created))
  }

export const del: ApiHandler = ({ infra }) =>
  function deleteCustomEventType(req, res) {
    const id = req.params.id
    const existing = typeof id === 'string' ? infra.repos.customEvents.get(id) : undefined
    if (!existing || !infra.repos.customEvents.delete(existing.id))
      throw new NotFoundError(`custom event type ${String(id)} not found`)
    infra.bus.publish({ type: 'event_type.deleted', id: existing.id, uri: existing.uri })
    res.status(204).end()
  }
