import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core'
import { useState } from 'react'
import type { StreamView, UpdateStreamRequest } from '../../../../shared/api/contract'
import { DELIVERY_METHOD_PUSH } from '../../../../shared/ssf'
import { errorText } from '../../api/client'
import { ErrorText } from '../../components/ErrorText'
import { useAppStore } from '../../stores/app-store'
import { EventsPicker } from './EventsPicker'

/** Edit a stream's Receiver-supplied members (description, events, push endpoint). */
export function StreamEditModal({ stream, onClose }: { stream: StreamView; onClose(): void }) {
  const updateStream = useAppStore((s) => s.updateStream)
  const { config } = stream
  const push = config.delivery.method === DELIVERY_METHOD_PUSH ? config.delivery : undefined
  const [description, setDescription] = useState(config.description ?? '')
  const [events, setEvents] = useState(config.events_requested ?? config.events_delivered)
  const [endpoint, setEndpoint] = useState(push?.endpoint_url ?? '')
  const [authorization, setAuthorization] = useState(push?.authorization_header ?? '')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  const save = async () => {
    const body: UpdateStreamRequest = { description, events_requested: events }
    if (push) {
      body.delivery = { method: DELIVERY_METHOD_PUSH, endpoint_url: endpoint.trim() }
      if (authorization.trim()) body.delivery.authorization_header = authorization.trim()
    }
    setBusy(true)
    try {
      await updateStream(config.stream_id, body)
      onClose()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const endpointError = error && /endpoint_url|delivery/.test(error) ? error : undefined
  return (
    <Modal opened onClose={onClose} title={`Edit stream ${config.stream_id}`} size="xl">
      <Stack gap="md">
        <Textarea
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
          data-testid="edit-description"
        />
        {push && (
          <Group grow align="flex-start">
            <TextInput
              label="Push endpoint URL"
              value={endpoint}
              onChange={(e) => setEndpoint(e.currentTarget.value)}
              error={endpointError}
              data-testid="edit-endpoint"
            />
            <TextInput
              label="Authorization header (optional)"
              value={authorization}
              onChange={(e) => setAuthorization(e.currentTarget.value)}
            />
          </Group>
        )}
        <EventsPicker value={events} onChange={setEvents} />
        {!endpointError && <ErrorText message={error} testId="edit-error" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={busy} data-testid="edit-save">
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
