import { Alert, Badge, Button, CloseButton, Group, Stack, Text, Title } from '@mantine/core'
import { useCallback, useEffect, useMemo } from 'react'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import {
  filterFromQuery,
  filterToQuery,
  type TrafficFilter,
  type TrafficFilterKey
} from '../../../../shared/traffic/filter'
import { trafficApi } from '../../api/traffic-client'
import { paths } from '../../route-paths'
import { useAppStore } from '../../stores/app-store'
import { ExchangeDetail } from './ExchangeDetail'
import { TrafficFilters } from './TrafficFilters'
import { TrafficList } from './TrafficList'

/**
 * Every exchange, live (#/traffic, #/traffic/:exchangeId): the filters are the URL's query, the
 * selected exchange its path, so a reload or a pasted link opens the same view.
 */
export function TrafficPage() {
  const [query] = useSearchParams()
  const navigate = useNavigate()
  const selected = Number(useParams().exchangeId) || undefined
  const search = query.toString()
  const filter = useMemo(() => filterFromQuery(new URLSearchParams(search)), [search])
  const rows = useAppStore((s) => s.traffic)
  const loaded = useAppStore((s) => s.trafficLoaded)
  const error = useAppStore((s) => s.trafficError)
  const paused = useAppStore((s) => s.trafficPaused)
  const held = useAppStore((s) => s.trafficHeld.length)
  const setPaused = useAppStore((s) => s.setTrafficPaused)
  const loadOlder = useAppStore((s) => s.loadOlderTraffic)

  useEffect(() => {
    void useAppStore.getState().loadTraffic(filter)
  }, [filter])

  const qs = filterToQuery(filter)
  const nearEnd = useCallback(() => void loadOlder(), [loadOlder])
  const open = useCallback((id: number) => void navigate(paths.exchange(id, qs)), [navigate, qs])
  const setFilter = useCallback(
    (key: TrafficFilterKey, value: string | undefined) => {
      const next: TrafficFilter = { ...filter, [key]: value }
      if (value === undefined) delete next[key]
      void navigate(
        selected
          ? paths.exchange(selected, filterToQuery(next))
          : paths.traffic(filterToQuery(next)),
        { replace: key === 'text' }
      )
    },
    [filter, navigate, selected]
  )

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Traffic</Title>
          <Text>Every push, poll and API call, newest first, as it happens.</Text>
        </div>
        <Group gap="xs">
          <Button
            size="xs"
            variant={paused ? 'filled' : 'default'}
            onClick={() => setPaused(!paused)}
            aria-pressed={paused}
            data-testid="traffic-pause"
          >
            {paused ? 'Resume live' : 'Pause live'}
          </Button>
          <Button
            size="xs"
            variant="default"
            component="a"
            href={trafficApi.harUrl(filter)}
            download="ssf-sim-traffic.har"
            data-testid="traffic-har"
          >
            Download HAR
          </Button>
          <Button
            size="xs"
            variant="default"
            component="a"
            href={trafficApi.ndjsonUrl(filter.stream_id)}
            download="ssf-sim-sets.ndjson"
            data-testid="traffic-ndjson"
          >
            Download SETs (NDJSON)
          </Button>
        </Group>
      </Group>
      <TrafficFilters
        filter={filter}
        onChange={setFilter}
        onClear={() => void navigate(selected ? paths.exchange(selected) : paths.traffic())}
      />
      {filter.jti && (
        <Group gap={4}>
          <Badge variant="light" size="lg" data-testid="traffic-filter-jti">
            jti {filter.jti}
          </Badge>
          <CloseButton
            size="sm"
            aria-label="Show every SET"
            onClick={() => setFilter('jti', undefined)}
          />
        </Group>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {(paused || held > 0) && (
        <Button
          variant="light"
          size="xs"
          onClick={() => setPaused(false)}
          data-testid="traffic-new"
          aria-live="polite"
        >
          {held} new {held === 1 ? 'exchange' : 'exchanges'} — show and follow live
        </Button>
      )}
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: selected ? 'minmax(0, 1fr) minmax(360px, 44%)' : 'minmax(0, 1fr)',
          gap: 12,
          alignItems: 'start'
        }}
      >
        {loaded || rows.length > 0 ? (
          <TrafficList rows={rows} selectedId={selected} onOpen={open} onNearEnd={nearEnd} />
        ) : (
          <Text>Loading…</Text>
        )}
        {selected && (
          <ExchangeDetail id={selected} onClose={() => void navigate(paths.traffic(qs))} />
        )}
      </div>
    </Stack>
  )
}
