import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  CloseButton,
  Group,
  Loader,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  Title
} from '@mantine/core'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import type { TrafficDetail, TrafficSet } from '../../../../shared/api/contract'
import { filterToQuery } from '../../../../shared/traffic/filter'
import { errorText } from '../../api/client'
import { trafficApi } from '../../api/traffic-client'
import { CopyButton } from '../../components/CopyButton'
import { copyText } from '../../components/copy'
import { paths } from '../../route-paths'
import { DeliveryHistory } from '../deliveries/DeliveryHistory'
import { FindingsTable } from '../events/Findings'
import { ReplayActions, exchangeEditSource } from './ReplayActions'
import { clockTime, pathOf, statusColor } from './format'

/** The exchange's SET to edit from, when one decodes. */
function editSourceOf(detail: TrafficDetail) {
  const source = exchangeEditSource(detail)
  return source ? () => Promise.resolve(source) : undefined
}

function pretty(body: string | null): string {
  if (body === null || body === '') return '(empty)'
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

function Headers({ headers, label }: { headers: Record<string, string>; label: string }) {
  const entries = Object.entries(headers)
  if (entries.length === 0) return <Text size="sm">No headers.</Text>
  return (
    <Table fz="xs" verticalSpacing={2} aria-label={label}>
      <Table.Tbody>
        {entries.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={180} ff="monospace">
              {k}
            </Table.Th>
            <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
              {v}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function Message({
  headers,
  body,
  what,
  testId
}: {
  headers: Record<string, string>
  body: string | null
  what: string
  testId: string
}) {
  return (
    <Stack gap="xs" data-testid={testId}>
      <Headers headers={headers} label={`${what} headers`} />
      <Code
        block
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
        aria-label={`${what} body`}
      >
        {pretty(body)}
      </Code>
    </Stack>
  )
}

function DecodedSet({ set }: { set: TrafficSet }) {
  if ('error' in set)
    return (
      <Alert color="red" variant="light" title="Not a readable SET">
        {set.error}
      </Alert>
    )
  return (
    <Stack gap="xs" data-testid="exchange-set">
      <Text fw={600}>Header</Text>
      <Code block>{JSON.stringify(set.header, null, 2)}</Code>
      <Text fw={600}>Claims</Text>
      <Code block data-testid="exchange-set-claims">
        {JSON.stringify(set.claims, null, 2)}
      </Code>
      <Text fw={600}>Lint findings (each names the spec rule it cites)</Text>
      <FindingsTable
        findings={set.findings.map((f) => ({
          ...f,
          severity: f.severity === 'error' ? 'error' : 'warning'
        }))}
        testId="exchange-findings"
      />
    </Stack>
  )
}

/** One exchange in full: request, response, decoded SETs, timing and links; replay actions. */
export function ExchangeDetail({ id, onClose }: { id: number; onClose(): void }) {
  const [reveal, setReveal] = useState(false)
  const [copied, setCopied] = useState<string | undefined>()
  // What was read, and for which request: an answer for another id or reveal is never shown.
  const [read, setRead] = useState<{ key: string; detail?: TrafficDetail; error?: string }>()
  const key = `${id}:${reveal}`

  useEffect(() => {
    let current = true
    trafficApi.detail(id, reveal).then(
      (detail) => current && setRead({ key: `${id}:${reveal}`, detail }),
      (err: unknown) => current && setRead({ key: `${id}:${reveal}`, error: errorText(err) })
    )
    return () => {
      current = false
    }
  }, [id, reveal])
  const error = read?.key === key ? read.error : undefined

  const copyCurl = async () => {
    try {
      await copyText(await trafficApi.curl(id, reveal))
      setCopied('Copied the request as curl.')
    } catch (err) {
      setCopied(`Copy failed: ${errorText(err)}`)
    }
  }

  const shown = read?.detail?.id === id ? read.detail : undefined
  return (
    <Card
      withBorder
      padding="md"
      data-testid="exchange-detail"
      style={{ maxHeight: 'calc(100vh - 120px)', overflowY: 'auto', position: 'sticky', top: 72 }}
      aria-label={`Exchange ${id}`}
      component="section"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={3} size="h5" style={{ wordBreak: 'break-all' }}>
          {shown ? `${shown.method} ${pathOf(shown.url)}` : `Exchange ${id}`}
        </Title>
        <CloseButton
          onClick={onClose}
          aria-label="Close the exchange"
          data-testid="exchange-close"
        />
      </Group>
      {error && (
        <Alert color="red" role="alert" mt="sm">
          {error}
        </Alert>
      )}
      {!shown && !error && <Loader size="sm" aria-label="Loading the exchange" />}
      {shown && (
        <Stack gap="sm" mt="xs">
          <Group gap="xs">
            <Badge color={statusColor(shown.status)} variant="light" data-testid="exchange-status">
              {shown.status ?? 'no answer'}
            </Badge>
            <Badge variant="outline">{shown.direction}</Badge>
            <Badge variant="outline">{shown.kind}</Badge>
            <Text size="sm">
              {clockTime(shown.at)} · {shown.duration_ms} ms
            </Text>
          </Group>
          {shown.error && (
            <Alert color="red" variant="light" title="Transport error">
              {shown.error}
            </Alert>
          )}
          <Group gap="xs">
            {shown.stream_id && (
              <Anchor component={Link} to={paths.stream(shown.stream_id)} size="sm">
                Stream {shown.stream_id}
              </Anchor>
            )}
            {shown.receiver_id && (
              <Anchor component={Link} to={paths.receiver(shown.receiver_id)} size="sm">
                Receiver {shown.receiver_id}
              </Anchor>
            )}
            {shown.jti && (
              <Anchor
                component={Link}
                to={paths.traffic(filterToQuery({ jti: shown.jti }))}
                size="sm"
                data-testid="exchange-same-jti"
              >
                All exchanges of this SET
              </Anchor>
            )}
          </Group>
          <Group gap="xs">
            <Switch
              label="Reveal secrets"
              checked={reveal}
              onChange={(e) => setReveal(e.currentTarget.checked)}
              data-testid="exchange-reveal"
            />
            <Button
              size="xs"
              variant="default"
              onClick={() => void copyCurl()}
              data-testid="exchange-curl"
            >
              Copy as curl
            </Button>
            {shown.jti && (
              <Group gap={4}>
                <Text size="sm">jti</Text>
                <CopyButton value={shown.jti} what="the jti" />
              </Group>
            )}
          </Group>
          {copied && (
            <Text size="sm" role="status">
              {copied}
            </Text>
          )}
          {shown.jti && shown.direction === 'outbound' && (
            <ReplayActions jti={shown.jti} edit={editSourceOf(shown)} />
          )}
          <Tabs defaultValue={shown.sets.length > 0 ? 'set' : 'request'} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="request">Request</Tabs.Tab>
              <Tabs.Tab value="response">Response</Tabs.Tab>
              {shown.sets.length > 0 && (
                <Tabs.Tab value="set" data-testid="exchange-tab-set">
                  SET{shown.sets.length > 1 ? `s (${shown.sets.length})` : ''}
                </Tabs.Tab>
              )}
              {shown.jti && <Tabs.Tab value="attempts">Attempts</Tabs.Tab>}
            </Tabs.List>
            <Tabs.Panel value="request" pt="xs">
              <Message
                headers={shown.request_headers}
                body={shown.request_body}
                what="Request"
                testId="exchange-request"
              />
            </Tabs.Panel>
            <Tabs.Panel value="response" pt="xs">
              <Message
                headers={shown.response_headers}
                body={shown.response_body}
                what="Response"
                testId="exchange-response"
              />
            </Tabs.Panel>
            <Tabs.Panel value="set" pt="xs">
              <Stack gap="md">
                {shown.sets.map((s, i) => (
                  <DecodedSet key={`${s.token.slice(-16)}-${i}`} set={s} />
                ))}
              </Stack>
            </Tabs.Panel>
            {shown.jti && (
              <Tabs.Panel value="attempts" pt="xs">
                <DeliveryHistory jti={shown.jti} currentExchange={shown.id} />
              </Tabs.Panel>
            )}
          </Tabs>
        </Stack>
      )}
    </Card>
  )
}
