import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { CreateClientResponse } from '../../../../shared/api/contract'
import { errorText } from '../../api/client'
import { useAppStore } from '../../stores/app-store'
import { ShownOnce } from './ShownOnce'

/** Management-API clients: each has its own bearer token and sees only its own streams. */
export function ClientsSection() {
  const clients = useAppStore((s) => s.clients)
  const createClient = useAppStore((s) => s.createClient)
  const [name, setName] = useState('')
  const [created, setCreated] = useState<CreateClientResponse | undefined>()
  const [error, setError] = useState<string | undefined>()
  const submit = async () => {
    setError(undefined)
    if (!name.trim()) return setError('Give the client a name.')
    try {
      setCreated(await createClient(name.trim()))
      setName('')
    } catch (err) {
      setError(errorText(err))
    }
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Each client gets its own bearer token for the SSF management API and sees only the streams
        it created.
      </Text>
      <Group align="flex-start">
        <TextInput
          label="New client's name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
          data-testid="client-name"
        />
        <Button mt={24} onClick={() => void submit()} data-testid="client-create">
          Create client
        </Button>
      </Group>
      {created && (
        <ShownOnce
          title={`Token of ${created.name}`}
          items={[{ label: 'token', value: created.token }]}
          testId="client-token"
        />
      )}
      <Table data-testid="clients-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>client_id</Table.Th>
            <Table.Th>Audience</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clients.map((c) => (
            <Table.Tr key={c.client_id} data-testid="client-row">
              <Table.Td>
                {c.name} {c.is_default && '(default)'}
              </Table.Td>
              <Table.Td ff="monospace" fz="sm">
                {c.client_id}
              </Table.Td>
              <Table.Td fz="sm">{c.audience}</Table.Td>
              <Table.Td fz="sm">{new Date(c.created_at).toLocaleString()}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
