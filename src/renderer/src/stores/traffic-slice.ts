/**
 * The traffic screen's state: the exchanges of the current filter, newest first, fed by
 * `GET /api/traffic` pages and by the live feed's `traffic.created` rows. Live rows arrive in
 * bursts (100/s and more), so they are buffered and merged at most every {@link FLUSH_MS}: one
 * render per burst, not per row. While following is paused they wait, counted as "N new".
 * @module
 */
import type { TrafficSummary } from '../../../shared/api/contract'
import {
  matchesFilter,
  needsServerMatch,
  sameFilter,
  type TrafficFilter
} from '../../../shared/traffic/filter'
import { errorText } from '../api/client'
import { trafficApi } from '../api/traffic-client'
import { mergeNewestFirst, newestFirst } from './traffic-rows'
import type { SliceCreator } from './types'

/** A page of the list. */
const PAGE = 200
/** Rows kept in memory; older ones are read again by scrolling (paging with `before`). */
const MAX_ROWS = 20_000
/** Most one merge of live rows waits. */
const FLUSH_MS = 100

export interface TrafficSlice {
  traffic: TrafficSummary[]
  trafficFilter: TrafficFilter
  trafficLoaded: boolean
  trafficError: string | undefined
  /** Older rows exist on the engine (id to page from), or null at the end. */
  trafficNextBefore: number | null
  trafficPaused: boolean
  /** Rows that arrived while paused, newest first. */
  trafficHeld: TrafficSummary[]
  /** Show the exchanges matching `filter` (re-read when it changed or `force`). */
  loadTraffic(filter: TrafficFilter, force?: boolean): Promise<void>
  loadOlderTraffic(): Promise<void>
  /** A live row (from `traffic.created`). */
  trafficArrived(row: TrafficSummary): void
  setTrafficPaused(paused: boolean): void
}

export const createTrafficSlice: SliceCreator<TrafficSlice> = (set, get) => {
  let buffer: TrafficSummary[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let refetch: ReturnType<typeof setTimeout> | undefined
  let generation = 0
  /** A page of a new filter is on its way: live rows wait for it, then join it. */
  let loading = false
  /** The read in flight: asking again for the same filter waits for it instead of restarting it. */
  let inFlight: { filter: TrafficFilter; done: Promise<void> } | undefined

  const flush = () => {
    timer = undefined
    if (loading) return
    const rows = newestFirst(buffer)
    buffer = []
    if (rows.length === 0) return
    if (get().trafficPaused)
      set(
        { trafficHeld: mergeNewestFirst(rows, get().trafficHeld, MAX_ROWS) },
        undefined,
        'traffic/held'
      )
    else
      set({ traffic: mergeNewestFirst(rows, get().traffic, MAX_ROWS) }, undefined, 'traffic/live')
  }

  /** Reads the first page of `filter`; a later read (a newer generation) makes this one moot. */
  const readFirstPage = async (filter: TrafficFilter): Promise<void> => {
    const mine = ++generation
    buffer = []
    loading = true
    set(
      { trafficFilter: filter, trafficHeld: [], trafficError: undefined },
      undefined,
      'traffic/filter'
    )
    try {
      const page = await trafficApi.list(filter, { limit: PAGE })
      if (mine !== generation) return
      loading = false
      set(
        { traffic: page.items, trafficNextBefore: page.next_before, trafficLoaded: true },
        undefined,
        'traffic/loaded'
      )
      // Rows stored after the page was read arrived meanwhile; those in the page count once.
      flush()
    } catch (err) {
      if (mine !== generation) return
      loading = false
      set({ trafficError: errorText(err), trafficLoaded: true }, undefined, 'traffic/error')
      flush()
    }
  }

  return {
    traffic: [],
    trafficFilter: {},
    trafficLoaded: false,
    trafficError: undefined,
    trafficNextBefore: null,
    trafficPaused: false,
    trafficHeld: [],
    loadTraffic(filter, force = false) {
      if (!force && inFlight && sameFilter(filter, inFlight.filter)) return inFlight.done
      if (!force && get().trafficLoaded && sameFilter(filter, get().trafficFilter))
        return Promise.resolve()
      const done = readFirstPage(filter)
      inFlight = { filter, done }
      return done.finally(() => {
        if (inFlight?.done === done) inFlight = undefined
      })
    },
    async loadOlderTraffic() {
      const before = get().trafficNextBefore
      if (before === null) return
      const mine = generation
      set({ trafficNextBefore: null }, undefined, 'traffic/paging')
      try {
        const page = await trafficApi.list(get().trafficFilter, { limit: PAGE, before })
        if (mine !== generation) return
        set(
          {
            traffic: mergeNewestFirst(get().traffic, page.items, MAX_ROWS),
            trafficNextBefore: page.next_before
          },
          undefined,
          'traffic/older'
        )
      } catch (err) {
        if (mine === generation)
          set(
            { trafficError: errorText(err), trafficNextBefore: before },
            undefined,
            'traffic/error'
          )
      }
    },
    trafficArrived(row) {
      if (!get().trafficLoaded && !loading) return
      const filter = get().trafficFilter
      if (matchesFilter(row, filter)) {
        buffer.push(row)
        timer ??= setTimeout(flush, FLUSH_MS)
      } else if (needsServerMatch(filter)) {
        // Free text also matches bodies, which only the engine has: ask it again, once per burst.
        refetch ??= setTimeout(() => {
          refetch = undefined
          if (!get().trafficPaused) void get().loadTraffic(get().trafficFilter, true)
        }, 500)
      }
    },
    setTrafficPaused(paused) {
      if (paused) return set({ trafficPaused: true }, undefined, 'traffic/pause')
      set(
        {
          trafficPaused: false,
          traffic: mergeNewestFirst(get().trafficHeld, get().traffic, MAX_ROWS),
          trafficHeld: []
        },
        undefined,
        'traffic/resume'
      )
    }
  }
}
