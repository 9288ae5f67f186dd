/**
 * The traffic filter of the inspector (`src/shared/traffic/filter.ts`): URL round trips, what a
 * hand-edited query keeps, and matching that agrees with `GET /api/traffic`, as properties.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TRAFFIC_DIRECTIONS, TRAFFIC_KINDS } from '../../../src/shared/traffic'
import {
  TRAFFIC_FILTER_KEYS,
  filterFromQuery,
  filterToQuery,
  matchesFilter,
  needsServerMatch,
  sameFilter,
  type FilterableRow,
  type TrafficFilter
} from '../../../src/shared/traffic/filter'

/** A value a filter keeps: non-empty, no surrounding space, at most 500 characters. */
const value = fc
  .string({ minLength: 1, maxLength: 40 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0)
const statusFilter = fc.oneof(
  fc.integer({ min: 100, max: 599 }).map(String),
  fc.constantFrom('1xx', '2xx', '3xx', '4xx', '5xx')
)
const validFilter: fc.Arbitrary<TrafficFilter> = fc.record(
  {
    stream_id: value,
    direction: fc.constantFrom(...TRAFFIC_DIRECTIONS),
    kind: fc.constantFrom(...TRAFFIC_KINDS),
    status: statusFilter,
    event_type: value,
    text: value,
    jti: value
  },
  { requiredKeys: [] }
)
const row: fc.Arbitrary<FilterableRow> = fc.record({
  direction: fc.constantFrom(...TRAFFIC_DIRECTIONS),
  kind: fc.constantFrom(...TRAFFIC_KINDS),
  status: fc.option(fc.integer({ min: 100, max: 599 }), { nil: null }),
  url: fc.webUrl(),
  stream_id: fc.option(value, { nil: null }),
  jti: fc.option(value, { nil: null }),
  event_type: fc.option(value, { nil: null })
})

describe('traffic filter in the URL', () => {
  it('reads back every filter it writes, members in one order', () => {
    fc.assert(
      fc.property(validFilter, (filter) => {
        const query = filterToQuery(filter)
        const back = filterFromQuery(new URLSearchParams(query))
        expect(back).toEqual(filter)
        expect(sameFilter(back, filter)).toBe(true)
        // The same members in another insertion order write the same query.
        const reversed = Object.fromEntries(Object.entries(filter).reverse()) as TrafficFilter
        expect(filterToQuery(reversed)).toBe(query)
        expect(query === '').toBe(Object.keys(filter).length === 0)
      })
    )
  })

  it('keeps only members the engine accepts from any hand-edited query, and never throws', () => {
    const key = fc.oneof(fc.constantFrom(...TRAFFIC_FILTER_KEYS), fc.string({ maxLength: 8 }))
    const query = fc.array(fc.tuple(key, fc.string({ maxLength: 600 })), { maxLength: 10 })
    fc.assert(
      fc.property(query, (pairs) => {
        const filter = filterFromQuery(new URLSearchParams(pairs))
        for (const [k, v] of Object.entries(filter)) {
          expect(TRAFFIC_FILTER_KEYS).toContain(k)
          expect(v).toBe(v.trim())
          expect(v.length).toBeGreaterThan(0)
          expect(v.length).toBeLessThanOrEqual(500)
        }
        if (filter.direction !== undefined) expect(TRAFFIC_DIRECTIONS).toContain(filter.direction)
        if (filter.kind !== undefined) expect(TRAFFIC_KINDS).toContain(filter.kind)
        if (filter.status !== undefined) expect(filter.status).toMatch(/^(\d{3}|[1-5]xx)$/i)
      })
    )
  })

  it('drops unknown kinds, directions and statuses instead of failing the view', () => {
    expect(
      filterFromQuery(
        new URLSearchParams('kind=nope&direction=sideways&status=abc&stream_id=%20s1%20&x=1')
      )
    ).toEqual({ stream_id: 's1' })
  })
})

describe('matchesFilter', () => {
  it('lets every row through an empty filter', () => {
    fc.assert(
      fc.property(row, (r) => {
        expect(matchesFilter(r, {})).toBe(true)
      })
    )
  })

  it('is the AND of its members', () => {
    fc.assert(
      fc.property(row, validFilter, (r, filter) => {
        const each = Object.entries(filter).every(([k, v]) => matchesFilter(r, { [k]: v }))
        expect(matchesFilter(r, filter)).toBe(each)
      })
    )
  })

  it('matches a row by its own values, its status class and any case of a piece of its URL', () => {
    fc.assert(
      fc.property(row, fc.nat(), fc.nat(), (r, a, b) => {
        const own: TrafficFilter = { direction: r.direction, kind: r.kind }
        if (r.stream_id !== null) own.stream_id = r.stream_id
        if (r.jti !== null) own.jti = r.jti
        if (r.event_type !== null) own.event_type = r.event_type
        if (r.status !== null) own.status = String(r.status)
        expect(matchesFilter(r, own)).toBe(true)
        if (r.status !== null) {
          expect(matchesFilter(r, { status: `${Math.floor(r.status / 100)}xx` })).toBe(true)
          const other = ((Math.floor(r.status / 100) % 5) + 1) * 100
          expect(matchesFilter(r, { status: `${other / 100}xx` })).toBe(false)
        }
        const [from, to] = [a % (r.url.length + 1), b % (r.url.length + 1)].sort((x, y) => x - y)
        const piece = r.url.slice(from, to)
        if (piece.length > 0) expect(matchesFilter(r, { text: piece.toUpperCase() })).toBe(true)
      })
    )
  })

  it('never matches a status filter on an exchange without an answer', () => {
    fc.assert(
      fc.property(row, statusFilter, (r, status) => {
        expect(matchesFilter({ ...r, status: null }, { status })).toBe(false)
      })
    )
  })

  it('leaves free text to the engine too (bodies are not in a row)', () => {
    fc.assert(
      fc.property(validFilter, (filter) => {
        expect(needsServerMatch(filter)).toBe(filter.text !== undefined)
      })
    )
  })
})
