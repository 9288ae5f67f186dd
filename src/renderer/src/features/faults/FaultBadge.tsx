import { Badge, CloseButton, Group, Tooltip } from '@mantine/core'
import { useState } from 'react'
import { errorText } from '../../api/client'
import { useAppStore } from '../../stores/app-store'
import { describeReceiverFaults, describeStreamFaults } from './fault-model'

/** An orange badge naming active faults, with a one-click clear. Nothing when there are none. */
function ActiveFaults({
  what,
  labels,
  clear,
  testId
}: {
  what: string
  labels: string[]
  clear(): Promise<void>
  testId: string
}) {
  const [error, setError] = useState<string | undefined>()
  if (labels.length === 0) return null
  const text = labels.join(', ')
  return (
    <Group gap={2} wrap="nowrap" data-testid={testId}>
      <Tooltip label={error ?? `Faults are injected on ${what}: ${text}`}>
        <Badge color={error ? 'red' : 'orange'} variant="light" maw={260}>
          ⚠ {text}
        </Badge>
      </Tooltip>
      <CloseButton
        size="sm"
        aria-label={`Clear the faults of ${what}`}
        data-testid={`${testId}-clear`}
        onClick={() => void clear().catch((err: unknown) => setError(errorText(err)))}
      />
    </Group>
  )
}

/** The active faults of a stream, on every screen that shows it. */
export function StreamFaultBadge({ streamId, name }: { streamId: string; name?: string }) {
  const faults = useAppStore((s) => s.faults.streams[streamId])
  const clear = useAppStore((s) => s.clearStreamFaults)
  return (
    <ActiveFaults
      what={`stream ${name ?? streamId}`}
      labels={faults ? describeStreamFaults(faults) : []}
      clear={() => clear(streamId)}
      testId="stream-fault-badge"
    />
  )
}

/** The active faults of an embedded receiver's push endpoint. */
export function ReceiverFaultBadge({ receiverId, name }: { receiverId: string; name?: string }) {
  const faults = useAppStore((s) => s.faults.receivers[receiverId])
  const clear = useAppStore((s) => s.clearReceiverFaults)
  return (
    <ActiveFaults
      what={`receiver ${name ?? receiverId}`}
      labels={faults ? describeReceiverFaults(faults) : []}
      clear={() => clear(receiverId)}
      testId="receiver-fault-badge"
    />
  )
}
