/**
 * The traffic list's merge: a live row that is also in a page the engine answered shows once, and
 * the list stays newest first. Before this rule, a page read just after a row was stored met the
 * same row from the live feed, the list held its id twice, and React's keyed rows left rows of
 * another filter on screen (e2e traffic.test.ts failed on a loaded CI machine).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mergeNewestFirst, newestFirst } from '../../../src/renderer/src/stores/traffic-rows'

const rows = (...ids: number[]) => ids.map((id) => ({ id }))
const ids = (list: readonly { id: number }[]) => list.map((r) => r.id)

describe('mergeNewestFirst', () => {
  it('keeps a row that is both live and in the page once', () => {
    expect(ids(mergeNewestFirst(rows(7, 6), rows(7, 5, 3), 100))).toEqual([7, 6, 5, 3])
  })

  it('caps the list at max, dropping the oldest', () => {
    expect(ids(mergeNewestFirst(rows(9, 8), rows(4, 3, 2), 3))).toEqual([9, 8, 4])
  })

  it('gives a sorted list of the union of the ids, each once (property)', () => {
    const idList = fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 60 })
    fc.assert(
      fc.property(idList, idList, fc.integer({ min: 0, max: 150 }), (a, b, max) => {
        const merged = ids(mergeNewestFirst(newestFirst(rows(...a)), newestFirst(rows(...b)), max))
        const union = [...new Set([...a, ...b])].sort((x, y) => y - x)
        expect(merged).toEqual(union.slice(0, max))
      })
    )
  })
})
