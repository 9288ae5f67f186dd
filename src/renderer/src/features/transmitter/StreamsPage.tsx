import {
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden
} from '@mantine/core'
import { useEffect, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { paths } from '../../route-paths'
import { StreamDeliveryCell } from '../deliveries/StreamDeliveryCell'
import type { StreamView } from '../../../../shared/api/contract'
import type { StreamStatusValue } from '../../../../shared/ssf'
import { DELIVERY_METHOD_PUSH } from '../../../../shared/ssf'
import { errorText } from '../../api/client'
import { StatusBadge } from '../../components/StatusBadge'
import { StreamFaultBadge } from '../faults/FaultBadge'
import { useAppStore } from '../../stores/app-store'
import { StreamEditModal } from './StreamEditModal'
import { StreamWizard } from './StreamWizard'
import { SubjectsDrawer } from './SubjectsDrawer'

const STATUS_ACTIONS: { status: StreamStatusValue; label: string }[] = [
  { status: 'enabled', label: 'Enable' },
  { status: 'paused', label: 'Pause' },
  { status: 'disabled', label: 'Disable' }
]

function StreamRow({
  stream,
  onEdit,
  onSubjects,
  onDelete
}: {
  stream: StreamView
  onEdit(): void
  onSubjects(): void
  onDelete(): void
}) {
  const setStreamStatus = useAppStore((s) => s.setStreamStatus)
  const verifyStream = useAppStore((s) => s.verifyStream)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>()
  const { config } = stream
  const id = config.stream_id
  const push = config.delivery.method === DELIVERY_METHOD_PUSH
  const run = (what: Promise<void>, ok?: string) =>
    what.then(
      () => setMessage(ok ? { ok: true, text: ok } : undefined),
      (err: unknown) => setMessage({ ok: false, text: errorText(err) })
    )
  const name = config.description ?? id
  return (
    <Table.Tr data-testid="stream-row" data-stream-id={id}>
      <Table.Td>
        <Text fw={500} size="sm" data-testid="stream-name">
          {config.description ?? 'Untitled stream'}
        </Text>
        <Text
          size="xs"
          c="dimmed"
          ff="monospace"
          maw={190}
          truncate="end"
          title={id}
          data-testid="stream-id"
        >
          {id}
        </Text>
        {message && (
          <Text
            size="xs"
            c={message.ok ? 'teal' : 'red'}
            role={message.ok ? 'status' : 'alert'}
            data-testid="stream-message"
          >
            {message.text}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="outline" color={push ? 'indigo' : 'grape'}>
          {push ? 'push' : 'poll'}
        </Badge>
        <Tooltip label={config.delivery.endpoint_url}>
          <Text size="xs" c="dimmed" ff="monospace" maw={200} truncate="end">
            {config.delivery.endpoint_url}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{config.events_delivered.length}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="stream-subject-count">
          {stream.subjects.length}
        </Text>
      </Table.Td>
      <Table.Td>
        <StreamDeliveryCell streamId={id} />
      </Table.Td>
      <Table.Td>
        <StatusBadge status={stream.status} testId="stream-status" />
        <StreamFaultBadge streamId={id} name={name} />
        {stream.reason && (
          <Text size="xs" c="dimmed">
            {stream.reason}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" justify="flex-end">
          <Button
            size="xs"
            variant="light"
            onClick={onSubjects}
            aria-label={`Subjects of ${name}`}
            data-testid="stream-subjects"
          >
            Subjects
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={onEdit}
            aria-label={`Edit ${name}`}
            data-testid="stream-edit"
          >
            Edit
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                size="xs"
                variant="default"
                aria-label={`More actions for ${name}`}
                data-testid="stream-actions"
              >
                More ▾
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Status</Menu.Label>
              {STATUS_ACTIONS.map((a) => (
                <Menu.Item
                  key={a.status}
                  disabled={stream.status === a.status}
                  onClick={() => void run(setStreamStatus(id, a.status))}
                  data-testid={`stream-${a.status}`}
                >
                  {a.label}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item
                component={Link}
                to={paths.streamTimeline(id)}
                data-testid="stream-timeline"
              >
                Timeline
              </Menu.Item>
              <Menu.Item component={Link} to={paths.streamFaults(id)} data-testid="stream-faults">
                Faults…
              </Menu.Item>
              <Menu.Item
                onClick={() => void run(verifyStream(id), 'Verification requested')}
                data-testid="stream-verify"
              >
                Request verification
              </Menu.Item>
              <Menu.Item component={Link} to={paths.streamCheck(id)} data-testid="stream-check">
                Check my Receiver…
              </Menu.Item>
              <Menu.Item color="red" onClick={onDelete} data-testid="stream-delete">
                Delete…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}

/** The Transmitter's streams: table with status, create wizard, edit, status, verify, delete. */
export function StreamsPage() {
  const streams = useAppStore((s) => s.streams)
  const loaded = useAppStore((s) => s.streamsLoaded)
  const streamsError = useAppStore((s) => s.streamsError)
  const deleteStream = useAppStore((s) => s.deleteStream)
  const [wizard, setWizard] = useState(false)
  const [editing, setEditing] = useState<string | undefined>()
  // The selected stream is the URL's (#/streams/:streamId): its subjects drawer is open.
  const subjectsOf = useParams().streamId
  const navigate = useNavigate()
  const [deleting, setDeleting] = useState<string | undefined>()
  const [deleteError, setDeleteError] = useState<string | undefined>()
  const editStream = streams.find((s) => s.config.stream_id === editing)
  useEffect(() => {
    void useAppStore.getState().refreshStreamDeliveries()
  }, [streams])

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <div>
          <Title order={2}>Streams</Title>
          <Text c="dimmed">Streams your Receivers created on this Transmitter, live.</Text>
        </div>
        <Button onClick={() => setWizard(true)} data-testid="create-stream">
          Create stream
        </Button>
      </Group>
      {streamsError && (
        <Alert color="red" role="alert">
          {streamsError}
        </Alert>
      )}
      {loaded && streams.length === 0 ? (
        <Alert variant="light" data-testid="streams-empty" title="No streams yet">
          Create one here, or let your app create one through the management API (see Home).
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="streams-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Stream</Table.Th>
                <Table.Th>Method</Table.Th>
                <Table.Th>Events</Table.Th>
                <Table.Th>Subjects</Table.Th>
                <Table.Th>Delivery</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {streams.map((s) => (
                <StreamRow
                  key={s.config.stream_id}
                  stream={s}
                  onEdit={() => setEditing(s.config.stream_id)}
                  onSubjects={() => void navigate(paths.stream(s.config.stream_id))}
                  onDelete={() => {
                    setDeleteError(undefined)
                    setDeleting(s.config.stream_id)
                  }}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <StreamWizard opened={wizard} onClose={() => setWizard(false)} />
      {editStream && <StreamEditModal stream={editStream} onClose={() => setEditing(undefined)} />}
      {subjectsOf && (
        <SubjectsDrawer streamId={subjectsOf} onClose={() => void navigate('/streams')} />
      )}
      <Modal
        opened={deleting !== undefined}
        onClose={() => setDeleting(undefined)}
        title="Delete stream?"
      >
        <Stack>
          <Text>
            Delete stream{' '}
            <Text span ff="monospace">
              {deleting}
            </Text>
            ? The Receiver will get 404 for it from now on. This cannot be undone.
          </Text>
          {deleteError && (
            <Text c="red" role="alert">
              {deleteError}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(undefined)}>
              Cancel
            </Button>
            <Button
              color="red"
              data-testid="confirm-delete"
              onClick={() => {
                if (deleting)
                  deleteStream(deleting).then(
                    () => setDeleting(undefined),
                    (err: unknown) => setDeleteError(errorText(err))
                  )
              }}
            >
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
