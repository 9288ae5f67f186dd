import {
  Anchor,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Drawer,
  Group,
  NumberInput,
  PasswordInput,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden
} from '@mantine/core'
import { useCallback, useEffect, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import type { ConformanceReport } from '../../../../shared/api/conformance'
import type { InboxEntryView } from '../../../../shared/api/contract'
import { API_PATHS } from '../../../../shared/api/paths'
import { errorText } from '../../api/client'
import { receiversApi, type ReceiverSummary } from '../../api/receivers-client'
import { paths } from '../../route-paths'
import { ReportTable } from '../conformance/ReportTable'
import { FindingsTable } from '../events/Findings'
import { JsonEditor } from '../events/JsonEditor'

function eventTypeOf(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return '—'
  const events: unknown = Reflect.get(payload, 'events')
  if (typeof events !== 'object' || events === null) return '—'
  const uri = Object.keys(events)[0]
  return uri ? (uri.split('/').pop() ?? uri) : '—'
}

function RegisterForm({ onCreated }: { onCreated(r: ReceiverSummary): void }) {
  const [issuer, setIssuer] = useState('')
  const [audience, setAudience] = useState('')
  const [token, setToken] = useState('')
  const [allowHttp, setAllowHttp] = useState(true)
  const [requireAuth, setRequireAuth] = useState(true)
  const [pollInterval, setPollInterval] = useState<number | string>(0)
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    setError(undefined)
    if (!issuer.trim()) return setError('The issuer of your Transmitter is required.')
    setBusy(true)
    try {
      const r = await receiversApi.create({
        issuer: issuer.trim(),
        ...(audience.trim() ? { audience: audience.trim() } : {}),
        ...(token.trim() ? { transmitter_token: token.trim() } : {}),
        allow_http: allowHttp,
        require_authorization: requireAuth,
        ...(typeof pollInterval === 'number' ? { poll_interval_seconds: pollInterval } : {})
      })
      setIssuer('')
      setToken('')
      onCreated(r)
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={3}>Register your Transmitter</Title>
        <Text size="sm" c="dimmed">
          The simulator reads its metadata at /.well-known/ssf-configuration and acts as a Receiver:
          it creates a stream there, takes pushes and polls, and checks every SET.
        </Text>
        <Group grow align="flex-start">
          <TextInput
            label="Issuer"
            required
            placeholder="https://transmitter.example"
            value={issuer}
            onChange={(e) => setIssuer(e.currentTarget.value)}
            error={error}
            data-testid="receiver-issuer"
          />
          <TextInput
            label="Audience (optional)"
            placeholder="defaults to our Receiver's own URL"
            value={audience}
            onChange={(e) => setAudience(e.currentTarget.value)}
            data-testid="receiver-audience"
          />
        </Group>
        <Group grow align="flex-start">
          <PasswordInput
            label="Bearer token for its management API"
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the token' }}
            placeholder="sent as Authorization: Bearer …"
            value={token}
            onChange={(e) => setToken(e.currentTarget.value)}
            data-testid="receiver-token"
          />
          <NumberInput
            label="Poll every (seconds, 0 = only when asked)"
            min={0}
            value={pollInterval}
            onChange={setPollInterval}
          />
        </Group>
        <Group>
          <Switch
            label="Allow http:// (local Transmitters)"
            checked={allowHttp}
            onChange={(e) => setAllowHttp(e.currentTarget.checked)}
          />
          <Switch
            label="Require Authorization on pushes"
            checked={requireAuth}
            onChange={(e) => setRequireAuth(e.currentTarget.checked)}
          />
        </Group>
        <Group justify="flex-end">
          <Button onClick={() => void submit()} loading={busy} data-testid="receiver-register">
            Register Transmitter
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}

function InboxTable({
  entries,
  onOpen
}: {
  entries: InboxEntryView[]
  onOpen(e: InboxEntryView): void
}) {
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed" p="sm" data-testid="inbox-empty">
        Nothing received yet. Create a stream, then fire an event on your Transmitter (or poll).
      </Text>
    )
  return (
    <Table highlightOnHover data-testid="inbox-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Verdict</Table.Th>
          <Table.Th>Event type</Table.Th>
          <Table.Th>jti</Table.Th>
          <Table.Th>Via</Table.Th>
          <Table.Th>Received</Table.Th>
          <Table.Th>
            <VisuallyHidden>Details</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((e) => (
          <Table.Tr key={e.id} data-testid="inbox-row">
            <Table.Td>
              <Badge color={e.verdict === 'accepted' ? 'teal' : 'red'} variant="light">
                {e.verdict}
              </Badge>
            </Table.Td>
            <Table.Td>{eventTypeOf(e.payload)}</Table.Td>
            <Table.Td ff="monospace" fz="xs">
              {e.jti ?? '—'}
            </Table.Td>
            <Table.Td>{e.via}</Table.Td>
            <Table.Td>{new Date(e.received_at).toLocaleTimeString()}</Table.Td>
            <Table.Td>
              <Button
                size="compact-xs"
                variant="default"
                onClick={() => onOpen(e)}
                aria-label={`Details of SET ${e.jti ?? e.id}`}
              >
                Details
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function ReceiverDetail({ receiver, onChanged }: { receiver: ReceiverSummary; onChanged(): void }) {
  const [inbox, setInbox] = useState<InboxEntryView[]>([])
  const [report, setReport] = useState<ConformanceReport | undefined>()
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>()
  const [busy, setBusy] = useState<string | undefined>()
  const id = receiver.receiver_id
  // The open inbox entry is the URL's (#/receivers/:receiverId/inbox/:entryId).
  const { entryId } = useParams()
  const navigate = useNavigate()
  const open = inbox.find((e) => String(e.id) === entryId)
  const setOpen = (e: InboxEntryView | undefined) =>
    void navigate(e ? paths.inboxEntry(id, e.id) : paths.receiver(id))

  const refreshInbox = useCallback(() => {
    receiversApi
      .inbox(id)
      .then(setInbox)
      .catch((err: unknown) => setMessage({ ok: false, text: errorText(err) }))
  }, [id])

  useEffect(() => {
    refreshInbox()
    if (typeof EventSource === 'undefined') return
    const source = new EventSource(API_PATHS.live)
    source.addEventListener('receiver.set', refreshInbox)
    return () => source.close()
  }, [refreshInbox])

  const act = async (name: string, run: () => Promise<string>) => {
    setBusy(name)
    setMessage(undefined)
    try {
      setMessage({ ok: true, text: await run() })
      onChanged()
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) })
    } finally {
      setBusy(undefined)
    }
  }
  const stream = (delivery: 'push' | 'poll') =>
    act(`stream-${delivery}`, async () => {
      const r = await receiversApi.createStream(id, delivery)
      if (!r.ok)
        throw new Error(
          `Your Transmitter refused the stream${r.status ? ` (HTTP ${r.status})` : ''}: ${r.error?.description ?? 'no reason given'}`
        )
      return `Created a ${delivery} stream on your Transmitter.`
    })
  const poll = () =>
    act('poll', async () => {
      const r = await receiversApi.poll(id)
      if (!r.ok) throw new Error(`Poll failed: ${r.error?.description ?? 'no reason given'}`)
      refreshInbox()
      return `Polled: ${r.received} SET${r.received === 1 ? '' : 's'} received, ${r.acked.length} acknowledged.`
    })
  const check = () =>
    act('check', async () => {
      const r = await receiversApi.check(id)
      setReport(r)
      const count = (status: string) => r.checks.filter((c) => c.status === status).length
      const warned = count('warn')
      return `Checked ${r.checks.length} rules: ${count('fail')} failed, ${warned} warning${warned === 1 ? '' : 's'}, ${count('skip')} skipped.`
    })

  return (
    <Card withBorder padding="lg" data-testid="receiver-detail">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Title order={3}>{receiver.issuer}</Title>
            <Text size="xs" c="dimmed">
              Push endpoint <Code>{receiver.push_endpoint}</Code>
            </Text>
            <Text size="xs" c="dimmed">
              Stream:{' '}
              {receiver.stream
                ? `${receiver.stream.method.endsWith('8935') ? 'push' : 'poll'} · ${receiver.stream.stream_id}`
                : 'none yet'}
            </Text>
          </div>
          <Badge variant="outline">{receiver.spec_generation}</Badge>
        </Group>
        <Group gap="xs">
          <Button
            size="xs"
            onClick={() => void stream('push')}
            loading={busy === 'stream-push'}
            data-testid="receiver-create-push"
          >
            Create push stream
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => void stream('poll')}
            loading={busy === 'stream-poll'}
          >
            Create poll stream
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => void poll()}
            loading={busy === 'poll'}
            disabled={!receiver.stream?.poll_endpoint}
          >
            Poll now
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => void check()}
            loading={busy === 'check'}
            data-testid="receiver-check"
          >
            Check my Transmitter
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() =>
              void act('delete', async () => {
                await receiversApi.remove(id)
                return 'Removed.'
              })
            }
          >
            Remove
          </Button>
        </Group>
        {message && (
          <Alert
            color={message.ok ? 'teal' : 'red'}
            variant="light"
            role={message.ok ? 'status' : 'alert'}
            data-testid="receiver-message"
          >
            {message.text}
          </Alert>
        )}
        <Tabs defaultValue="inbox" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="inbox">Inbox ({inbox.length})</Tabs.Tab>
            <Tabs.Tab value="check" data-testid="tab-check">
              Check report
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="inbox" pt="sm">
            <InboxTable entries={inbox} onOpen={setOpen} />
          </Tabs.Panel>
          <Tabs.Panel value="check" pt="sm">
            {report ? (
              <Stack gap="xs">
                <Anchor component={Link} to={paths.receiverCheck(id)} size="sm">
                  Open the report page (bounds, waiting for events)
                </Anchor>
                <ReportTable
                  report={report}
                  kind="transmitter"
                  ownerId={id}
                  name="ssf-sim-check-transmitter"
                />
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                Run “Check my Transmitter” to test its metadata, stream management and delivery
                against SSF 1.0.
              </Text>
            )}
          </Tabs.Panel>
        </Tabs>
      </Stack>
      <Drawer
        opened={open !== undefined}
        onClose={() => setOpen(undefined)}
        position="right"
        size="xl"
        title={`SET ${open?.jti ?? ''}`}
        closeButtonProps={{ 'aria-label': 'Close SET details' }}
      >
        {open && (
          <Stack gap="sm" data-testid="inbox-detail">
            <Group>
              <Badge color={open.verdict === 'accepted' ? 'teal' : 'red'}>{open.verdict}</Badge>
              {open.err && (
                <Text size="sm">
                  {open.err}: {open.description}
                </Text>
              )}
            </Group>
            <JsonEditor
              label="Decoded header and payload (read-only)"
              value={JSON.stringify({ header: open.header, payload: open.payload }, null, 2)}
              onChange={() => undefined}
              readOnly
              height="320px"
            />
            <Text fw={600}>Findings</Text>
            <FindingsTable
              findings={open.findings.map((f) => ({
                ...f,
                severity: f.severity === 'error' ? 'error' : 'warning'
              }))}
              testId="inbox-findings"
              empty="No findings: the SET passed every check."
            />
            <Textarea
              label="Raw token"
              readOnly
              value={open.raw}
              autosize
              minRows={3}
              maxRows={8}
              styles={{
                input: {
                  fontFamily: 'var(--mantine-font-family-monospace)',
                  wordBreak: 'break-all'
                }
              }}
            />
          </Stack>
        )}
      </Drawer>
    </Card>
  )
}

/** The Receiver: register an external Transmitter, manage its stream, see what arrives. */
export function ReceiversPage() {
  const [receivers, setReceivers] = useState<ReceiverSummary[]>([])
  // The selected receiver is the URL's (#/receivers/:receiverId).
  const selected = useParams().receiverId
  const navigate = useNavigate()
  const setSelected = (id: string) => void navigate(paths.receiver(id))
  const [error, setError] = useState<string | undefined>()
  const refresh = useCallback(() => {
    receiversApi
      .list()
      .then((list) => {
        setReceivers(list)
        setError(undefined)
      })
      .catch((err: unknown) => setError(errorText(err)))
  }, [])
  useEffect(() => {
    refresh()
  }, [refresh])
  const current = receivers.find((r) => r.receiver_id === selected) ?? receivers[0]
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Receiver</Title>
        <Text c="dimmed">
          Test your own Transmitter: the simulator receives its SETs and checks them against the
          specs.
        </Text>
      </div>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <RegisterForm
        onCreated={(r) => {
          setSelected(r.receiver_id)
          refresh()
        }}
      />
      {receivers.length > 0 && (
        <Card withBorder padding="sm">
          <Table data-testid="receivers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Transmitter</Table.Th>
                <Table.Th>Spec</Table.Th>
                <Table.Th>Stream</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Open</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {receivers.map((r) => (
                <Table.Tr key={r.receiver_id} data-testid="receiver-row">
                  <Table.Td>{r.issuer}</Table.Td>
                  <Table.Td>{r.spec_generation}</Table.Td>
                  <Table.Td>{r.stream ? r.stream.stream_id : 'none'}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant={current?.receiver_id === r.receiver_id ? 'filled' : 'default'}
                      onClick={() => setSelected(r.receiver_id)}
                      aria-label={`Open ${r.issuer}`}
                    >
                      Open
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {current && (
        <ReceiverDetail key={current.receiver_id} receiver={current} onChanged={refresh} />
      )}
    </Stack>
  )
}
