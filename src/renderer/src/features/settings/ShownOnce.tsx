import { Alert, Code, Group, Stack, Text } from '@mantine/core'
import { CopyButton } from '../../components/CopyButton'

/** A credential the engine hands out once: shown with a copy button and a warning. */
export function ShownOnce({
  title,
  items,
  testId
}: {
  title: string
  items: { label: string; value: string }[]
  testId: string
}) {
  return (
    <Alert color="yellow" variant="light" title={title} data-testid={testId}>
      <Stack gap={6}>
        <Text size="sm">Copy it now: it is not shown again.</Text>
        {items.map((item) => (
          <Group key={item.label} gap="xs" wrap="nowrap">
            <Text size="sm" fw={500} miw={110}>
              {item.label}
            </Text>
            <Code style={{ wordBreak: 'break-all' }} data-testid={`${testId}-${item.label}`}>
              {item.value}
            </Code>
            <CopyButton value={item.value} what={item.label} />
          </Group>
        ))}
      </Stack>
    </Alert>
  )
}
