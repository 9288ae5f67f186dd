/**
 * Streams' timelines: each opened stream's traffic (`GET /api/traffic?stream_id=`) and outbound
 * SETs (`GET /api/sets/export.ndjson?stream_id=`). The live feed refreshes an opened timeline when
 * traffic or a SET state of its stream arrives.
 * @module
 */
import type { TrafficSummary } from '../../../shared/api/contract'
import { API_PATHS } from '../../../shared/api/paths'
import { call, errorText, parse } from '../api/client'
import { trafficApi } from '../api/traffic-client'
import type { OutboundSet } from '../features/timeline/timeline-model'
import type { SliceCreator } from './types'

/** Most exchanges one timeline reads (the API's page limit). */
const TIMELINE_LIMIT = 500

/** One stream's recorded story. */
export interface StreamTimelineData {
  traffic: TrafficSummary[]
  sets: OutboundSet[]
  error?: string
}

/** Timeline state and actions. */
export interface TimelineSlice {
  timelines: Record<string, StreamTimelineData>
  refreshTimeline(streamId: string): Promise<void>
}

export const createTimelineSlice: SliceCreator<TimelineSlice> = (set, get) => ({
  timelines: {},
  async refreshTimeline(streamId) {
    try {
      const query = `?stream_id=${encodeURIComponent(streamId)}&limit=${TIMELINE_LIMIT}`
      const [page, sets] = await Promise.all([
        call('GET', `${API_PATHS.traffic}${query}`).then((v) =>
          parse((s) => s.trafficPageSchema, v, 'traffic page')
        ),
        trafficApi.outboundSets(streamId)
      ])
      set(
        { timelines: { ...get().timelines, [streamId]: { traffic: page.items, sets } } },
        undefined,
        'timeline/load'
      )
    } catch (err) {
      const previous = get().timelines[streamId] ?? { traffic: [], sets: [] }
      set(
        {
          timelines: { ...get().timelines, [streamId]: { ...previous, error: errorText(err) } }
        },
        undefined,
        'timeline/error'
      )
    }
  }
})
