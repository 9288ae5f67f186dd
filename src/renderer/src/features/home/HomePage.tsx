import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title
} from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { useAppStore } from '../../stores/app-store'
import { CopyButton } from '../../components/CopyButton'
import { Snippet } from '../../components/Snippet'
import { homeSnippets } from './snippets'
import { LocalCaCard } from './LocalCaCard'

function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Group align="flex-end" wrap="nowrap">
      <TextInput
        label={label}
        value={value}
        readOnly
        style={{ flex: 1 }}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        data-testid={testId}
        onFocus={(e) => e.currentTarget.select()}
      />
      <CopyButton value={value} what={label} testId={`${testId}-copy`} />
    </Group>
  )
}

/** Where to point an app: metadata URL, issuer, token and ready-to-paste commands. */
export function HomePage() {
  const session = useAppStore((s) => s.session)
  const sessionError = useAppStore((s) => s.sessionError)
  const streamCount = useAppStore((s) => s.streams.length)
  const streamsLoaded = useAppStore((s) => s.streamsLoaded)
  const [showToken, setShowToken] = useState(false)

  if (sessionError)
    return (
      <Alert
        color="red"
        title="No session with the engine"
        role="alert"
        data-testid="session-error"
      >
        {sessionError}. Open the UI from the URL the simulator printed (it carries the token once).
      </Alert>
    )
  if (!session) return <Loader aria-label="Loading" />
  // The token is a secret: masked in the commands as in its field, until "Show"; copied whole.
  const masked = '•'.repeat(Math.min(session.token.length, 32))
  const snippets = homeSnippets(session.issuer, session.metadata_url, session.token)
  const shown = showToken ? snippets : homeSnippets(session.issuer, session.metadata_url, masked)
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Point your app at this Transmitter</Title>
        <Text c="dimmed">
          Your app is the Receiver: it reads the metadata, creates a stream with the token below,
          and receives Security Event Tokens by push or poll.
        </Text>
      </div>
      <Card withBorder padding="lg">
        <Stack gap="md">
          <CopyField
            label="Transmitter metadata URL"
            value={session.metadata_url}
            testId="metadata-url"
          />
          <CopyField label="Issuer" value={session.issuer} testId="issuer" />
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label="Bearer token (management API)"
              value={showToken ? session.token : masked}
              readOnly
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-testid="token"
            />
            <Button size="xs" variant="default" onClick={() => setShowToken((v) => !v)}>
              {showToken ? 'Hide' : 'Show'}
            </Button>
            <CopyButton value={session.token} what="bearer token" testId="token-copy" />
          </Group>
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Title order={4}>Ready-to-paste commands</Title>
          <Snippet
            title="Read the Transmitter metadata"
            code={shown.discovery}
            copy={snippets.discovery}
            testId="snippet-discovery"
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Snippet
              title="Create a push stream"
              code={shown.createPush}
              copy={snippets.createPush}
              testId="snippet-push"
            />
            <Snippet
              title="Create a poll stream"
              code={shown.createPoll}
              copy={snippets.createPoll}
              testId="snippet-poll"
            />
          </SimpleGrid>
        </Stack>
      </Card>
      <Group>
        <Text data-testid="home-stream-count">
          {!streamsLoaded
            ? 'Reading the streams…'
            : streamCount === 0
              ? 'No streams yet.'
              : `${streamCount} stream${streamCount === 1 ? '' : 's'}.`}
        </Text>
        <Button variant="light" component={Link} to="/streams">
          {streamCount === 0 ? 'Create a stream by clicking' : 'Manage streams'}
        </Button>
      </Group>
      <LocalCaCard />
    </Stack>
  )
}
