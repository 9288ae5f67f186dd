import {
  Badge,
  Button,
  Drawer,
  Group,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden
} from '@mantine/core'
import { useMemo, useState } from 'react'
import { validateSubject } from '../../../../shared/ssf'
import { errorText } from '../../api/client'
import { ErrorText } from '../../components/ErrorText'
import { useAppStore } from '../../stores/app-store'
import { SubjectForm, issueMap } from './SubjectForm'
import { buildSubject, emptySubjectForm, summarizeSubject } from './subject-model'

/** The subjects of one stream: list, add (format-aware form), remove. */
export function SubjectsDrawer({ streamId, onClose }: { streamId: string; onClose(): void }) {
  const stream = useAppStore((s) => s.streams.find((x) => x.config.stream_id === streamId))
  const addSubject = useAppStore((s) => s.addSubject)
  const removeSubject = useAppStore((s) => s.removeSubject)
  const [form, setForm] = useState(() => emptySubjectForm())
  const [touched, setTouched] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [rowError, setRowError] = useState<{ key: string; message: string } | undefined>()
  const [busy, setBusy] = useState(false)
  const subject = useMemo(() => buildSubject(form), [form])
  const issues = useMemo(() => issueMap(validateSubject(subject)), [subject])

  const add = async () => {
    setTouched(true)
    if (issues.size > 0) return
    setBusy(true)
    try {
      await addSubject(streamId, subject)
      setForm(emptySubjectForm(form.format))
      setTouched(false)
      setError(undefined)
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={<Title order={3}>Subjects</Title>}
      closeButtonProps={{ 'aria-label': 'Close subjects' }}
      data-testid="subjects-drawer"
    >
      {!stream ? (
        <Text>This stream no longer exists.</Text>
      ) : (
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            {stream.config.description ?? stream.config.stream_id} — events are delivered only for
            subjects added here (unless the Transmitter delivers for all subjects by default).
          </Text>
          {stream.subjects.length === 0 ? (
            <Text data-testid="subjects-empty">No subjects yet.</Text>
          ) : (
            <Table striped highlightOnHover data-testid="subjects-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Format</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stream.subjects.map(({ subject: s }) => {
                  const key = JSON.stringify(s)
                  const summary = summarizeSubject(s)
                  return (
                    <Table.Tr key={key} data-testid="subject-row">
                      <Table.Td>
                        <Badge variant="light">{s.format}</Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ wordBreak: 'break-all' }}>
                          {summary}
                        </Text>
                        {rowError?.key === key && (
                          <Text size="sm" c="red" role="alert">
                            {rowError.message}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Remove subject ${summary}`}
                          onClick={() =>
                            removeSubject(streamId, s).catch((err: unknown) =>
                              setRowError({ key, message: errorText(err) })
                            )
                          }
                        >
                          Remove
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          )}
          <Stack gap="sm">
            <Title order={4}>Add a subject</Title>
            <SubjectForm
              value={form}
              onChange={setForm}
              issues={touched ? issues : new Map()}
              testId="subject"
            />
            <ErrorText message={error} testId="subject-error" />
            <Group justify="flex-end">
              <Button onClick={() => void add()} loading={busy} data-testid="subject-add">
                Add subject
              </Button>
            </Group>
          </Stack>
        </Stack>
      )}
    </Drawer>
  )
}
