import { Alert } from '@mantine/core'

/** An engine error in words, shown next to what caused it. Renders nothing without a message. */
export function ErrorText({ message, testId }: { message: string | undefined; testId?: string }) {
  if (!message) return null
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title="The engine refused this"
      data-testid={testId}
    >
      {message}
    </Alert>
  )
}
