import { useEffect, useState } from 'react'
import type { SessionInfo } from '../../shared/api/contract'

/** Placeholder home screen until the full UI lands: shows where to point an app. */
export function App() {
  const [session, setSession] = useState<SessionInfo | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    fetch('/api/session')
      .then(async (r) => {
        if (!r.ok)
          throw new Error(
            ((await r.json()) as { description?: string }).description ?? r.statusText
          )
        setSession((await r.json()) as SessionInfo)
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }, [])
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem' }}>
      <h1>SSF Simulator</h1>
      {error && (
        <p role="alert" data-testid="session-error">
          {error}
        </p>
      )}
      {session && (
        <dl>
          <dt>Transmitter metadata</dt>
          <dd data-testid="metadata-url">{session.metadata_url}</dd>
          <dt>Issuer</dt>
          <dd data-testid="issuer">{session.issuer}</dd>
        </dl>
      )}
    </main>
  )
}
