/**
 * Delivery state of SETs the UI shows (fired from the Fire screen, or opened in the traffic
 * screen), re-read on each live `set.state` event for them; and per stream, the queue depth and
 * the last delivery result (the Streams list).
 * @module
 */
import type { SetDeliveryView, StreamDelivery } from '../../../shared/api/deliveries'
import { errorText } from '../api/client'
import { trafficApi } from '../api/traffic-client'
import type { SliceCreator } from './types'

/** What the UI knows of one SET: its state once read, or why it could not be read. */
export interface TrackedSet {
  jti: string
  stream_id: string
  /** The last state the live feed named (`retrying` is only ever named there). */
  live: string
  view?: SetDeliveryView
  error?: string
}

export interface DeliveriesSlice {
  trackedSets: Record<string, TrackedSet>
  streamDeliveries: Record<string, StreamDelivery>
  /** Follow SETs (e.g. those a fire just created) and read their state now. */
  trackSets(sets: readonly { jti: string; stream_id: string; state: string }[]): void
  /** A live `set.state` event. */
  setStateChanged(jti: string, state: string): void
  refreshStreamDeliveries(): Promise<void>
}

export const createDeliveriesSlice: SliceCreator<DeliveriesSlice> = (set, get) => {
  let streamsTimer: ReturnType<typeof setTimeout> | undefined

  const read = async (jti: string) => {
    try {
      const view = await trafficApi.set(jti)
      const now = get().trackedSets[jti]
      if (now)
        set(
          { trackedSets: { ...get().trackedSets, [jti]: { ...now, view, error: undefined } } },
          undefined,
          'deliveries/set'
        )
    } catch (err) {
      const now = get().trackedSets[jti]
      if (now)
        set(
          { trackedSets: { ...get().trackedSets, [jti]: { ...now, error: errorText(err) } } },
          undefined,
          'deliveries/setError'
        )
    }
  }

  return {
    trackedSets: {},
    streamDeliveries: {},
    trackSets(sets) {
      const next = { ...get().trackedSets }
      for (const s of sets) next[s.jti] = { jti: s.jti, stream_id: s.stream_id, live: s.state }
      set({ trackedSets: next }, undefined, 'deliveries/track')
      for (const s of sets) void read(s.jti)
    },
    setStateChanged(jti, state) {
      const tracked = get().trackedSets[jti]
      if (tracked) {
        set(
          { trackedSets: { ...get().trackedSets, [jti]: { ...tracked, live: state } } },
          undefined,
          'deliveries/live'
        )
        void read(jti)
      }
      // Stream rows change with every SET: one re-read per burst.
      streamsTimer ??= setTimeout(() => {
        streamsTimer = undefined
        void get().refreshStreamDeliveries()
      }, 250)
    },
    async refreshStreamDeliveries() {
      try {
        const rows = await trafficApi.streamDeliveries()
        set(
          { streamDeliveries: Object.fromEntries(rows.map((r) => [r.stream_id, r])) },
          undefined,
          'deliveries/streams'
        )
      } catch {
        // The Streams list shows the streams without delivery columns rather than an error.
      }
    }
  }
}
