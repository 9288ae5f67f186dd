/**
 * User-defined event types (a URI, a title and a JSON Schema for the payload), persisted so
 * they survive restarts and appear in every stream's `events_supported`.
 * @module
 */
import { randomUUID } from 'node:crypto'
import {
  eventTypeUris,
  parseJsonSchema,
  type CustomEventType,
  type JsonSchema
} from '../../shared/ssf'
import type { Db } from './sqlite'

interface CustomEventRow {
  id: string
  uri: string
  title: string
  description: string | null
  schema: string
  created_at: number
}

/** What a caller gives to create a custom type (already validated). */
export interface NewCustomEventType {
  uri: string
  title: string
  description?: string
  schema: JsonSchema
}

function parseStoredSchema(text: string): JsonSchema | undefined {
  try {
    return parseJsonSchema(JSON.parse(text)).schema
  } catch {
    return undefined
  }
}

/** A row as a typed value; a row whose stored schema no longer parses is skipped, never thrown. */
function toRecord(row: CustomEventRow): CustomEventType | undefined {
  const schema = parseStoredSchema(row.schema)
  if (!schema) return undefined
  const out: CustomEventType = {
    id: row.id,
    uri: row.uri,
    title: row.title,
    schema,
    created_at: row.created_at
  }
  if (row.description !== null) out.description = row.description
  return out
}

/** Data access for custom event types. */
export function createCustomEventsRepo(db: Db) {
  const all = db.prepare<[], CustomEventRow>(
    'SELECT * FROM custom_event_types ORDER BY created_at, id'
  )
  const byId = db.prepare<[string], CustomEventRow>('SELECT * FROM custom_event_types WHERE id = ?')
  const byUri = db.prepare<[string], CustomEventRow>(
    'SELECT * FROM custom_event_types WHERE uri = ?'
  )
  const insert = db.prepare(
    'INSERT INTO custom_event_types (id, uri, title, description, schema, created_at) VALUES (@id, @uri, @title, @description, @schema, @created_at)'
  )
  const remove = db.prepare<[string]>('DELETE FROM custom_event_types WHERE id = ?')

  // Read on every fire and every stream rendering, written rarely: keep the parsed list in memory
  // (this engine is the only writer of its data folder).
  let cached: CustomEventType[] | undefined
  let supported: string[] | undefined

  return {
    /** Every supported event type URI (the catalog plus these), computed once per change. */
    supportedUris(): string[] {
      supported ??= eventTypeUris((cached ??= all.all().flatMap((row) => toRecord(row) ?? [])))
      return [...supported]
    },
    list(): CustomEventType[] {
      cached ??= all.all().flatMap((row) => toRecord(row) ?? [])
      return [...cached]
    },
    get(id: string): CustomEventType | undefined {
      const row = byId.get(id)
      return row && toRecord(row)
    },
    findByUri(uri: string): CustomEventType | undefined {
      const row = byUri.get(uri)
      return row && toRecord(row)
    },
    /** Insert; the UNIQUE constraint on `uri` throws on a duplicate (callers check first). */
    create(input: NewCustomEventType, now: number): CustomEventType {
      const record: CustomEventType = {
        id: `cet_${randomUUID().replace(/-/g, '')}`,
        uri: input.uri,
        title: input.title,
        schema: input.schema,
        created_at: now
      }
      if (input.description !== undefined) record.description = input.description
      cached = supported = undefined
      insert.run({
        id: record.id,
        uri: record.uri,
        title: record.title,
        description: input.description ?? null,
        schema: JSON.stringify(input.schema),
        created_at: now
      })
      return record
    },
    /** Returns whether a row was deleted. */
    delete(id: string): boolean {
      cached = supported = undefined
      return remove.run(id).changes > 0
    }
  }
}

/** The custom event types repository. */
export type CustomEventsRepo = ReturnType<typeof createCustomEventsRepo>
