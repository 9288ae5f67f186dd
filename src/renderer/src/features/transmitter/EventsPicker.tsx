import { Badge, Button, Checkbox, Group, ScrollArea, Stack, Text, TextInput } from '@mantine/core'
import { useMemo, useState } from 'react'
import { useAppStore } from '../../stores/app-store'
import { eventTypeName, eventTypeProfile } from '../../stores/catalog-slice'

interface Props {
  value: string[]
  onChange(value: string[]): void
  error?: string | undefined
}

/** Pick event types to request, grouped by profile, with search and select-all. */
export function EventsPicker({ value, onChange, error }: Props) {
  const eventTypes = useAppStore((s) => s.eventTypes)
  const [query, setQuery] = useState('')
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase()
    const map = new Map<string, { uri: string; title: string; deprecated: boolean }[]>()
    for (const t of eventTypes) {
      if (q && !`${t.uri} ${t.title} ${t.name}`.toLowerCase().includes(q)) continue
      const profile = t.profile || eventTypeProfile(t.uri)
      const list = map.get(profile) ?? []
      list.push({ uri: t.uri, title: t.title || eventTypeName(t.uri), deprecated: t.deprecated })
      map.set(profile, list)
    }
    return [...map.entries()]
  }, [eventTypes, query])
  const all = eventTypes.map((t) => t.uri)
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label="Search event types"
          placeholder="session, credential, ..."
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button variant="default" size="sm" onClick={() => onChange(all)}>
          Select all
        </Button>
        <Button variant="default" size="sm" onClick={() => onChange([])}>
          Clear
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {value.length} of {all.length} selected
      </Text>
      <ScrollArea.Autosize mah={300} type="auto">
        <Checkbox.Group value={value} onChange={onChange} aria-label="Event types requested">
          <Stack gap="md">
            {groups.map(([profile, items]) => (
              <Stack key={profile} gap={6}>
                <Text fw={600} size="sm">
                  {profile}
                </Text>
                {items.map((item) => (
                  <Checkbox
                    key={item.uri}
                    value={item.uri}
                    label={
                      <Group gap={6}>
                        <span>{item.title}</span>
                        {item.deprecated && (
                          <Badge size="xs" color="gray" variant="outline">
                            deprecated
                          </Badge>
                        )}
                      </Group>
                    }
                    description={item.uri}
                    data-testid={`event-option-${eventTypeName(item.uri)}`}
                  />
                ))}
              </Stack>
            ))}
          </Stack>
        </Checkbox.Group>
      </ScrollArea.Autosize>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  )
}
