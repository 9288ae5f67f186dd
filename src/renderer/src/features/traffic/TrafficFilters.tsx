import { Button, Group, NativeSelect, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { TRAFFIC_KINDS } from '../../../../shared/traffic'
import type { TrafficFilter, TrafficFilterKey } from '../../../../shared/traffic/filter'
import { useAppStore } from '../../stores/app-store'
import { shortType } from './format'

const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const

/** The filters of the traffic screen; each change becomes the URL's query. */
export function TrafficFilters({
  filter,
  onChange,
  onClear
}: {
  filter: TrafficFilter
  onChange(key: TrafficFilterKey, value: string | undefined): void
  onClear(): void
}) {
  const streams = useAppStore((s) => s.streams)
  const eventTypes = useAppStore((s) => s.eventTypes)
  const [text, setText] = useState(filter.text ?? '')
  // A new URL (back, a link) brings its own text: take it (React's "adjust state on prop change").
  const [urlText, setUrlText] = useState(filter.text)
  if (urlText !== filter.text) {
    setUrlText(filter.text)
    setText(filter.text ?? '')
  }
  // Free text reaches the URL (and the engine) once typing pauses.
  useEffect(() => {
    const value = text.trim() || undefined
    if (value === filter.text) return
    const t = setTimeout(() => onChange('text', value), 300)
    return () => clearTimeout(t)
  }, [text, filter.text, onChange])

  // The browser's own select: type-ahead, keyboard and screen readers come with it, and five of
  // them cost the screen's first render little (Mantine's searchable Select, a combobox with a
  // floating dropdown each, made the first rows wait about twice as long; docs/performance.md).
  const select = (
    key: TrafficFilterKey,
    label: string,
    data: { value: string; label: string }[]
  ) => (
    <NativeSelect
      label={label}
      data={[{ value: '', label: 'any' }, ...data]}
      value={filter[key] ?? ''}
      onChange={(e) => onChange(key, e.currentTarget.value || undefined)}
      size="xs"
      w={key === 'event_type' || key === 'stream_id' ? 200 : 130}
      data-testid={`traffic-filter-${key}`}
    />
  )
  const withCurrent = (values: string[], current: string | undefined) =>
    current && !values.includes(current) ? [current, ...values] : values

  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Traffic filters">
      {select(
        'stream_id',
        'Stream',
        withCurrent(
          streams.map((s) => s.config.stream_id),
          filter.stream_id
        ).map((id) => ({ value: id, label: id }))
      )}
      {select('direction', 'Direction', [
        { value: 'inbound', label: 'inbound' },
        { value: 'outbound', label: 'outbound' }
      ])}
      {select(
        'kind',
        'Kind',
        TRAFFIC_KINDS.map((k) => ({ value: k, label: k }))
      )}
      {select(
        'status',
        'Status',
        withCurrent([...STATUS_CLASSES], filter.status).map((c) => ({ value: c, label: c }))
      )}
      {select(
        'event_type',
        'Event type',
        withCurrent(
          eventTypes.map((t) => t.uri),
          filter.event_type
        ).map((uri) => ({ value: uri, label: shortType(uri) }))
      )}
      <TextInput
        label="Text"
        placeholder="URL, body or jti"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        size="xs"
        w={200}
        data-testid="traffic-filter-text"
      />
      <Button
        size="xs"
        variant="default"
        onClick={onClear}
        disabled={Object.keys(filter).length === 0}
        data-testid="traffic-clear"
      >
        Clear filters
      </Button>
    </Group>
  )
}
