/**
 * The inspector's calls: traffic list and detail, curl, replay, and the delivery state of SETs.
 * @module
 */
import type { SetDeliveryView, StreamDelivery } from '../../../shared/api/deliveries'
import type { ReplayResponse, TrafficDetail, TrafficPage } from '../../../shared/api/contract'
import { API_PATHS } from '../../../shared/api/paths'
import type { OutboundSet } from '../features/timeline/timeline-model'
import { call, loadSchemas, parse } from './client'

/** Filters of `GET /api/traffic` as query-string members (absent = any). */
export type TrafficQueryParams = Partial<
  Record<'stream_id' | 'direction' | 'kind' | 'status' | 'event_type' | 'text' | 'jti', string>
>

/** `?a=b&…` of the members that are set ('' when none). */
export function queryString(params: Readonly<Record<string, string | undefined>>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v)
  const s = q.toString()
  return s ? `?${s}` : ''
}

export const trafficApi = {
  list: async (
    filters: TrafficQueryParams,
    page: { limit?: number; before?: number } = {}
  ): Promise<TrafficPage> =>
    parse(
      (s) => s.trafficPageSchema,
      await call(
        'GET',
        `${API_PATHS.traffic}${queryString({
          ...filters,
          limit: page.limit === undefined ? undefined : String(page.limit),
          before: page.before === undefined ? undefined : String(page.before)
        })}`
      ),
      'traffic page'
    ),
  detail: async (id: number, reveal: boolean): Promise<TrafficDetail> =>
    parse(
      (s) => s.trafficDetailSchema,
      await call('GET', `${API_PATHS.trafficOne(id)}${reveal ? '?reveal=1' : ''}`),
      'exchange'
    ),
  curl: async (id: number, reveal: boolean): Promise<string> => {
    const res = await fetch(`${API_PATHS.trafficCurl(id)}${reveal ? '?reveal=1' : ''}`, {
      credentials: 'same-origin'
    })
    return (await res.text()).trimEnd()
  },
  harUrl: (filters: TrafficQueryParams): string => `${API_PATHS.trafficHar}${queryString(filters)}`,
  ndjsonUrl: (streamId: string | undefined): string =>
    `${API_PATHS.setsNdjson}${queryString({ stream_id: streamId })}`,
  /** Replay a recorded SET (by `jti` or exchange id): exact, or with new claims (re-signed). */
  replay: async (id: string, claims?: Record<string, unknown>): Promise<ReplayResponse> =>
    parse(
      (s) => s.replayResponseSchema,
      await call('POST', API_PATHS.replay(id), claims ? { claims } : {}),
      'replay result'
    ),
  set: async (jti: string): Promise<SetDeliveryView> =>
    parse(
      (s) => s.setDeliveryViewSchema,
      await call('GET', `/api/sets/${encodeURIComponent(jti)}`),
      'SET state'
    ),
  streamDeliveries: async (): Promise<StreamDelivery[]> =>
    parse(
      (s) => s.streamDeliveriesSchema,
      await call('GET', '/api/deliveries/streams'),
      'stream deliveries'
    ),
  /** A stream's outbound SETs with their claims (`GET /api/sets/export.ndjson?stream_id=`). */
  outboundSets: async (streamId: string): Promise<OutboundSet[]> => {
    const res = await fetch(`${API_PATHS.setsNdjson}?stream_id=${encodeURIComponent(streamId)}`, {
      credentials: 'same-origin'
    })
    if (!res.ok) throw new Error(`the SETs could not be read (HTTP ${res.status})`)
    const lines = (await res.text()).split('\n').filter((l) => l.trim().length > 0)
    const { outboundSetSchema } = await loadSchemas()
    return lines.flatMap((line) => {
      try {
        const r = outboundSetSchema.safeParse(JSON.parse(line))
        return r.success ? [r.data] : []
      } catch {
        return []
      }
    })
  }
}
