import { Anchor, Badge, Group, Text } from '@mantine/core'
import { useEffect } from 'react'
import { Link } from 'react-router'
import { filterToQuery } from '../../../../shared/traffic/filter'
import { paths } from '../../route-paths'
import { useAppStore } from '../../stores/app-store'
import { useNow } from './use-now'
import { deliveryWords } from './delivery-words'

/** Follow a SET's delivery live (from the moment it is shown). */
export function useTrackedSet(jti: string, streamId: string, state = 'queued') {
  const tracked = useAppStore((s) => s.trackedSets[jti])
  useEffect(() => {
    if (!useAppStore.getState().trackedSets[jti])
      useAppStore.getState().trackSets([{ jti, stream_id: streamId, state }])
  }, [jti, streamId, state])
  return tracked
}

/**
 * A SET's delivery state, live: badge, what the receiver answered (or why not), and a link to
 * the exchange that carried it (the newest), else to every exchange of the SET.
 */
export function DeliveryState({
  jti,
  streamId,
  state
}: {
  jti: string
  streamId: string
  state: string
}) {
  const tracked = useTrackedSet(jti, streamId, state)
  const now = useNow(1000)
  const words = deliveryWords(tracked?.live ?? state, tracked?.view, now)
  const newest = tracked?.view?.exchanges[0]
  return (
    <Group gap="xs" wrap="nowrap" data-testid="delivery-state" data-state={words.label}>
      <Badge color={words.color} variant="light" style={{ minWidth: 'max-content' }}>
        {words.label}
      </Badge>
      <Text size="sm" data-testid="delivery-detail">
        {words.detail}
      </Text>
      <Anchor
        component={Link}
        to={newest ? paths.exchange(newest.id) : paths.traffic(filterToQuery({ jti }))}
        size="sm"
        style={{ whiteSpace: 'nowrap' }}
        data-testid="delivery-traffic-link"
        aria-label={`Traffic of SET ${jti}`}
      >
        {newest ? 'See the exchange' : 'Traffic'}
      </Anchor>
    </Group>
  )
}
