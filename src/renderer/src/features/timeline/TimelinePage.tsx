import {
  Alert,
  Anchor,
  Badge,
  Code,
  Group,
  Stack,
  Text,
  Timeline,
  Title,
  UnstyledButton
} from '@mantine/core'
import { useEffect, useMemo } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { paths } from '../../route-paths'
import { useAppStore } from '../../stores/app-store'
import { StreamFaultBadge } from '../faults/FaultBadge'
import { buildTimeline, type TimelineItem } from './timeline-model'

const COLOR: Record<TimelineItem['kind'], string> = {
  created: 'indigo',
  subject: 'grape',
  verification: 'cyan',
  call: 'gray',
  set: 'teal'
}

const TIME_WITH_MS: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3
}

function statusColor(status: number | null): string {
  if (status === null || status >= 500) return 'red'
  if (status >= 400) return 'orange'
  return 'teal'
}

function ItemDetail({ item }: { item: TimelineItem }) {
  if (item.kind === 'call')
    return (
      <Anchor component={Link} to={paths.exchange(item.exchange.id)} size="sm">
        Open exchange #{item.exchange.id} in Traffic
      </Anchor>
    )
  if (item.kind !== 'set') return null
  return (
    <Stack gap={4} data-testid="timeline-set-detail">
      <Text size="xs" ff="monospace">
        jti {item.set.jti}
      </Text>
      {item.attempts.length === 0 ? (
        <Text size="sm" c="dimmed">
          No delivery attempt recorded yet.
        </Text>
      ) : (
        item.attempts.map((a, i) => (
          <Group key={a.id} gap="xs">
            <Text size="sm">Attempt {i + 1}</Text>
            <Badge variant="light" color={statusColor(a.status)}>
              {a.status ?? a.error ?? 'no answer'}
            </Badge>
            <Anchor component={Link} to={paths.exchange(a.id)} size="sm">
              exchange #{a.id}
            </Anchor>
          </Group>
        ))
      )}
      <Code block>{JSON.stringify(item.set.claims, null, 2)}</Code>
    </Stack>
  )
}

/** `#/streams/:streamId/timeline[/:item]`: one stream's story in time order. */
export function TimelinePage() {
  const { streamId = '', item: selected } = useParams()
  const navigate = useNavigate()
  const stream = useAppStore((s) => s.streams.find((x) => x.config.stream_id === streamId))
  const data = useAppStore((s) => s.timelines[streamId])
  const refreshTimeline = useAppStore((s) => s.refreshTimeline)
  useEffect(() => {
    void refreshTimeline(streamId)
  }, [streamId, refreshTimeline])
  const items = useMemo(
    () => buildTimeline(stream, data?.traffic ?? [], data?.sets ?? []),
    [stream, data]
  )
  const name = stream?.config.description ?? streamId
  const base = paths.streamTimeline(streamId)
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Timeline of {name}</Title>
        <Text c="dimmed">
          What happened to this stream, in order: management calls, status changes, subjects,
          verification, and every SET with its delivery attempts. Select a step for its detail.
        </Text>
        <Group gap="sm" mt="xs">
          <Anchor component={Link} to="/streams">
            All streams
          </Anchor>
          <Anchor component={Link} to={paths.streamFaults(streamId)}>
            Faults of this stream
          </Anchor>
          <Anchor component={Link} to={paths.traffic(`?stream_id=${encodeURIComponent(streamId)}`)}>
            Its traffic
          </Anchor>
          <StreamFaultBadge streamId={streamId} name={name} />
        </Group>
      </div>
      {data?.error && (
        <Alert color="red" variant="light" role="alert">
          {data.error}
        </Alert>
      )}
      {data && items.length === 0 && (
        <Text c="dimmed" data-testid="timeline-empty">
          Nothing recorded for this stream yet.
        </Text>
      )}
      <Timeline bulletSize={14} lineWidth={2} data-testid="timeline">
        {items.map((item) => {
          const open = selected === item.key
          return (
            <Timeline.Item
              key={item.key}
              color={COLOR[item.kind]}
              data-testid="timeline-item"
              data-kind={item.kind}
              title={
                <UnstyledButton
                  onClick={() => void navigate(open ? base : `${base}/${item.key}`)}
                  aria-expanded={open}
                  data-testid="timeline-item-title"
                >
                  <Text fw={500} size="sm">
                    {item.title}
                  </Text>
                </UnstyledButton>
              }
            >
              <Text size="xs" c="dimmed">
                {new Date(item.at).toLocaleTimeString(undefined, TIME_WITH_MS)}
              </Text>
              {open && <ItemDetail item={item} />}
            </Timeline.Item>
          )
        })}
      </Timeline>
    </Stack>
  )
}
