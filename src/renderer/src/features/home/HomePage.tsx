import { Alert, Loader } from '@mantine/core'
import { useId, useState, type ReactNode } from 'react'
import { Link } from 'react-router'
import { useAppStore } from '../../stores/app-store'
import { CopyButton } from '../../components/CopyButton'
import { Snippet } from '../../components/Snippet'
import controls from '../../components/controls.module.css'
import classes from './HomePage.module.css'
import { homeSnippets } from './snippets'
import { LocalCaCard } from './LocalCaCard'

/** A read-only, labelled field with the buttons beside it (drawn as Mantine's TextInput). */
function ReadOnlyField(props: {
  label: string
  value: string
  testId: string
  children: ReactNode
}) {
  const id = useId()
  return (
    <div className={classes.field}>
      <div className={controls.field}>
        <label className={controls.label} htmlFor={id}>
          {props.label}
        </label>
        <input
          id={id}
          className={controls.input}
          value={props.value}
          readOnly
          data-testid={props.testId}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      {props.children}
    </div>
  )
}

function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <ReadOnlyField label={label} value={value} testId={testId}>
      <CopyButton value={value} what={label} testId={`${testId}-copy`} />
    </ReadOnlyField>
  )
}

/**
 * Where to point an app: metadata URL, issuer, token and ready-to-paste commands. The first
 * screen, drawn with plain elements on Mantine's variables (`controls.module.css`).
 */
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
    <div className={classes.page}>
      <div>
        <h2 className={controls.title2}>Point your app at this Transmitter</h2>
        <p className={controls.dimmed}>
          Your app is the Receiver: it reads the metadata, creates a stream with the token below,
          and receives Security Event Tokens by push or poll.
        </p>
      </div>
      <section className={controls.card} aria-label="Where your app connects">
        <CopyField
          label="Transmitter metadata URL"
          value={session.metadata_url}
          testId="metadata-url"
        />
        <CopyField label="Issuer" value={session.issuer} testId="issuer" />
        <ReadOnlyField
          label="Bearer token (management API)"
          value={showToken ? session.token : masked}
          testId="token"
        >
          <button
            type="button"
            className={`mantine-focus-auto mantine-active ${controls.button} ${controls.default}`}
            onClick={() => setShowToken((v) => !v)}
          >
            {showToken ? 'Hide' : 'Show'}
          </button>
          <CopyButton value={session.token} what="bearer token" testId="token-copy" />
        </ReadOnlyField>
      </section>
      <section className={controls.card} aria-labelledby="home-commands">
        <h4 className={controls.title4} id="home-commands">
          Ready-to-paste commands
        </h4>
        <Snippet
          title="Read the Transmitter metadata"
          code={shown.discovery}
          copy={snippets.discovery}
          testId="snippet-discovery"
        />
        <div className={classes.grid}>
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
        </div>
      </section>
      <div className={classes.streams}>
        <p className={controls.text} data-testid="home-stream-count">
          {!streamsLoaded
            ? 'Reading the streams…'
            : streamCount === 0
              ? 'No streams yet.'
              : `${streamCount} stream${streamCount === 1 ? '' : 's'}.`}
        </p>
        <Link
          to="/streams"
          className={`mantine-focus-auto mantine-active ${controls.button} ${controls.sm} ${controls.light}`}
        >
          {streamCount === 0 ? 'Create a stream by clicking' : 'Manage streams'}
        </Link>
      </div>
      <LocalCaCard />
    </div>
  )
}
