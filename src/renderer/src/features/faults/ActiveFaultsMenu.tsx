import { Group, Menu, UnstyledButton } from '@mantine/core'
import { useNavigate } from 'react-router'
import { paths } from '../../route-paths'
import { useAppStore } from '../../stores/app-store'
import { FaultsBadge } from './ActiveFaultsIndicator'
import { describeReceiverFaults, describeStreamFaults } from './fault-model'

/**
 * The header's fault badge as a menu: each stream and receiver with faults on, with a link to its
 * fault form and a one-click clear. Nothing when no fault is on. Its own chunk (the menu brings
 * the floating-UI code), loaded by {@link ActiveFaultsIndicator} once a fault is on.
 */
export function ActiveFaultsMenu() {
  const faults = useAppStore((s) => s.faults)
  const streams = useAppStore((s) => s.streams)
  const clearStream = useAppStore((s) => s.clearStreamFaults)
  const clearReceiver = useAppStore((s) => s.clearReceiverFaults)
  const navigate = useNavigate()
  const streamIds = Object.keys(faults.streams)
  const receiverIds = Object.keys(faults.receivers)
  const count = streamIds.length + receiverIds.length
  if (count === 0) return null
  const nameOf = (id: string) =>
    streams.find((s) => s.config.stream_id === id)?.config.description ?? id
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton
          aria-label={`${count} with faults on: show them`}
          data-testid="faults-indicator"
        >
          <FaultsBadge count={count} />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {streamIds.map((id) => (
          <Group key={id} gap={4} wrap="nowrap">
            <Menu.Item onClick={() => void navigate(paths.streamFaults(id))}>
              Stream {nameOf(id)}: {describeStreamFaults(faults.streams[id] ?? {}).join(', ')}
            </Menu.Item>
            <Menu.Item
              color="red"
              w="auto"
              onClick={() => void clearStream(id)}
              aria-label={`Clear the faults of stream ${nameOf(id)}`}
            >
              Clear
            </Menu.Item>
          </Group>
        ))}
        {receiverIds.map((id) => (
          <Group key={id} gap={4} wrap="nowrap">
            <Menu.Item onClick={() => void navigate(paths.receiver(id))}>
              Receiver {id}: {describeReceiverFaults(faults.receivers[id] ?? {}).join(', ')}
            </Menu.Item>
            <Menu.Item
              color="red"
              w="auto"
              onClick={() => void clearReceiver(id)}
              aria-label={`Clear the faults of receiver ${id}`}
            >
              Clear
            </Menu.Item>
          </Group>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
