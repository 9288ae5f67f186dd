/**
 * The report pages: `#/streams/:streamId/check` ("Check my Receiver") and
 * `#/receivers/:receiverId/check` ("Check my Transmitter"). Bounds are user-settable; a step that
 * waits for the app shows what to do and a countdown.
 * @module
 */
import { Alert, Anchor, Button, Group, NumberInput, Stack, Text, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import type { ConformanceReport } from '../../../../shared/api/conformance'
import { errorText } from '../../api/client'
import { paths } from '../../route-paths'
import { useAppStore } from '../../stores/app-store'
import { conformanceApi, type ReportKind } from './conformance-client'
import { ReportTable } from './ReportTable'

/** "Waiting for your app: …, 12 s left" while the running check waits for `id`. */
function Countdown({ id }: { id: string }) {
  const waiting = useAppStore((s) => s.checkWaiting)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  if (!waiting || waiting.id !== id) return null
  const left = Math.max(0, Math.ceil((waiting.deadline - now) / 1000))
  return (
    <Alert color="blue" title="Waiting for your app" data-testid="check-countdown">
      <Text size="sm">{waiting.action}</Text>
      <Text size="sm" fw={600} aria-live="polite">
        {waiting.check_id}: {left} s left
      </Text>
    </Alert>
  )
}

function CheckPage({
  kind,
  id,
  title,
  back,
  fields,
  run
}: {
  kind: ReportKind
  id: string
  title: string
  back: { to: string; label: string }
  fields: { label: string; value: number; set(v: number): void; min: number; max: number }[]
  run(): Promise<ConformanceReport>
}) {
  const [report, setReport] = useState<ConformanceReport | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const start = () => {
    setBusy(true)
    setError(undefined)
    run()
      .then(setReport, (err: unknown) => setError(errorText(err)))
      .finally(() => setBusy(false))
  }
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{title}</Title>
        <Anchor component={Link} to={back.to}>
          {back.label}
        </Anchor>
      </Group>
      <Group align="end">
        {fields.map((f) => (
          <NumberInput
            key={f.label}
            label={f.label}
            value={f.value}
            min={f.min}
            max={f.max}
            onChange={(v) => typeof v === 'number' && f.set(v)}
            w={200}
          />
        ))}
        <Button onClick={start} loading={busy} data-testid="check-run">
          Run the check
        </Button>
      </Group>
      {busy && <Countdown id={id} />}
      {error && (
        <Alert color="red" data-testid="check-error">
          {error}
        </Alert>
      )}
      {report && (
        <ReportTable
          report={report}
          kind={kind}
          ownerId={id}
          name={`ssf-sim-${kind === 'receiver' ? 'check-receiver' : 'check-transmitter'}`}
        />
      )}
    </Stack>
  )
}

/** "Check my Receiver" for the app behind a stream. */
export function StreamCheckPage() {
  const id = useParams().streamId ?? ''
  const [wait, setWait] = useState(30)
  const [bound, setBound] = useState(2000)
  return (
    <CheckPage
      kind="receiver"
      id={id}
      title={`Check my Receiver — stream ${id}`}
      back={{ to: paths.stream(id), label: 'Back to the stream' }}
      fields={[
        { label: 'Wait for the app (s)', value: wait, set: setWait, min: 0, max: 600 },
        { label: 'Answer bound (ms)', value: bound, set: setBound, min: 1, max: 60_000 }
      ]}
      run={() => conformanceApi.checkReceiver(id, { wait_seconds: wait, answer_bound_ms: bound })}
    />
  )
}

/** "Check my Transmitter" through a registered receiver. */
export function ReceiverCheckPage() {
  const id = useParams().receiverId ?? ''
  const [wait, setWait] = useState(5)
  const [events, setEvents] = useState(0)
  return (
    <CheckPage
      kind="transmitter"
      id={id}
      title="Check my Transmitter"
      back={{ to: paths.receiver(id), label: 'Back to the receiver' }}
      fields={[
        { label: 'Verification wait (s)', value: wait, set: setWait, min: 0, max: 120 },
        { label: 'Wait for events (s)', value: events, set: setEvents, min: 0, max: 600 }
      ]}
      run={() =>
        conformanceApi.checkTransmitter(id, {
          verification_wait_seconds: wait,
          event_wait_seconds: events
        })
      }
    />
  )
}
