import { Code, Group, Stack, Text } from '@mantine/core'
import { CopyButton } from './CopyButton'

interface Props {
  title: string
  code: string
  /** What the copy button copies, when it is not what is shown (a secret shown masked). */
  copy?: string
  testId?: string
}

/** A titled, copyable command. */
export function Snippet({ title, code, copy, testId }: Props) {
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text fw={500} size="sm">
          {title}
        </Text>
        <CopyButton value={copy ?? code} what={title} testId={testId && `${testId}-copy`} />
      </Group>
      <Code block data-testid={testId} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {code}
      </Code>
    </Stack>
  )
}
