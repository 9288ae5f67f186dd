import { Anchor, Badge, Group, Text } from '@mantine/core'
import { Link } from 'react-router'
import { filterToQuery } from '../../../../shared/traffic/filter'
import { paths } from '../../route-paths'
import { useAppStore } from '../../stores/app-store'
import { deliveryWords } from './delivery-words'

/** A stream's queue depth and the result of its newest SET, linked to its traffic. */
export function StreamDeliveryCell({ streamId }: { streamId: string }) {
  const row = useAppStore((s) => s.streamDeliveries[streamId])
  if (!row) return <Text size="sm">—</Text>
  const last = row.last
  const words = last ? deliveryWords(last.state, undefined, 0) : undefined
  return (
    <div data-testid="stream-delivery">
      <Text size="sm" data-testid="stream-queue-depth">
        {row.waiting} waiting{row.held > 0 ? `, ${row.held} held` : ''}
      </Text>
      {last && words && (
        <Group gap={4}>
          <Badge
            size="sm"
            variant="light"
            color={words.color}
            // Never cut to "QUEU…": the badge sets the column's width.
            styles={{ root: { flex: 'none', overflow: 'visible' }, label: { overflow: 'visible' } }}
            data-testid="stream-last-result"
          >
            {words.label}
            {last.response_status ? ` ${last.response_status}` : ''}
          </Badge>
          <Anchor
            component={Link}
            to={paths.traffic(filterToQuery({ jti: last.jti }))}
            size="xs"
            aria-label={`Traffic of the last SET of ${streamId}`}
          >
            traffic
          </Anchor>
        </Group>
      )}
    </div>
  )
}
