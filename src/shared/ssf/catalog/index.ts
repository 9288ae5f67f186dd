/**
 * The event catalog: every CAEP 1.0, RISC 1.0 and SSF 1.0 event type, plus user-defined custom
 * types, with lookups. The single source of `events_supported`, fire validation, the SET linter
 * and the UI's forms.
 * @see CAEP 1.0 §3, RISC 1.0, SSF 1.0 §8.1.4–§8.1.5
 * @module
 */
import { CAEP_CATALOG } from './caep'
import { exampleFromSchema } from './json-schema'
import { RISC_CATALOG } from './risc'
import { SSF_CATALOG } from './ssf'
import type { ClaimSpec, ClaimType, CustomEventType, EventTypeEntry, JsonSchema } from './types'

/** Every built-in entry, in catalog order (CAEP, RISC, SSF). */
export const BUILTIN_CATALOG: readonly EventTypeEntry[] = [
  ...CAEP_CATALOG,
  ...RISC_CATALOG,
  ...SSF_CATALOG
]

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Short name of a custom type: `custom.` + the last segment of its URI. */
export function customEventName(uri: string): string {
  const last =
    uri
      .replace(/[/#:]+$/, '')
      .split(/[/#:]/)
      .pop() ?? uri
  const slug = last
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return `custom.${slug || 'event'}`
}

function claimType(schema: JsonSchema): ClaimType {
  const t = Array.isArray(schema.type)
    ? schema.type.length === 1
      ? schema.type[0]
      : undefined
    : schema.type
  return t === undefined || t === 'null' ? 'any' : t
}

function claimFromSchema(
  name: string,
  schema: JsonSchema,
  required: boolean,
  uri: string
): ClaimSpec {
  const type = claimType(schema)
  const strings = schema.enum?.every((e): e is string => typeof e === 'string')
    ? schema.enum
    : undefined
  const kind =
    strings !== undefined
      ? 'select'
      : type === 'number' || type === 'integer'
        ? 'number'
        : type === 'boolean'
          ? 'checkbox'
          : type === 'string'
            ? 'text'
            : type === 'array' && claimType(schema.items ?? {}) === 'string'
              ? 'string-list'
              : 'json'
  return {
    name,
    type,
    requirement: required ? 'required' : 'optional',
    section: `custom ${uri}`,
    description: schema.description ?? '',
    ...(strings ? { enum: strings } : {}),
    form: {
      kind,
      label: schema.title ?? name,
      ...(strings ? { options: strings } : {}),
      ...(typeof schema.examples?.[0] === 'string' ? { placeholder: schema.examples[0] } : {})
    }
  }
}

/** The catalog entry of a custom event type: claims and example derived from its schema. */
export function customEventEntry(custom: CustomEventType): EventTypeEntry {
  const props = custom.schema.properties ?? {}
  const required = custom.schema.required ?? []
  const example = exampleFromSchema(custom.schema)
  return {
    uri: custom.uri,
    name: customEventName(custom.uri),
    profile: 'custom',
    title: custom.title,
    description: custom.description ?? '',
    section: `custom ${custom.uri}`,
    claims: Object.entries(props).map(([name, s]) =>
      claimFromSchema(name, s, required.includes(name), custom.uri)
    ),
    example: {
      sub_id: { format: 'email', email: 'dana@corp.example' },
      claims: isObject(example) ? example : {}
    },
    deprecated: false,
    schema: custom.schema,
    id: custom.id
  }
}

/** Every event type: the built-in catalog, then the custom types. */
export function listEventTypes(customTypes: readonly CustomEventType[] = []): EventTypeEntry[] {
  return [...BUILTIN_CATALOG, ...customTypes.map(customEventEntry)]
}

/** Every supported event-type URI: the Transmitter's `events_supported`. @see SSF 1.0 §8.1.1 */
export function eventTypeUris(customTypes: readonly CustomEventType[] = []): string[] {
  return listEventTypes(customTypes).map((e) => e.uri)
}

/**
 * Find an entry by URI, by short name (`caep.session-revoked`), or by the bare name when it is
 * unambiguous (`session-revoked`).
 */
export function findEventType(
  nameOrUri: string,
  customTypes: readonly CustomEventType[] = []
): EventTypeEntry | undefined {
  const all = listEventTypes(customTypes)
  const exact = all.find((e) => e.uri === nameOrUri) ?? all.find((e) => e.name === nameOrUri)
  if (exact) return exact
  const bare = all.filter((e) => e.name.endsWith(`.${nameOrUri}`))
  return bare.length === 1 ? bare[0] : undefined
}

/** Whether a URI is a built-in event type (custom types may not reuse it). */
export function isBuiltinEventType(uri: string): boolean {
  return BUILTIN_CATALOG.some((e) => e.uri === uri)
}
