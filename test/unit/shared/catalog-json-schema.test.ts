import { describe, expect, it, test } from 'vitest'
import fc from 'fast-check'
import {
  exampleFromSchema,
  parseJsonSchema,
  validateJsonSchema,
  type JsonSchema
} from '../../../src/shared/ssf'

describe('parseJsonSchema (the supported subset)', () => {
  it('accepts the subset', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        level: { type: 'string', enum: ['low', 'high'] },
        score: { type: 'integer', minimum: 0, maximum: 100 },
        tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, maxItems: 3 },
        at: { type: 'string', format: 'date-time' },
        meta: { type: ['object', 'null'], additionalProperties: { type: 'string' } }
      },
      required: ['level'],
      additionalProperties: false
    }
    expect(parseJsonSchema(schema)).toEqual({ schema, issues: [] })
  })

  test.each([
    ['not an object', [], 'schema'],
    ['unsupported keyword', { type: 'object', oneOf: [] }, 'schema.oneOf'],
    ['$ref', { properties: { a: { $ref: '#/x' } } }, 'schema.properties.a.$ref'],
    ['bad type', { type: 'text' }, 'schema.type'],
    ['bad required', { required: 'a' }, 'schema.required'],
    ['empty enum', { enum: [] }, 'schema.enum'],
    ['bad pattern', { pattern: '(' }, 'schema.pattern'],
    ['negative minLength', { minLength: -1 }, 'schema.minLength'],
    ['bad nested', { items: { type: 5 } }, 'schema.items.type']
  ])('rejects %s', (_n, schema, path) => {
    const r = parseJsonSchema(schema)
    expect(r.schema).toBeUndefined()
    expect(r.issues).toContainEqual(expect.objectContaining({ path, severity: 'error' }))
  })

  it('bounds nesting depth', () => {
    let s: Record<string, unknown> = { type: 'string' }
    for (let i = 0; i < 40; i++) s = { type: 'array', items: s }
    expect(parseJsonSchema(s).issues[0]?.message).toMatch(/nest/)
  })
})

describe('validateJsonSchema', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      level: { type: 'string', enum: ['low', 'high'] },
      score: { type: 'integer', minimum: 0, maximum: 100 },
      tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, maxItems: 2 },
      email: { type: 'string', format: 'email' },
      v: { const: 1 }
    },
    required: ['level'],
    additionalProperties: false
  }
  const check = (v: unknown) =>
    validateJsonSchema(schema, v, 'claims', 'custom X').map((f) => [f.path, f.rule])

  test.each<[string, unknown, [string, string][]]>([
    ['valid', { level: 'low', score: 5, tags: ['a'], email: 'a@b.c', v: 1 }, []],
    ['not an object', 'x', [['claims', 'custom X schema type']]],
    ['missing required', {}, [['claims.level', 'custom X schema required']]],
    ['enum', { level: 'mid' }, [['claims.level', 'custom X schema enum']]],
    ['integer', { level: 'low', score: 1.5 }, [['claims.score', 'custom X schema type']]],
    ['maximum', { level: 'low', score: 101 }, [['claims.score', 'custom X schema maximum']]],
    [
      'items pattern',
      { level: 'low', tags: ['a', 'B'] },
      [['claims.tags[1]', 'custom X schema pattern']]
    ],
    [
      'maxItems',
      { level: 'low', tags: ['a', 'b', 'c'] },
      [['claims.tags', 'custom X schema maxItems']]
    ],
    ['format', { level: 'low', email: 'nope' }, [['claims.email', 'custom X schema format']]],
    ['const', { level: 'low', v: 2 }, [['claims.v', 'custom X schema const']]],
    [
      'additional',
      { level: 'low', other: 1 },
      [['claims.other', 'custom X schema additionalProperties']]
    ]
  ])('%s', (_n, value, expected) => {
    expect(check(value)).toEqual(expected)
  })

  it('examples generated from a schema validate against it', () => {
    const s: JsonSchema = {
      type: 'object',
      properties: {
        a: { type: 'string', minLength: 12 },
        b: { type: 'number', exclusiveMinimum: 3 },
        c: { type: 'array', items: { type: 'boolean' }, minItems: 2 },
        d: { type: 'string', format: 'uuid' },
        e: { enum: ['x'] }
      },
      required: ['a', 'b', 'c', 'd', 'e']
    }
    expect(validateJsonSchema(s, exampleFromSchema(s), 'claims', 'r')).toEqual([])
  })

  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(Array.isArray(validateJsonSchema(schema, v, 'claims', 'r'))).toBe(true)
        expect(parseJsonSchema(v).issues).toBeDefined()
      })
    )
  })
})
