/**
 * A small validator for the JSON Schema (draft 2020-12) subset custom event types use:
 * `type`, `properties`, `required`, `additionalProperties`, `enum`, `const`, `items`,
 * `minimum`/`maximum`/`exclusiveMinimum`/`exclusiveMaximum`, `minLength`/`maxLength`,
 * `minItems`/`maxItems`, `pattern`, `format` (email, uri, date-time, uuid, ipv4, ipv6) and the
 * annotations `$schema`, `$id`, `title`, `description`, `default`, `examples`.
 * Hand-written (no dependency) so that every issue carries our JSON path and rule text, and so
 * that unsupported keywords are refused when a schema is saved instead of silently ignored.
 * @see https://json-schema.org/draft/2020-12/json-schema-validation
 * @module
 */
import { isIpAddress } from '../subject'
import { joinPath } from './path'
import type { Finding, JsonSchema, JsonSchemaType } from './types'

const TYPES: readonly JsonSchemaType[] = [
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'null'
]
const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const
const COUNT_KEYWORDS = ['minLength', 'maxLength', 'minItems', 'maxItems'] as const
const ANNOTATIONS = ['$schema', '$id', 'title', 'description', 'default', 'examples', '$comment']
const SUPPORTED = new Set<string>([
  ...ANNOTATIONS,
  'type',
  'properties',
  'required',
  'additionalProperties',
  'enum',
  'const',
  'items',
  'pattern',
  'format',
  ...NUMBER_KEYWORDS,
  ...COUNT_KEYWORDS
])
/** Nesting limit: a stored schema can never make validation recurse without bound. */
const MAX_DEPTH = 16

type NumberKeyword = (typeof NUMBER_KEYWORDS)[number] | (typeof COUNT_KEYWORDS)[number]
const isNumberKeyword = (k: string): k is NumberKeyword =>
  (NUMBER_KEYWORDS as readonly string[]).includes(k) ||
  (COUNT_KEYWORDS as readonly string[]).includes(k)

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const schemaIssue = (path: string, message: string): Finding => ({
  path,
  rule: 'JSON Schema 2020-12 subset',
  message,
  severity: 'error'
})

/**
 * Check that `value` is a schema in the supported subset. Returns the schema (typed) or the
 * issues found; `path` prefixes issue paths (e.g. `schema`).
 */
export function parseJsonSchema(
  value: unknown,
  path = 'schema',
  depth = 0
): { schema: JsonSchema; issues: [] } | { schema?: undefined; issues: Finding[] } {
  const issues: Finding[] = []
  if (!isObject(value)) return { issues: [schemaIssue(path, 'a schema must be a JSON object')] }
  if (depth > MAX_DEPTH)
    return { issues: [schemaIssue(path, `schemas may nest at most ${MAX_DEPTH} levels`)] }
  const out: JsonSchema = {}
  for (const [key, v] of Object.entries(value)) {
    const at = `${path}.${key}`
    if (!SUPPORTED.has(key)) {
      issues.push(
        schemaIssue(
          at,
          `"${key}" is not supported (supported: ${[...SUPPORTED].filter((k) => !ANNOTATIONS.includes(k)).join(', ')})`
        )
      )
      continue
    }
    switch (key) {
      case '$schema':
      case '$id':
      case 'title':
      case 'description':
      case '$comment':
        if (typeof v !== 'string') issues.push(schemaIssue(at, `"${key}" must be a string`))
        else if (key !== '$comment') out[key] = v
        break
      case 'format':
        if (typeof v !== 'string') issues.push(schemaIssue(at, '"format" must be a string'))
        else out.format = v
        break
      case 'pattern':
        if (typeof v !== 'string') issues.push(schemaIssue(at, '"pattern" must be a string'))
        else
          try {
            new RegExp(v, 'u')
            out.pattern = v
          } catch {
            issues.push(schemaIssue(at, '"pattern" must be a valid regular expression'))
          }
        break
      case 'default':
        out.default = v
        break
      case 'const':
        out.const = v
        break
      case 'examples':
      case 'enum':
        if (!Array.isArray(v) || (key === 'enum' && v.length === 0))
          issues.push(
            schemaIssue(at, `"${key}" must be a${key === 'enum' ? ' non-empty' : 'n'} array`)
          )
        else out[key] = v
        break
      case 'type': {
        const list: unknown[] = Array.isArray(v) ? v : [v]
        const types = list.filter(
          (t): t is JsonSchemaType =>
            typeof t === 'string' && (TYPES as readonly string[]).includes(t)
        )
        if (list.length === 0 || types.length !== list.length)
          issues.push(
            schemaIssue(at, `"type" must be one of ${TYPES.join(', ')} or an array of them`)
          )
        else out.type = Array.isArray(v) ? types : types[0]
        break
      }
      case 'required':
        if (!Array.isArray(v) || !v.every((n): n is string => typeof n === 'string'))
          issues.push(schemaIssue(at, '"required" must be an array of property names'))
        else out.required = v
        break
      case 'properties': {
        if (!isObject(v)) {
          issues.push(schemaIssue(at, '"properties" must be an object of schemas'))
          break
        }
        const props: Record<string, JsonSchema> = {}
        for (const [name, sub] of Object.entries(v)) {
          const r = parseJsonSchema(sub, `${at}.${name}`, depth + 1)
          if (r.schema) props[name] = r.schema
          else issues.push(...r.issues)
        }
        out.properties = props
        break
      }
      case 'items':
      case 'additionalProperties': {
        if (key === 'additionalProperties' && typeof v === 'boolean') {
          out.additionalProperties = v
          break
        }
        const r = parseJsonSchema(v, at, depth + 1)
        if (r.schema) out[key] = r.schema
        else issues.push(...r.issues)
        break
      }
      default:
        if (typeof v !== 'number' || !Number.isFinite(v))
          issues.push(schemaIssue(at, `"${key}" must be a number`))
        else if (
          (COUNT_KEYWORDS as readonly string[]).includes(key) &&
          (!Number.isInteger(v) || v < 0)
        )
          issues.push(schemaIssue(at, `"${key}" must be a non-negative integer`))
        else if (isNumberKeyword(key)) out[key] = v
    }
  }
  return issues.length > 0 ? { issues } : { schema: out, issues: [] }
}

function typeOf(v: unknown): JsonSchemaType | 'other' {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'boolean') return 'boolean'
  return typeof v === 'object' ? 'object' : 'other'
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a)
    return ka.length === Object.keys(b).length && ka.every((k) => deepEqual(a[k], b[k]))
  }
  return false
}

const FORMATS: Record<string, (s: string) => boolean> = {
  email: (s) => /^[^\s@]+@[^\s@]+$/.test(s),
  uri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(s),
  'date-time': (s) =>
    /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) &&
    !Number.isNaN(Date.parse(s)),
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  ipv4: (s) => isIpAddress(s) && !s.includes(':'),
  ipv6: (s) => isIpAddress(s) && s.includes(':')
}

/**
 * Validate `value` against a parsed schema. `rule` prefixes each rule text (e.g. the custom
 * event's URI), `path` is the JSON path of `value`.
 */
export function validateJsonSchema(
  schema: JsonSchema,
  value: unknown,
  path: string,
  rule: string
): Finding[] {
  const issue = (at: string, keyword: string, message: string): Finding => ({
    path: at,
    rule: `${rule} schema ${keyword}`,
    message,
    severity: 'error'
  })
  const out: Finding[] = []
  const actual = typeOf(value)
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type]
    const ok = allowed.some((t) => t === actual || (t === 'number' && actual === 'integer'))
    if (!ok) return [issue(path, 'type', `must be ${allowed.join(' or ')}, got ${actual}`)]
  }
  if (schema.const !== undefined && !deepEqual(schema.const, value))
    out.push(issue(path, 'const', `must be ${JSON.stringify(schema.const)}`))
  if (schema.enum && !schema.enum.some((e) => deepEqual(e, value)))
    out.push(
      issue(path, 'enum', `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`)
    )
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      out.push(issue(path, 'minimum', `must be >= ${schema.minimum}`))
    if (schema.maximum !== undefined && value > schema.maximum)
      out.push(issue(path, 'maximum', `must be <= ${schema.maximum}`))
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      out.push(issue(path, 'exclusiveMinimum', `must be > ${schema.exclusiveMinimum}`))
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      out.push(issue(path, 'exclusiveMaximum', `must be < ${schema.exclusiveMaximum}`))
  }
  if (typeof value === 'string') {
    const length = [...value].length
    if (schema.minLength !== undefined && length < schema.minLength)
      out.push(issue(path, 'minLength', `must be at least ${schema.minLength} characters`))
    if (schema.maxLength !== undefined && length > schema.maxLength)
      out.push(issue(path, 'maxLength', `must be at most ${schema.maxLength} characters`))
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      out.push(issue(path, 'pattern', `must match /${schema.pattern}/`))
    const check = schema.format === undefined ? undefined : FORMATS[schema.format]
    // Unknown formats are annotations only (2020-12 default).
    if (check && !check(value)) out.push(issue(path, 'format', `must be a valid ${schema.format}`))
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      out.push(issue(path, 'minItems', `must have at least ${schema.minItems} items`))
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      out.push(issue(path, 'maxItems', `must have at most ${schema.maxItems} items`))
    const items = schema.items
    if (items)
      value.forEach((v, i) => out.push(...validateJsonSchema(items, v, `${path}[${i}]`, rule)))
  }
  if (isObject(value)) {
    for (const name of schema.required ?? [])
      if (value[name] === undefined)
        out.push(issue(joinPath(path, name), 'required', `"${name}" is required`))
    for (const [name, v] of Object.entries(value)) {
      const sub = schema.properties?.[name]
      if (sub) out.push(...validateJsonSchema(sub, v, joinPath(path, name), rule))
      else if (schema.additionalProperties === false)
        out.push(issue(joinPath(path, name), 'additionalProperties', `"${name}" is not allowed`))
      else if (isObject(schema.additionalProperties))
        out.push(...validateJsonSchema(schema.additionalProperties, v, joinPath(path, name), rule))
    }
  }
  return out
}

/** A value that satisfies simple schemas: used as the example of a custom event type. */
export function exampleFromSchema(schema: JsonSchema, depth = 0): unknown {
  if (schema.examples && schema.examples.length > 0) return schema.examples[0]
  if (schema.default !== undefined) return schema.default
  if (schema.const !== undefined) return schema.const
  if (schema.enum && schema.enum.length > 0) return schema.enum[0]
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string': {
      const byFormat: Record<string, string> = {
        email: 'dana@corp.example',
        uri: 'https://corp.example/',
        'date-time': '2026-01-01T00:00:00Z',
        uuid: '5bd0b5f2-3c56-4c6e-9a44-0d5d3b0f8e3a',
        ipv4: '198.51.100.7',
        ipv6: '2001:db8::42'
      }
      const s = (schema.format && byFormat[schema.format]) || 'example'
      return schema.minLength !== undefined && s.length < schema.minLength
        ? s.padEnd(schema.minLength, 'x')
        : s
    }
    case 'integer':
    case 'number':
      return (
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0)
      )
    case 'boolean':
      return true
    case 'null':
      return null
    case 'array': {
      const n = schema.minItems ?? 0
      return schema.items && depth < MAX_DEPTH
        ? Array.from({ length: n }, () => exampleFromSchema(schema.items ?? {}, depth + 1))
        : []
    }
    default: {
      const out: Record<string, unknown> = {}
      if (depth >= MAX_DEPTH) return out
      for (const name of schema.required ?? [])
        out[name] = exampleFromSchema(schema.properties?.[name] ?? {}, depth + 1)
      return out
    }
  }
}
