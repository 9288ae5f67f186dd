/** Parse helpers: JSON nesting depth limit, object bodies, zod issues as one 400 line. */
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import {
  InvalidRequestError,
  MAX_JSON_DEPTH,
  assertJsonDepth,
  jsonDepthExceeds,
  parseWith,
  requireJsonObject
} from '../../../src/shared/ssf'

function nested(depth: number): unknown {
  let v: unknown = 1
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v }
  return v
}

describe('jsonDepthExceeds', () => {
  test.each([
    { value: 1, max: 0, out: false },
    { value: null, max: 0, out: false },
    { value: {}, max: 1, out: false },
    { value: {}, max: 0, out: true },
    { value: [[1]], max: 2, out: false },
    { value: [[1]], max: 1, out: true },
    { value: { a: [{ b: {} }] }, max: 4, out: false },
    { value: { a: [{ b: {} }] }, max: 3, out: true }
  ])('$value with max $max → $out', ({ value, max, out }) => {
    expect(jsonDepthExceeds(value, max)).toBe(out)
  })

  test('the default limit accepts MAX_JSON_DEPTH and refuses one more, without recursion', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false)
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true)
    expect(jsonDepthExceeds(nested(1_000_000))).toBe(true)
    expect(() => assertJsonDepth(nested(1_000_000), 'body')).toThrow(InvalidRequestError)
  })
})

describe('requireJsonObject', () => {
  test.each([['text'], [42], [true], [null], [[1]], [undefined]])('refuses %j', (body) => {
    expect(() => requireJsonObject(body, 'the body')).toThrow(
      new InvalidRequestError(
        'the body must be a JSON object sent with Content-Type: application/json'
      )
    )
  })

  test('returns an object as it is', () => {
    const body = { a: 1 }
    expect(requireJsonObject(body, 'the body')).toBe(body)
  })
})

describe('parseWith', () => {
  test('lists at most five issues, each with its path', () => {
    const schema = z.object(Object.fromEntries('abcdefg'.split('').map((k) => [k, z.string()])))
    let message = ''
    try {
      parseWith(schema, {}, 'thing')
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidRequestError)
      message = (err as InvalidRequestError).message
    }
    expect(message).toMatch(/^invalid thing: "a": /)
    expect(message.split('; ')).toHaveLength(5)
    expect(message).not.toContain('"f"')
  })
})
