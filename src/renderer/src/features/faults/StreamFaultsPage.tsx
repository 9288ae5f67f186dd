import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Title
} from '@mantine/core'
import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import type { StreamFaults } from '../../../../shared/api/inspector'
import { errorText } from '../../api/client'
import { paths } from '../../route-paths'
import { useAppStore } from '../../stores/app-store'
import { StreamFaultBadge } from './FaultBadge'
import { STREAM_FAULT_SWITCHES, streamFaultsFrom } from './fault-model'

type Switches = Partial<Record<(typeof STREAM_FAULT_SWITCHES)[number]['key'], boolean>>

function switchesOf(f: StreamFaults): Switches {
  const out: Switches = {}
  for (const s of STREAM_FAULT_SWITCHES) if (f[s.key] === true) out[s.key] = true
  return out
}

/** The fault form of one stream: what its SETs suffer on the way out. */
type Message = { ok: boolean; text: string } | undefined

function StreamFaultsForm({
  streamId,
  current,
  onMessage
}: {
  streamId: string
  current: StreamFaults
  onMessage(m: Message): void
}) {
  const setStreamFaults = useAppStore((s) => s.setStreamFaults)
  const clearStreamFaults = useAppStore((s) => s.clearStreamFaults)
  const [switches, setSwitches] = useState<Switches>(() => switchesOf(current))
  const [delay, setDelay] = useState<number | string>(current.delay_ms ?? 0)
  const [iat, setIat] = useState<number | string>(current.iat_offset_seconds ?? 0)
  const [busy, setBusy] = useState(false)
  const setMessage = onMessage
  const run = async (what: () => Promise<void>, ok: string) => {
    setBusy(true)
    try {
      await what()
      setMessage({ ok: true, text: ok })
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) })
    } finally {
      setBusy(false)
    }
  }
  const apply = () =>
    run(
      () =>
        setStreamFaults(
          streamId,
          streamFaultsFrom({ switches, delay_ms: delay, iat_offset_seconds: iat })
        ),
      'Faults applied: the next SETs of this stream suffer them.'
    )
  const clear = () =>
    run(async () => {
      await clearStreamFaults(streamId)
      setSwitches({})
      setDelay(0)
      setIat(0)
    }, 'Faults cleared: SETs go out clean again.')
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {STREAM_FAULT_SWITCHES.map((s) => (
            <Checkbox
              key={s.key}
              label={s.label}
              description={s.hint}
              checked={switches[s.key] === true}
              onChange={(e) => {
                const checked = e.currentTarget.checked
                setSwitches((prev) => ({ ...prev, [s.key]: checked }))
              }}
              data-testid={`fault-${s.key}`}
            />
          ))}
        </SimpleGrid>
        <Group grow align="flex-start">
          <NumberInput
            label="Delay before each push (ms)"
            min={0}
            max={120000}
            step={100}
            value={delay}
            onChange={setDelay}
            data-testid="fault-delay"
          />
          <NumberInput
            label="iat offset (seconds; negative = in the past)"
            min={-315360000}
            max={315360000}
            step={60}
            value={iat}
            onChange={setIat}
            data-testid="fault-iat"
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void clear()} disabled={busy}>
            Clear all faults
          </Button>
          <Button onClick={() => void apply()} loading={busy} data-testid="fault-apply">
            Apply faults
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}

const NO_FAULTS: StreamFaults = {}

/** `#/streams/:streamId/faults`: inject faults into one stream's deliveries. */
export function StreamFaultsPage() {
  const streamId = useParams().streamId ?? ''
  const stream = useAppStore((s) => s.streams.find((x) => x.config.stream_id === streamId))
  const loaded = useAppStore((s) => s.streamsLoaded)
  const current = useAppStore((s) => s.faults.streams[streamId] ?? NO_FAULTS)
  const refreshFaults = useAppStore((s) => s.refreshFaults)
  const [ready, setReady] = useState(false)
  // Kept here: the form below is rebuilt whenever the engine's faults change.
  const [message, setMessage] = useState<Message>()
  useEffect(() => {
    void refreshFaults().then(() => setReady(true))
  }, [refreshFaults])
  const name = stream?.config.description ?? streamId
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Faults of {name}</Title>
        <Text c="dimmed">
          Test how your Receiver copes: these faults apply to every SET this stream sends until you
          clear them. A badge on the stream reminds you on every screen.
        </Text>
        <Group gap="sm" mt="xs">
          <Anchor component={Link} to="/streams">
            All streams
          </Anchor>
          <Anchor component={Link} to={paths.streamTimeline(streamId)}>
            Timeline of this stream
          </Anchor>
          <StreamFaultBadge streamId={streamId} name={name} />
        </Group>
      </div>
      {loaded && !stream ? (
        <Alert color="red" variant="light" role="alert">
          No stream {streamId}.
        </Alert>
      ) : (
        ready && (
          <StreamFaultsForm
            key={JSON.stringify(current)}
            streamId={streamId}
            current={current}
            onMessage={setMessage}
          />
        )
      )}
      {message && (
        <Alert
          color={message.ok ? 'teal' : 'red'}
          variant="light"
          role={message.ok ? 'status' : 'alert'}
          data-testid="fault-message"
        >
          {message.text}
        </Alert>
      )}
    </Stack>
  )
}
