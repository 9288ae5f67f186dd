import { Button, Group, Select, Stack, Text, Title } from '@mantine/core'
import { useMemo, useState } from 'react'
import { validateSubject } from '../../../../shared/ssf'
import { errorText } from '../../api/client'
import { ErrorText } from '../../components/ErrorText'
import { useAppStore } from '../../stores/app-store'
import { SubjectForm, issueMap } from '../transmitter/SubjectForm'
import { buildSubject, emptySubjectForm, summarizeSubject } from '../transmitter/subject-model'

/** An optional choice of the grant (empty: the default it describes), test id `consent-<id>`. */
function pick(
  label: string,
  description: string,
  data: { value: string; label: string }[],
  value: string | null,
  onChange: (value: string | null) => void,
  id: string
) {
  return (
    <Select
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={onChange}
      clearable
      data-testid={`consent-${id}`}
    />
  )
}

/**
 * Grant consent as the simulated user would (`POST /api/consents`): a subject (format-aware
 * form), its tenant, and optionally the one client the grant is for.
 */
export function ConsentGrantForm() {
  const tenants = useAppStore((s) => s.tenants)
  const clients = useAppStore((s) => s.clients)
  const grantConsent = useAppStore((s) => s.grantConsent)
  const [form, setForm] = useState(() => emptySubjectForm())
  const [tenant, setTenant] = useState<string | null>(null)
  const [clientId, setClientId] = useState<string | null>(null)
  const [touched, setTouched] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [done, setDone] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const subject = useMemo(() => buildSubject(form), [form])
  const issues = useMemo(() => issueMap(validateSubject(subject)), [subject])

  const grant = async () => {
    setTouched(true)
    if (issues.size > 0) return
    setBusy(true)
    try {
      await grantConsent({
        subject,
        ...(tenant ? { tenant } : {}),
        ...(clientId ? { client_id: clientId } : {})
      })
      setDone(`Consent granted for ${summarizeSubject(subject)}.`)
      setForm(emptySubjectForm(form.format))
      setTouched(false)
      setError(undefined)
    } catch (err) {
      setDone(undefined)
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  const tenantOptions = tenants.map((t) => ({ value: t.tenant_id, label: t.name }))
  const clientOptions = clients.map((c) => ({ value: c.client_id, label: c.name }))

  return (
    <Stack gap="sm" data-testid="consent-grant">
      <Title order={4}>Grant consent</Title>
      <SubjectForm
        value={form}
        onChange={setForm}
        issues={touched ? issues : new Map()}
        testId="consent-subject"
      />
      <Group grow align="flex-start">
        {pick('Tenant', 'Default tenant when empty', tenantOptions, tenant, setTenant, 'tenant')}
        {pick(
          'For client',
          'Every client of the tenant when empty',
          clientOptions,
          clientId,
          setClientId,
          'client'
        )}
      </Group>
      <ErrorText message={error} testId="consent-grant-error" />
      {done && (
        <Text size="sm" role="status" data-testid="consent-grant-done">
          {done}
        </Text>
      )}
      <Group justify="flex-end">
        <Button onClick={() => void grant()} loading={busy} data-testid="consent-grant-submit">
          Grant consent
        </Button>
      </Group>
    </Stack>
  )
}
