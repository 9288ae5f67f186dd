import { Button, Group, Select, TextInput } from '@mantine/core'
import { useCallback, useEffect, useState } from 'react'
import { api, errorText, isMissingEndpoint } from '../../api/client'
import type { FireTemplate } from '../../api/schemas'

/**
 * Saved templates: load one into the form, save the form under a name (same name replaces),
 * delete. Stored by the engine (`/api/templates`), so the CLI and CI see them too.
 */
export function TemplatesBar({
  current,
  onLoad
}: {
  current: () => Omit<FireTemplate, 'template_id' | 'name'> | undefined
  onLoad(t: FireTemplate): void
}) {
  const [templates, setTemplates] = useState<FireTemplate[]>([])
  const [selected, setSelected] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [saved, setSaved] = useState<string | undefined>()
  const [missing, setMissing] = useState(false)

  const refresh = useCallback(async () => {
    try {
      setTemplates(await api.templates())
    } catch (err) {
      if (isMissingEndpoint(err)) setMissing(true)
      else setError(errorText(err))
    }
  }, [])
  useEffect(() => {
    let cancelled = false
    api
      .templates()
      .then((list) => {
        if (!cancelled) setTemplates(list)
      })
      .catch((err: unknown) => {
        if (cancelled) return
        if (isMissingEndpoint(err)) setMissing(true)
        else setError(errorText(err))
      })
    return () => {
      cancelled = true
    }
  }, [])
  if (missing) return null

  const save = async () => {
    setError(undefined)
    setSaved(undefined)
    const body = current()
    if (!body) return setError('Pick an event type first.')
    if (!name.trim()) return setError('Give the template a name.')
    try {
      await api.saveTemplate({ ...body, name: name.trim() })
      setSaved(`Saved “${name.trim()}”.`)
      await refresh()
    } catch (err) {
      setError(errorText(err))
    }
  }
  const remove = async () => {
    const t = templates.find((x) => x.template_id === selected)
    if (!t) return
    try {
      await api.deleteTemplate(t.template_id)
      setSelected(null)
      await refresh()
    } catch (err) {
      setError(errorText(err))
    }
  }

  return (
    <Group align="flex-end" gap="xs" wrap="nowrap" data-testid="templates">
      <Select
        label="Saved templates"
        placeholder={templates.length === 0 ? 'None saved yet' : 'Load a template'}
        data={templates.map((t) => ({ value: t.template_id, label: t.name }))}
        value={selected}
        onChange={(id) => {
          setSelected(id)
          const t = templates.find((x) => x.template_id === id)
          if (t) {
            setName(t.name)
            onLoad(t)
          }
        }}
        disabled={templates.length === 0}
        style={{ flex: 1 }}
        data-testid="template-load"
      />
      <Button
        variant="subtle"
        color="red"
        disabled={!selected}
        onClick={() => void remove()}
        data-testid="template-delete"
      >
        Delete
      </Button>
      <TextInput
        label="Template name"
        placeholder="e.g. Revoke alice"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={error}
        description={saved}
        style={{ flex: 1 }}
        data-testid="template-name"
      />
      <Button variant="default" onClick={() => void save()} data-testid="template-save">
        Save as template
      </Button>
    </Group>
  )
}
