import { Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { CreateOAuthClientResponse } from '../../../../shared/api/contract'
import { errorText } from '../../api/client'
import { useAppStore } from '../../stores/app-store'
import { ShownOnce } from './ShownOnce'

type Grant = 'client_credentials' | 'authorization_code'

/** OAuth clients of the embedded authorization server (client credentials, authorization code). */
export function OAuthSection() {
  const clients = useAppStore((s) => s.oauthClients)
  const tenants = useAppStore((s) => s.tenants)
  const createOAuthClient = useAppStore((s) => s.createOAuthClient)
  const [name, setName] = useState('')
  const [grant, setGrant] = useState<Grant>('client_credentials')
  const [redirect, setRedirect] = useState('')
  const [refresh, setRefresh] = useState(false)
  const [tenant, setTenant] = useState<string | null>(null)
  const [created, setCreated] = useState<CreateOAuthClientResponse | undefined>()
  const [error, setError] = useState<string | undefined>()
  const submit = async () => {
    setError(undefined)
    if (!name.trim()) return setError('Give the client a name.')
    const code = grant === 'authorization_code'
    if (code && !redirect.trim())
      return setError('An authorization-code client needs a redirect URI.')
    try {
      setCreated(
        await createOAuthClient({
          name: name.trim(),
          grant_types: code && refresh ? [grant, 'refresh_token'] : [grant],
          ...(code ? { redirect_uris: [redirect.trim()] } : {}),
          ...(tenant && tenant !== 'default' ? { tenant } : {})
        })
      )
      setName('')
    } catch (err) {
      setError(errorText(err))
    }
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Your Receiver can get its management token from the simulator&apos;s authorization server
        instead of a static bearer token.
      </Text>
      <Group align="flex-start">
        <TextInput
          label="Client name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
          data-testid="oauth-name"
        />
        <Select
          label="Grant"
          data={[
            { value: 'client_credentials', label: 'Client credentials' },
            { value: 'authorization_code', label: 'Authorization code' }
          ]}
          value={grant}
          onChange={(v) => setGrant(v === 'authorization_code' ? v : 'client_credentials')}
          allowDeselect={false}
          data-testid="oauth-grant"
        />
        <Select
          label="Tenant"
          data={tenants.map((t) => ({ value: t.tenant_id, label: t.name }))}
          placeholder="default"
          value={tenant}
          onChange={setTenant}
          clearable
        />
      </Group>
      {grant === 'authorization_code' && (
        <Group align="flex-end">
          <TextInput
            label="Redirect URI"
            placeholder="http://localhost:3000/callback"
            value={redirect}
            onChange={(e) => setRedirect(e.currentTarget.value)}
            w={360}
            data-testid="oauth-redirect"
          />
          <Checkbox
            label="Also refresh tokens"
            checked={refresh}
            onChange={(e) => setRefresh(e.currentTarget.checked)}
          />
        </Group>
      )}
      <Group>
        <Button onClick={() => void submit()} data-testid="oauth-create">
          Register client
        </Button>
      </Group>
      {created && (
        <ShownOnce
          title={`Credentials of ${created.client_name}`}
          items={[
            { label: 'client_id', value: created.client_id },
            ...(created.client_secret
              ? [{ label: 'client_secret', value: created.client_secret }]
              : []),
            { label: 'token endpoint', value: created.token_endpoint },
            ...(created.grant_types.includes('authorization_code')
              ? [{ label: 'authorize', value: created.authorization_endpoint }]
              : [])
          ]}
          testId="oauth-credentials"
        />
      )}
      <Table data-testid="oauth-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>client_id</Table.Th>
            <Table.Th>Grants</Table.Th>
            <Table.Th>Scope</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clients.map((c) => (
            <Table.Tr key={c.client_id} data-testid="oauth-row">
              <Table.Td>{c.client_name}</Table.Td>
              <Table.Td ff="monospace" fz="sm">
                {c.client_id}
              </Table.Td>
              <Table.Td fz="sm">{c.grant_types.join(', ')}</Table.Td>
              <Table.Td fz="sm">{c.scope}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
