import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { managementStreamId } from '../../../src/shared/traffic'

describe('managementStreamId', () => {
  it.each([
    ['s1', undefined, null, 's1'],
    [undefined, { stream_id: 's2' }, null, 's2'],
    [undefined, undefined, '{"stream_id":"s3","aud":"x"}', 's3'],
    [undefined, undefined, '[{"stream_id":"s4"}]', null],
    [undefined, { stream_id: 5 }, '{"err":"x"}', null],
    ['', [], 'not json', null]
  ])('query %j, body %j, response %j → %j', (q, body, response, expected) => {
    expect(managementStreamId(q, body, response)).toBe(expected)
  })

  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.option(fc.string()), (q, b, r) => {
        const id = managementStreamId(q, b, r)
        expect(id === null || typeof id === 'string').toBe(true)
      })
    )
  })
})
