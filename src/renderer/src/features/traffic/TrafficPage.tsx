import { Title } from '@mantine/core'

/** Every exchange, live. */
export function TrafficPage() {
  return <Title order={2}>Traffic</Title>
}
