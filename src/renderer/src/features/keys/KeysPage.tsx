import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Title
} from '@mantine/core'
import { useEffect, useState } from 'react'
import { errorText } from '../../api/client'
import { useAppStore } from '../../stores/app-store'

const time = (ms: number) => new Date(ms).toLocaleString()

/** `#/keys`: the Transmitter's signing keys, rotation with a grace period, the JWKS. */
export function KeysPage() {
  const keys = useAppStore((s) => s.keys)
  const error = useAppStore((s) => s.keysError)
  const refreshKeys = useAppStore((s) => s.refreshKeys)
  const rotateKey = useAppStore((s) => s.rotateKey)
  const [grace, setGrace] = useState<number | string>(3600)
  const [alg, setAlg] = useState<string | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>()
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    void refreshKeys()
  }, [refreshKeys])
  const rotate = async () => {
    if (typeof grace !== 'number') return setMessage({ ok: false, text: 'Give a grace period.' })
    setBusy(true)
    try {
      const kid = await rotateKey(grace, alg === 'RS256' || alg === 'ES256' ? alg : undefined)
      setMessage({
        ok: true,
        text: `New signing key ${kid}; the previous one stays in the JWKS for ${grace} s.`
      })
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Signing keys</Title>
        <Text c="dimmed">
          SETs are signed with the active key. After a rotation the previous key stays in the JWKS
          for its grace period, so Receivers that cached the JWKS keep verifying.
        </Text>
        {keys && (
          <Text size="sm" mt="xs">
            JWKS:{' '}
            <Anchor href={keys.jwks_uri} target="_blank" rel="noreferrer" data-testid="jwks-link">
              {keys.jwks_uri}
            </Anchor>
          </Text>
        )}
      </div>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Title order={3}>Rotate</Title>
          <Group align="flex-end">
            <NumberInput
              label="Grace period of the previous key (seconds)"
              min={0}
              max={365 * 86400}
              step={60}
              value={grace}
              onChange={setGrace}
              data-testid="rotate-grace"
            />
            <Select
              label="Algorithm"
              placeholder="same as now"
              data={['RS256', 'ES256']}
              value={alg}
              onChange={setAlg}
              clearable
            />
            <Button onClick={() => void rotate()} loading={busy} data-testid="rotate-key">
              Rotate key
            </Button>
          </Group>
          {message && (
            <Alert
              color={message.ok ? 'teal' : 'red'}
              variant="light"
              role={message.ok ? 'status' : 'alert'}
              data-testid="rotate-message"
            >
              {message.text}
            </Alert>
          )}
        </Stack>
      </Card>
      <Card withBorder padding="sm">
        <Table data-testid="keys-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>kid</Table.Th>
              <Table.Th>Algorithm</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Leaves the JWKS</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys?.keys.map((k) => (
              <Table.Tr key={k.kid} data-testid="key-row" data-kid={k.kid}>
                <Table.Td ff="monospace" fz="sm">
                  {k.kid}
                </Table.Td>
                <Table.Td>{k.alg}</Table.Td>
                <Table.Td>{time(k.created_at)}</Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={k.active ? 'teal' : k.published ? 'yellow' : 'gray'}
                    data-testid="key-state"
                  >
                    {k.active ? 'active' : k.published ? 'in grace period' : 'retired'}
                  </Badge>
                </Table.Td>
                <Table.Td>{k.retire_at === null ? '—' : time(k.retire_at * 1000)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  )
}
