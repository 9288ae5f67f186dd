import { Alert, Anchor, Button, Group, Loader } from '@mantine/core'
import { Suspense, lazy, useState } from 'react'
import { Link } from 'react-router'
import type { ReplayResponse, TrafficDetail, TrafficSet } from '../../../../shared/api/contract'
import { filterToQuery } from '../../../../shared/traffic/filter'
import { errorText } from '../../api/client'
import { trafficApi } from '../../api/traffic-client'
import { paths } from '../../route-paths'
import { useAppStore } from '../../stores/app-store'

// The editor brings CodeMirror: loaded when first opened, not with the traffic screen.
const ReplayEditor = lazy(() => import('./ReplayEditor').then((m) => ({ default: m.ReplayEditor })))

/** What an edit starts from: the SET's claims and, when known, its decoded header. */
export interface EditSource {
  claims: Record<string, unknown>
  header: TrafficSet | undefined
}

/** The claims to edit: the SET's, without what a resend sets anew. */
function withoutFreshClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const { jti: _jti, iat: _iat, ...rest } = claims
  return rest
}

/** The edit source of a recorded exchange: its first decodable SET. */
export function exchangeEditSource(detail: TrafficDetail): EditSource | undefined {
  const set = detail.sets.find((s) => !('error' in s))
  return set && !('error' in set)
    ? { claims: withoutFreshClaims(set.claims), header: set }
    : undefined
}

/** The edit source of a fired SET, read from its stream's outbound SETs (push or poll alike). */
export async function firedSetEditSource(
  streamId: string,
  jti: string
): Promise<EditSource | undefined> {
  const set = (await trafficApi.outboundSets(streamId)).find((s) => s.jti === jti)
  const claims: unknown = set?.claims
  return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
    ? { claims: withoutFreshClaims(Object.fromEntries(Object.entries(claims))), header: undefined }
    : undefined
}

/**
 * "Replay exact" and "Edit and resend" for an outbound SET (push or poll alike), wherever it
 * appears: a traffic entry or a fired SET's row. `edit` gives the claims to start from (absent:
 * the SET cannot be edited, for example a token that does not decode).
 */
export function ReplayActions({
  jti,
  edit
}: {
  jti: string
  edit: (() => Promise<EditSource | undefined>) | undefined
}) {
  const [busy, setBusy] = useState(false)
  const [editing, setEditing] = useState<EditSource | undefined>()
  const [result, setResult] = useState<{ ok: boolean; text: string; jti?: string } | undefined>()

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
  const startEdit = async () => {
    if (!edit) return
    setResult(undefined)
    try {
      const source = await edit()
      if (source) setEditing(source)
      else setResult({ ok: false, text: 'The claims of this SET are not recorded.' })
    } catch (err) {
      setResult({ ok: false, text: errorText(err) })
    }
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
          onClick={() => void startEdit()}
          disabled={!edit}
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
      {editing && (
        <Suspense fallback={<Loader size="sm" aria-label="Loading the editor" />}>
          <ReplayEditor
            claims={editing.claims}
            header={editing.header}
            onClose={() => setEditing(undefined)}
            onSend={async (edited) => {
              done(await trafficApi.replay(jti, edited))
              setEditing(undefined)
            }}
          />
        </Suspense>
      )}
    </>
  )
}
