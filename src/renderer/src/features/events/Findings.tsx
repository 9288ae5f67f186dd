import { Badge, Table, Text } from '@mantine/core'
import type { Finding } from '../../api/schemas'

/** Findings as a table: severity, JSON path, the rule broken, words. */
export function FindingsTable({
  findings,
  testId,
  empty = 'No findings: the SET follows every rule the linter knows.'
}: {
  findings: readonly Finding[]
  testId: string
  empty?: string
}) {
  if (findings.length === 0)
    return (
      <Text size="sm" c="teal" data-testid={`${testId}-empty`}>
        {empty}
      </Text>
    )
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing={4} fz="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>Severity</Table.Th>
            <Table.Th>Path</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {findings.map((f, i) => (
            <Table.Tr key={`${f.path}-${f.rule}-${i}`} data-testid={`${testId}-row`}>
              <Table.Td>
                <Badge size="sm" variant="light" color={f.severity === 'error' ? 'red' : 'yellow'}>
                  {f.severity}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                {f.path}
              </Table.Td>
              <Table.Td>
                {f.message}
                <Text size="xs" c="dimmed">
                  {f.rule}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
