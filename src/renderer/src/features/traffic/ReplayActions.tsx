import { Alert, Anchor, Button, Group, Loader } from '@mantine/core'
import { Suspense, lazy, useState } from 'react'
import { Link } from 'react-router'
import type { ReplayResponse, TrafficDetail } from '../../../../shared/api/contract'
import { filterToQuery } from '../../../../shared/traffic/filter'
import { errorText } from '../../api/client'
import { trafficApi } from '../../api/traffic-client'
import { paths } from '../../route-paths'
import { useAppStore } from '../../stores/app-store'

// The editor brings CodeMirror: loaded when first opened, not with the traffic screen.
const ReplayEditor = lazy(() => import('./ReplayEditor').then((m) => ({ default: m.ReplayEditor })))

/** The claims to start an edit from: the SET's, without what a resend sets anew. */
export function editableClaims(detail: TrafficDetail): Record<string, unknown> | undefined {
  for (const s of detail.sets) {
    if ('error' in s) continue
    const { jti: _jti, iat: _iat, ...rest } = s.claims
    return rest
  }
  return undefined
}

/** "Replay exact" and "Edit and resend" for an outbound SET (push or poll alike). */
export function ReplayActions({ exchange }: { exchange: TrafficDetail }) {
  const [busy, setBusy] = useState(false)
  const [editing, setEditing] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string; jti?: string } | undefined>()
  const jti = exchange.jti
  const claims = editableClaims(exchange)
  if (!jti) return null

  const done = (r: ReplayResponse) => {
    useAppStore.getState().trackSets([{ jti: r.jti, stream_id: r.stream_id, state: 'queued' }])
    setResult({
      ok: true,
      jti: r.jti,
      text:
        r.mode === 'exact'
          ? `Sent again with the same jti ${r.jti}.`
          : `Sent as a new SET, jti ${r.jti}, signed again.`
    })
  }
  const exact = async () => {
    setBusy(true)
    setResult(undefined)
    try {
      done(await trafficApi.replay(jti))
    } catch (err) {
      setResult({ ok: false, text: errorText(err) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Group gap="xs">
        <Button size="xs" onClick={() => void exact()} loading={busy} data-testid="replay-exact">
          Replay exact
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => setEditing(true)}
          disabled={!claims}
          data-testid="replay-edit"
        >
          Edit and resend
        </Button>
      </Group>
      {result && (
        <Alert
          color={result.ok ? 'teal' : 'red'}
          variant="light"
          role={result.ok ? 'status' : 'alert'}
          data-testid="replay-result"
        >
          {result.text}{' '}
          {result.jti && (
            <Anchor component={Link} to={paths.traffic(filterToQuery({ jti: result.jti }))}>
              Follow it in the traffic
            </Anchor>
          )}
        </Alert>
      )}
      {editing && claims && (
        <Suspense fallback={<Loader size="sm" aria-label="Loading the editor" />}>
          <ReplayEditor
            claims={claims}
            header={exchange.sets.find((s) => !('error' in s))}
            onClose={() => setEditing(false)}
            onSend={async (edited) => {
              done(await trafficApi.replay(jti, edited))
              setEditing(false)
            }}
          />
        </Suspense>
      )}
    </>
  )
}
