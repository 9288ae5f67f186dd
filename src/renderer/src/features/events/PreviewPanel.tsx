import { Alert, Group, Loader, Stack, Text } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { api, errorText, isMissingEndpoint } from '../../api/client'
import type { EventPreview, FireEventRequest } from '../../api/schemas'
import { FindingsTable } from './Findings'
import { JsonEditor } from './JsonEditor'

/** Wait this long after the last change before asking the engine for a preview. */
const DEBOUNCE_MS = 300

/**
 * The decoded SET the current form would produce (for the first chosen stream, or a placeholder
 * audience), with the catalog's and the linter's findings; refreshed as the form changes.
 */
export function PreviewPanel({ request }: { request: FireEventRequest | undefined }) {
  const [preview, setPreview] = useState<EventPreview | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const key = request ? JSON.stringify(request) : ''
  const latest = useRef(request)
  useEffect(() => {
    latest.current = request
  })

  useEffect(() => {
    if (!key) return
    let cancelled = false
    const timer = setTimeout(() => {
      const body = latest.current
      if (!body) return
      setBusy(true)
      api
        .previewEvent(body)
        .then((p) => {
          if (cancelled) return
          setPreview(p)
          setError(undefined)
        })
        .catch((err: unknown) => {
          if (cancelled) return
          setError(
            isMissingEndpoint(err)
              ? 'This engine has no preview (POST /api/events/preview is missing).'
              : errorText(err)
          )
        })
        .finally(() => {
          if (!cancelled) setBusy(false)
        })
    }, DEBOUNCE_MS)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [key])

  const text = preview
    ? JSON.stringify({ header: preview.header, payload: preview.payload }, null, 2)
    : ''
  return (
    <Stack gap="sm" data-testid="preview">
      <Group justify="space-between">
        <Text fw={600}>Preview of the SET</Text>
        {busy && <Loader size="xs" aria-label="Updating the preview" />}
      </Group>
      <Text size="xs" c="dimmed">
        Decoded header and payload as the Transmitter would sign them
        {preview?.stream_id ? ` for stream ${preview.stream_id}` : ' (placeholder audience)'}; jti
        and txn are made when sent.
      </Text>
      {error && (
        <Alert color="red" variant="light" role="alert" data-testid="preview-error">
          {error}
        </Alert>
      )}
      <JsonEditor
        label="Decoded SET (read-only)"
        value={text}
        onChange={() => undefined}
        readOnly
        height="300px"
        testId="preview-json"
      />
      {preview && <FindingsTable findings={preview.findings} testId="preview-findings" />}
    </Stack>
  )
}
