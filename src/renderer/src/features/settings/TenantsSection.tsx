import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { errorText } from '../../api/client'
import { CopyButton } from '../../components/CopyButton'
import { useAppStore } from '../../stores/app-store'

/** Tenants: issuers with a path, each with its own metadata URL. */
export function TenantsSection() {
  const tenants = useAppStore((s) => s.tenants)
  const createTenant = useAppStore((s) => s.createTenant)
  const [id, setId] = useState('')
  const [name, setName] = useState('')
  const [error, setError] = useState<string | undefined>()
  const submit = async () => {
    setError(undefined)
    try {
      await createTenant(id.trim(), name.trim() || undefined)
      setId('')
      setName('')
    } catch (err) {
      setError(errorText(err))
    }
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        A tenant is a Transmitter of its own at {'{issuer}'}/t/{'{tenant}'}: its own metadata,
        streams and consents.
      </Text>
      <Group align="flex-start">
        <TextInput
          label="Tenant id"
          description="lower-case letters, digits and -"
          value={id}
          onChange={(e) => setId(e.currentTarget.value)}
          error={error}
          data-testid="tenant-id"
        />
        <TextInput
          label="Name (optional)"
          description="shown in lists"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Button mt={44} onClick={() => void submit()} data-testid="tenant-create">
          Create tenant
        </Button>
      </Group>
      <Table data-testid="tenants-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Tenant</Table.Th>
            <Table.Th>Metadata URL</Table.Th>
            <Table.Th>Copy</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tenants.map((t) => (
            <Table.Tr key={t.tenant_id} data-testid="tenant-row" data-tenant-id={t.tenant_id}>
              <Table.Td>
                {t.name}{' '}
                <Text span size="xs" c="dimmed">
                  ({t.tenant_id})
                </Text>
              </Table.Td>
              <Table.Td ff="monospace" fz="sm" data-testid="tenant-metadata-url">
                {t.metadata_url}
              </Table.Td>
              <Table.Td>
                <CopyButton value={t.metadata_url} what={`metadata URL of ${t.name}`} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
