import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Stepper,
  Text,
  TextInput,
  Textarea
} from '@mantine/core'
import { useState } from 'react'
import type { CreateStreamForClientRequest } from '../../../../shared/api/contract'
import {
  CAEP_EVENT_TYPES,
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH
} from '../../../../shared/ssf'
import { errorText } from '../../api/client'
import { useAppStore } from '../../stores/app-store'
import { EventsPicker } from './EventsPicker'

interface Props {
  opened: boolean
  onClose(): void
}

type Method = 'push' | 'poll'

/** Which wizard step an engine error belongs to, from the member it names. */
function stepOf(message: string): number {
  if (/endpoint_url|delivery|authorization_header/.test(message)) return 0
  if (/events_requested/.test(message)) return 1
  return 2
}

/** Create-stream wizard: delivery, events, details. */
export function StreamWizard({ opened, onClose }: Props) {
  const createStream = useAppStore((s) => s.createStream)
  const clients = useAppStore((s) => s.clients)
  const [step, setStep] = useState(0)
  const [method, setMethod] = useState<Method>('push')
  const [endpoint, setEndpoint] = useState('')
  const [authorization, setAuthorization] = useState('')
  const [events, setEvents] = useState<string[]>([
    CAEP_EVENT_TYPES['session-revoked'],
    CAEP_EVENT_TYPES['credential-change']
  ])
  const [description, setDescription] = useState('')
  const [clientId, setClientId] = useState<string | null>(null)
  const [error, setError] = useState<{ step: number; message: string } | undefined>()
  const [busy, setBusy] = useState(false)

  const reset = () => {
    setStep(0)
    setEndpoint('')
    setAuthorization('')
    setDescription('')
    setError(undefined)
  }
  const close = () => {
    reset()
    onClose()
  }

  const endpointProblem =
    method === 'push' && endpoint.trim() === '' ? 'the push endpoint URL is required' : undefined

  const next = () => {
    if (step === 0 && endpointProblem) {
      setError({ step: 0, message: endpointProblem })
      return
    }
    setError(undefined)
    setStep((s) => Math.min(s + 1, 2))
  }

  const submit = async () => {
    const body: CreateStreamForClientRequest = {
      delivery:
        method === 'push'
          ? {
              method: DELIVERY_METHOD_PUSH,
              endpoint_url: endpoint.trim(),
              ...(authorization.trim() ? { authorization_header: authorization.trim() } : {})
            }
          : { method: DELIVERY_METHOD_POLL },
      events_requested: events
    }
    if (description.trim()) body.description = description.trim()
    if (clientId) body.client_id = clientId
    setBusy(true)
    try {
      await createStream(body)
      close()
    } catch (err) {
      const message = errorText(err)
      const at = stepOf(message)
      setError({ step: at, message })
      setStep(at)
    } finally {
      setBusy(false)
    }
  }

  const errorAt = (s: number) => (error?.step === s ? error.message : undefined)

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Create a stream"
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close the wizard' }}
      data-testid="stream-wizard"
    >
      <Stepper active={step} onStepClick={setStep} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label="Delivery" description="push or poll">
          <Stack gap="md" mt="md">
            <div>
              <Text size="sm" fw={500} mb={4} id="delivery-method-label">
                Delivery method
              </Text>
              <SegmentedControl
                aria-labelledby="delivery-method-label"
                value={method}
                onChange={(v) => setMethod(v === 'poll' ? 'poll' : 'push')}
                data={[
                  { value: 'push', label: 'Push (RFC 8935)' },
                  { value: 'poll', label: 'Poll (RFC 8936)' }
                ]}
                data-testid="wizard-method"
              />
            </div>
            {method === 'push' ? (
              <>
                <TextInput
                  label="Push endpoint URL"
                  description="Your app's endpoint that receives SETs (HTTP POST, application/secevent+jwt)"
                  placeholder="https://your-app.example/ssf/events"
                  value={endpoint}
                  onChange={(e) => setEndpoint(e.currentTarget.value)}
                  error={errorAt(0)}
                  required
                  data-testid="wizard-endpoint"
                />
                <TextInput
                  label="Authorization header (optional)"
                  description="Sent verbatim with every push, e.g. Bearer abc123"
                  value={authorization}
                  onChange={(e) => setAuthorization(e.currentTarget.value)}
                  data-testid="wizard-authorization"
                />
              </>
            ) : (
              <Alert variant="light" color="blue">
                The Transmitter assigns the poll endpoint URL; your app polls it with the bearer
                token.
                {errorAt(0) && (
                  <Text c="red" size="sm" role="alert">
                    {errorAt(0)}
                  </Text>
                )}
              </Alert>
            )}
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Events" description="what to deliver">
          <Stack mt="md">
            <EventsPicker value={events} onChange={setEvents} error={errorAt(1)} />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Details" description="name and owner">
          <Stack gap="md" mt="md">
            <Textarea
              label="Description (optional)"
              placeholder="My app, staging"
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              autosize
              minRows={2}
              data-testid="wizard-description"
            />
            <Select
              label="Receiver (client)"
              description="The management-API client that owns the stream"
              placeholder="Default client"
              clearable
              data={clients.map((c) => ({
                value: c.client_id,
                label: `${c.name}${c.is_default ? ' (default)' : ''}`
              }))}
              value={clientId}
              onChange={setClientId}
            />
            {errorAt(2) && (
              <Alert color="red" variant="light" role="alert" data-testid="wizard-error">
                {errorAt(2)}
              </Alert>
            )}
          </Stack>
        </Stepper.Step>
      </Stepper>
      <Group justify="space-between" mt="xl">
        <Button variant="default" onClick={step === 0 ? close : () => setStep(step - 1)}>
          {step === 0 ? 'Cancel' : 'Back'}
        </Button>
        {step < 2 ? (
          <Button onClick={next} data-testid="wizard-next">
            Next
          </Button>
        ) : (
          <Button onClick={() => void submit()} loading={busy} data-testid="wizard-create">
            Create stream
          </Button>
        )}
      </Group>
    </Modal>
  )
}
