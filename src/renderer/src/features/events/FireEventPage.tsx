import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  MultiSelect,
  NavLink,
  ScrollArea,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { useMemo, useState } from 'react'
import { z } from 'zod'
import { validateSubject, type SubjectIdentifier } from '../../../../shared/ssf'
import { api, errorText, isMissingEndpoint } from '../../api/client'
import type { FireEventRequest, FireEventResponse, FireTemplate } from '../../api/schemas'
import { useAppStore } from '../../stores/app-store'
import { SubjectForm, issueMap } from '../transmitter/SubjectForm'
import { buildSubject, subjectFormFrom, summarizeSubject } from '../transmitter/subject-model'
import { ClaimField } from './ClaimField'
import { DeliveryState } from '../deliveries/DeliveryState'
import { ReplayActions, firedSetEditSource } from '../traffic/ReplayActions'
import { FindingsTable } from './Findings'
import { JsonEditor } from './JsonEditor'
import { PreviewPanel } from './PreviewPanel'
import { TemplatesBar } from './TemplatesBar'
import { buildClaims, claimValuesFrom, type ClaimValue } from './claims-model'

const rawRequestSchema = z.object({
  type: z.string().min(1, '"type" is required'),
  subject: z.looseObject({ format: z.string() }),
  claims: z.record(z.string(), z.unknown()).default({}),
  stream_ids: z.array(z.string()).optional(),
  txn: z.string().optional(),
  allow_invalid: z.boolean().optional()
})

function EventList({
  selected,
  onSelect
}: {
  selected: string | undefined
  onSelect(uri: string): void
}) {
  const eventTypes = useAppStore((s) => s.eventTypes)
  const [query, setQuery] = useState('')
  const q = query.trim().toLowerCase()
  const shown = eventTypes.filter(
    (t) => !q || `${t.title} ${t.name} ${t.uri} ${t.profile}`.toLowerCase().includes(q)
  )
  return (
    <Card withBorder padding="sm" h="100%">
      <Stack gap="xs" h="100%">
        <TextInput
          label="Search events"
          placeholder="session-revoked, credential, RISC…"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          data-testid="event-search"
        />
        <ScrollArea h={520} type="auto">
          <nav aria-label="Event types">
            {shown.map((t) => (
              <NavLink
                key={t.uri}
                component="button"
                label={t.title || t.name}
                description={t.profile}
                active={selected === t.uri}
                onClick={() => onSelect(t.uri)}
                rightSection={
                  t.deprecated ? (
                    <Badge size="xs" variant="outline" color="gray">
                      deprecated
                    </Badge>
                  ) : undefined
                }
                data-testid={`event-type-${t.name}`}
              />
            ))}
            {shown.length === 0 && (
              <Text size="sm" c="dimmed" p="sm">
                No event type matches “{query}”.
              </Text>
            )}
          </nav>
        </ScrollArea>
      </Stack>
    </Card>
  )
}

/** Fire an event: pick a type, fill the generated form (or raw JSON), choose streams, send. */
export function FireEventPage() {
  const eventTypes = useAppStore((s) => s.eventTypes)
  const catalogSource = useAppStore((s) => s.catalogSource)
  const catalogMessage = useAppStore((s) => s.catalogMessage)
  const streams = useAppStore((s) => s.streams)
  const [chosen, setUri] = useState<string | undefined>()
  const uri = chosen ?? eventTypes[0]?.uri
  const entry = eventTypes.find((t) => t.uri === uri)
  const [mode, setMode] = useState<'form' | 'raw'>('form')
  const [subjectForm, setSubjectForm] = useState(() => subjectFormFrom(entry?.example?.sub_id))
  const [claimValues, setClaimValues] = useState<Record<string, ClaimValue>>({})
  const [txn, setTxn] = useState('')
  const [streamIds, setStreamIds] = useState<string[]>([])
  const [raw, setRaw] = useState('')
  const [touched, setTouched] = useState(false)
  const [rawError, setRawError] = useState<string | undefined>()
  const [sendError, setSendError] = useState<string | undefined>()
  const [result, setResult] = useState<FireEventResponse | undefined>()
  const [busy, setBusy] = useState(false)
  const [allowInvalid, setAllowInvalid] = useState(false)

  const select = (next: string) => {
    const e = eventTypes.find((t) => t.uri === next)
    setUri(next)
    setClaimValues(e?.example ? claimValuesFrom(e.claims, e.example.claims) : {})
    if (e?.example?.sub_id) setSubjectForm(subjectFormFrom(e.example.sub_id))
    setResult(undefined)
    setSendError(undefined)
  }

  const subject = useMemo(() => buildSubject(subjectForm), [subjectForm])
  const subjectIssues = useMemo(() => issueMap(validateSubject(subject)), [subject])
  const built = useMemo(() => buildClaims(entry?.claims ?? [], claimValues), [entry, claimValues])

  const formRequest = (): FireEventRequest | undefined => {
    if (!uri) return undefined
    const req: FireEventRequest = { type: uri, subject, claims: built.claims }
    if (streamIds.length > 0) req.stream_ids = streamIds
    if (txn.trim()) req.txn = txn.trim()
    if (allowInvalid) req.allow_invalid = true
    return req
  }

  const loadTemplate = (t: FireTemplate) => {
    const e = eventTypes.find((x) => x.uri === t.type || x.name === t.type)
    if (e) setUri(e.uri)
    setSubjectForm(subjectFormFrom(t.subject))
    setClaimValues(claimValuesFrom(e?.claims ?? [], t.claims))
    setStreamIds(t.stream_ids ?? [])
    setTxn(t.txn ?? '')
    setAllowInvalid(t.allow_invalid === true)
    setMode('form')
    setResult(undefined)
    setSendError(undefined)
  }

  const previewRequest = useMemo((): FireEventRequest | undefined => {
    if (mode === 'raw') {
      const parsed = parseRaw(raw)
      return 'error' in parsed ? undefined : parsed.request
    }
    if (!uri) return undefined
    const req: FireEventRequest = { type: uri, subject, claims: built.claims }
    if (streamIds.length > 0) req.stream_ids = streamIds
    if (txn.trim()) req.txn = txn.trim()
    return req
  }, [mode, raw, uri, subject, built, streamIds, txn])

  const switchMode = (next: string) => {
    if (next === 'raw') {
      setRaw(JSON.stringify(formRequest() ?? {}, null, 2))
      setRawError(undefined)
      setMode('raw')
      return
    }
    const parsed = parseRaw(raw)
    if ('error' in parsed) {
      setRawError(`${parsed.error} — fix it or discard the raw edits.`)
      return
    }
    const r = parsed.request
    if (eventTypes.some((t) => t.uri === r.type)) setUri(r.type)
    const e = eventTypes.find((t) => t.uri === r.type)
    setSubjectForm(subjectFormFrom(r.subject))
    setClaimValues(claimValuesFrom(e?.claims ?? [], r.claims))
    setStreamIds(r.stream_ids ?? [])
    setTxn(r.txn ?? '')
    setAllowInvalid(r.allow_invalid === true)
    setMode('form')
  }

  const send = async () => {
    setTouched(true)
    setSendError(undefined)
    setResult(undefined)
    let request: FireEventRequest | undefined
    if (mode === 'raw') {
      const parsed = parseRaw(raw)
      if ('error' in parsed) {
        setRawError(parsed.error)
        return
      }
      request = parsed.request
    } else {
      // Form problems (missing required, bad JSON) stop the send unless an invalid SET is wanted.
      if (!allowInvalid && (subjectIssues.size > 0 || Object.keys(built.problems).length > 0))
        return
      request = formRequest()
    }
    if (!request) return
    setBusy(true)
    try {
      setResult(await api.fireEvent(request))
    } catch (err) {
      setSendError(
        isMissingEndpoint(err)
          ? 'This engine cannot fire events yet (POST /api/events is missing): delivery is not part of this build.'
          : errorText(err)
      )
    } finally {
      setBusy(false)
    }
  }

  const streamOptions = streams.map((s) => ({
    value: s.config.stream_id,
    label: `${s.config.description ?? s.config.stream_id} (${s.status})`
  }))

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Fire an event</Title>
        <Text c="dimmed">
          Send a CAEP, RISC or SSF event as a signed SET to every matching stream, or to the streams
          you pick.
        </Text>
      </div>
      {catalogSource !== 'full' && catalogMessage && (
        <Alert color="yellow" variant="light" data-testid="catalog-message">
          {catalogMessage}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <EventList selected={uri} onSelect={select} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Card withBorder padding="sm">
              <TemplatesBar
                current={() => {
                  const r = mode === 'raw' ? previewRequest : formRequest()
                  return r ? { ...r, stream_ids: r.stream_ids ?? [] } : undefined
                }}
                onLoad={loadTemplate}
              />
            </Card>
            <Card withBorder padding="lg">
              <Stack gap="md">
                <Group justify="space-between" align="flex-start">
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Title order={3} data-testid="event-title">
                      {entry?.title || entry?.name || 'Pick an event type'}
                    </Title>
                    {entry && (
                      <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {entry.uri}
                      </Text>
                    )}
                    {entry?.description && (
                      <Text size="sm" mt={4}>
                        {entry.description}
                      </Text>
                    )}
                  </div>
                  {entry?.example && mode === 'form' && (
                    <Button
                      variant="default"
                      size="xs"
                      onClick={() => select(entry.uri)}
                      data-testid="fire-example"
                    >
                      Use example
                    </Button>
                  )}
                  <SegmentedControl
                    aria-label="Editor mode"
                    value={mode}
                    onChange={switchMode}
                    data={[
                      { value: 'form', label: 'Form' },
                      { value: 'raw', label: 'Raw JSON' }
                    ]}
                    data-testid="fire-mode"
                  />
                </Group>
                {mode === 'form' ? (
                  <>
                    <SubjectForm
                      value={subjectForm}
                      onChange={setSubjectForm}
                      issues={touched ? subjectIssues : new Map()}
                      testId="fire-subject"
                    />
                    {entry && entry.claims.length > 0 && (
                      <Stack gap="sm">
                        <Text fw={600}>Event claims</Text>
                        {entry.claims.map((claim) => (
                          <ClaimField
                            key={claim.name}
                            claim={claim}
                            value={claimValues[claim.name]}
                            error={touched ? built.problems[claim.name] : undefined}
                            onChange={(v) => setClaimValues((c) => ({ ...c, [claim.name]: v }))}
                          />
                        ))}
                      </Stack>
                    )}
                    {entry && entry.claims.length === 0 && catalogSource !== 'full' && (
                      <Text size="sm" c="dimmed">
                        Without the catalog this form has no claim fields; switch to Raw JSON to add
                        claims.
                      </Text>
                    )}
                    <TextInput
                      label="Transaction id (txn, optional)"
                      value={txn}
                      onChange={(e) => setTxn(e.currentTarget.value)}
                    />
                  </>
                ) : (
                  <JsonEditor
                    label="Request body (POST /api/events)"
                    value={raw}
                    onChange={(v) => {
                      setRaw(v)
                      setRawError(undefined)
                    }}
                    error={rawError}
                    testId="fire-raw"
                  />
                )}
                <MultiSelect
                  label="Streams"
                  description="Leave empty to send to every stream whose events and subjects match"
                  placeholder={streams.length === 0 ? 'No streams yet' : 'All matching streams'}
                  data={streamOptions}
                  value={streamIds}
                  onChange={setStreamIds}
                  searchable
                  clearable
                  disabled={mode === 'raw'}
                  data-testid="fire-streams"
                />
                <Switch
                  label="Allow an invalid SET (to test receivers)"
                  description="Send even when the catalog finds errors; the findings are returned with the SETs"
                  checked={allowInvalid}
                  onChange={(e) => setAllowInvalid(e.currentTarget.checked)}
                  data-testid="fire-allow-invalid"
                />
                {sendError && (
                  <Alert
                    color="red"
                    variant="light"
                    role="alert"
                    title="Not sent"
                    data-testid="fire-error"
                  >
                    {sendError}
                  </Alert>
                )}
                <Group justify="flex-end">
                  <Button
                    onClick={() => void send()}
                    loading={busy}
                    disabled={!uri}
                    data-testid="fire-send"
                  >
                    Send event
                  </Button>
                </Group>
                {result && <FireResult result={result} subject={subject} />}
              </Stack>
            </Card>
            <Card withBorder padding="lg">
              <PreviewPanel
                request={
                  previewRequest && allowInvalid
                    ? { ...previewRequest, allow_invalid: true }
                    : previewRequest
                }
              />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

function parseRaw(text: string): { request: FireEventRequest } | { error: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    return { error: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` }
  }
  const parsed = rawRequestSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` }
  }
  const issues = validateSubject(parsed.data.subject)
  if (issues[0]) return { error: `${issues[0].path}: ${issues[0].message}` }
  return { request: parsed.data }
}

function FireResult({
  result,
  subject
}: {
  result: FireEventResponse
  subject: SubjectIdentifier
}) {
  const streams = useAppStore((s) => s.streams)
  const findings =
    result.findings.length > 0 ? (
      <Stack gap={4}>
        <Text fw={600}>What the catalog found</Text>
        <FindingsTable findings={result.findings} testId="fire-findings" />
      </Stack>
    ) : null
  if (result.sets.length === 0)
    return (
      <Stack gap="xs">
        <Alert color="yellow" variant="light" data-testid="fire-result">
          No stream matched: none requested this event for {summarizeSubject(subject)}, or they are
          paused or disabled.
        </Alert>
        {findings}
      </Stack>
    )
  return (
    <Stack gap="xs" data-testid="fire-result">
      <Text fw={600}>
        {result.sets.length} SET{result.sets.length === 1 ? '' : 's'} issued
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Stream</Table.Th>
            <Table.Th>SET id (jti)</Table.Th>
            <Table.Th>Delivery (live)</Table.Th>
            <Table.Th>Replay</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.sets.map((set) => (
            <Table.Tr key={set.jti} data-testid="fire-result-row">
              <Table.Td>
                {streams.find((s) => s.config.stream_id === set.stream_id)?.config.description ??
                  set.stream_id}
              </Table.Td>
              <Table.Td ff="monospace">{set.jti}</Table.Td>
              <Table.Td>
                <DeliveryState
                  jti={set.jti}
                  streamId={set.stream_id}
                  state={set.state ?? 'queued'}
                />
              </Table.Td>
              <Table.Td>
                <ReplayActions
                  jti={set.jti}
                  edit={() => firedSetEditSource(set.stream_id, set.jti)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {findings}
    </Stack>
  )
}
