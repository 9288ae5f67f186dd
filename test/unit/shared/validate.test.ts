/** Parse helpers: JSON nesting depth limit. */
import { describe, expect, test } from 'vitest'
import {
  InvalidRequestError,
  MAX_JSON_DEPTH,
  assertJsonDepth,
  jsonDepthExceeds
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
