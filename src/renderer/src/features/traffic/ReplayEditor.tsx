import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useMemo, useState } from 'react'
import type { TrafficSet } from '../../../../shared/api/contract'
import { lintSet } from '../../../../shared/ssf'
import { errorText } from '../../api/client'
import { FindingsTable } from '../events/Findings'
import { JsonEditor } from '../events/JsonEditor'

/** Parse the editor's text as a claims object, or say why not. */
function parseClaims(text: string): { claims: Record<string, unknown> } | { error: string } {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { error: 'The claims must be a JSON object.' }
    return { claims: Object.fromEntries(Object.entries(value)) }
  } catch (err) {
    return { error: `Not JSON: ${err instanceof Error ? err.message : String(err)}` }
  }
}

/**
 * "Edit and resend": the SET's claims in the JSON editor, checked as you type against the event
 * catalog and the SET rules (the same linter the engine uses), then sent as a new SET: new
 * `jti`, new `iat` unless given, signed again.
 */
export function ReplayEditor({
  claims,
  header,
  onClose,
  onSend
}: {
  claims: Record<string, unknown>
  header: TrafficSet | undefined
  onClose(): void
  onSend(claims: Record<string, unknown>): Promise<void>
}) {
  const [text, setText] = useState(() => JSON.stringify(claims, null, 2))
  const [busy, setBusy] = useState(false)
  const [sendError, setSendError] = useState<string | undefined>()
  const [now] = useState(() => Math.floor(Date.now() / 1000))
  const parsed = useMemo(() => parseClaims(text), [text])
  const findings = useMemo(() => {
    if ('error' in parsed) return []
    // What the engine will sign: the edited claims plus a fresh jti and iat.
    const payload = { jti: 'new', iat: now, ...parsed.claims }
    const head = header && !('error' in header) ? header.header : undefined
    const all = lintSet({ header: head ?? { typ: 'secevent+jwt' }, payload }, { now })
    // A SET fired here comes without its recorded header: the engine makes the header when it
    // signs again (alg and kid of the active key), so only the claims are the user's to check.
    return head ? all : all.filter((f) => !f.path.startsWith('header'))
  }, [parsed, header, now])

  const send = async () => {
    if ('error' in parsed) return
    setBusy(true)
    setSendError(undefined)
    try {
      await onSend(parsed.claims)
    } catch (err) {
      setSendError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title="Edit and resend"
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close the editor' }}
    >
      <Stack gap="sm" data-testid="replay-editor">
        <Text size="sm">
          A new SET is sent on the same stream with these claims: a new jti, and a new iat unless
          you set one. It is signed again with the active key.
        </Text>
        <JsonEditor
          label="Claims of the new SET"
          value={text}
          onChange={setText}
          error={'error' in parsed ? parsed.error : undefined}
          testId="replay-claims"
          height="300px"
        />
        <Text fw={600}>Live lint preview</Text>
        <FindingsTable
          findings={findings.map((f) => ({
            ...f,
            severity: f.severity === 'error' ? 'error' : 'warning'
          }))}
          testId="replay-findings"
        />
        {sendError && (
          <Alert color="red" role="alert">
            {sendError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => void send()}
            loading={busy}
            disabled={'error' in parsed}
            data-testid="replay-send"
          >
            Send new SET
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
