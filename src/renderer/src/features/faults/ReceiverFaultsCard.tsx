import { Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { ReceiverFaults } from '../../../../shared/api/inspector'
import { errorText } from '../../api/client'
import { useAppStore } from '../../stores/app-store'
import { ReceiverFaultBadge } from './FaultBadge'

const NO_FAULTS: ReceiverFaults = {}

function ReceiverFaultsForm({
  receiverId,
  current
}: {
  receiverId: string
  current: ReceiverFaults
}) {
  const setReceiverFaults = useAppStore((s) => s.setReceiverFaults)
  const [status, setStatus] = useState<number | string>(current.status ?? '')
  const [delay, setDelay] = useState<number | string>(current.delay_ms ?? 0)
  const [error, setError] = useState<string | undefined>()
  const apply = async () => {
    setError(undefined)
    const f: ReceiverFaults = {}
    if (typeof status === 'number') f.status = status
    if (typeof delay === 'number' && delay > 0) f.delay_ms = delay
    try {
      await setReceiverFaults(receiverId, f)
    } catch (err) {
      setError(errorText(err))
    }
  }
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <NumberInput
          label="Answer pushes with status"
          placeholder="normal answer"
          min={200}
          max={599}
          value={status}
          onChange={setStatus}
          data-testid="receiver-fault-status"
        />
        <NumberInput
          label="Delay before answering (ms)"
          min={0}
          max={120000}
          step={100}
          value={delay}
          onChange={setDelay}
          data-testid="receiver-fault-delay"
        />
        <Button variant="default" onClick={() => void apply()} data-testid="receiver-fault-apply">
          Apply
        </Button>
      </Group>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  )
}

/** Faults of an embedded receiver's push endpoint: the status it answers and a delay. */
export function ReceiverFaultsCard({ receiverId, name }: { receiverId: string; name: string }) {
  const current = useAppStore((s) => s.faults.receivers[receiverId] ?? NO_FAULTS)
  return (
    <Card withBorder padding="sm" data-testid="receiver-faults">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>Faults of our push endpoint</Title>
          <ReceiverFaultBadge receiverId={receiverId} name={name} />
        </Group>
        <ReceiverFaultsForm
          key={JSON.stringify(current)}
          receiverId={receiverId}
          current={current}
        />
      </Stack>
    </Card>
  )
}
