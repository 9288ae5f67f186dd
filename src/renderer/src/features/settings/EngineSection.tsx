import { Button, Code, Stack, Table, Text } from '@mantine/core'
import { useAppStore } from '../../stores/app-store'

/** The issuer, traffic retention and the data folder (read-only: set by the command line). */
export function EngineSection() {
  const settings = useAppStore((s) => s.settings)
  if (!settings) return null
  const desktop = window.ssfDesktop
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Set when the engine starts (ssf-sim serve --issuer, --traffic-retention, --data-dir).
      </Text>
      <Table data-testid="engine-settings">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>Issuer</Table.Th>
            <Table.Td>
              <Code data-testid="settings-issuer">{settings.issuer}</Code>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Metadata</Table.Th>
            <Table.Td>
              <Code>{settings.metadata_url}</Code>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Traffic retention</Table.Th>
            <Table.Td data-testid="settings-retention">
              {settings.traffic_retention.toLocaleString()} exchanges
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Data folder</Table.Th>
            <Table.Td>
              <Code data-testid="settings-data-dir">{settings.data_dir}</Code>{' '}
              {desktop && (
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => void desktop.revealDataFolder()}
                  data-testid="reveal-data-folder"
                >
                  Show in file manager
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
