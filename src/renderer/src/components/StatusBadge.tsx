import { Badge } from '@mantine/core'

const COLORS: Record<string, string> = { enabled: 'teal', paused: 'yellow', disabled: 'gray' }

/** A stream's status as a coloured badge. */
export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <Badge
      color={COLORS[status] ?? 'gray'}
      variant="light"
      style={{ minWidth: 'max-content' }}
      data-testid={testId}
    >
      {status}
    </Badge>
  )
}
