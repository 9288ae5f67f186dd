import { Button, Stack, Switch, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { errorText } from '../../api/client'
import { useAppStore } from '../../stores/app-store'
import { ConsentGrantForm } from './ConsentGrantForm'

function subjectText(subject: Record<string, unknown>): string {
  const { format, ...rest } = subject
  return `${String(format)}: ${Object.values(rest)
    .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    .join(' ')}`
}

/** Subject consent: which streams need it, the grants, revoke. */
export function ConsentSection() {
  const streams = useAppStore((s) => s.streams)
  const consents = useAppStore((s) => s.consents)
  const setConsentRequired = useAppStore((s) => s.setConsentRequired)
  const revokeConsent = useAppStore((s) => s.revokeConsent)
  const [error, setError] = useState<string | undefined>()
  const run = (what: Promise<void>) =>
    what.then(
      () => setError(undefined),
      (err: unknown) => setError(errorText(err))
    )
  const active = consents.filter((c) => c.revoked_at === undefined)
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        A stream that requires consent sends events about a subject only after that subject granted
        it (at the tenant&apos;s consent page, with the form below, or through POST /api/consents).
      </Text>
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      <Title order={4}>Streams</Title>
      <Table data-testid="consent-streams">
        <Table.Tbody>
          {streams.map((s) => {
            const name = s.config.description ?? s.config.stream_id
            return (
              <Table.Tr key={s.config.stream_id}>
                <Table.Td>{name}</Table.Td>
                <Table.Td>
                  <Switch
                    label="Requires consent"
                    checked={s.consent_required === true}
                    onChange={(e) =>
                      void run(setConsentRequired(s.config.stream_id, e.currentTarget.checked))
                    }
                    aria-label={`${name} requires consent`}
                  />
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      <ConsentGrantForm />
      <Title order={4}>Grants</Title>
      {active.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="consents-empty">
          No consent granted.
        </Text>
      ) : (
        <Table data-testid="consents-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Subject</Table.Th>
              <Table.Th>Tenant</Table.Th>
              <Table.Th>Granted</Table.Th>
              <Table.Th>Revoke</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {active.map((c) => (
              <Table.Tr key={c.consent_id} data-testid="consent-row">
                <Table.Td fz="sm">{subjectText(c.subject)}</Table.Td>
                <Table.Td>{c.tenant}</Table.Td>
                <Table.Td fz="sm">{new Date(c.granted_at).toLocaleString()}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    color="red"
                    variant="light"
                    onClick={() => void run(revokeConsent(c.consent_id))}
                    aria-label={`Revoke the consent of ${subjectText(c.subject)}`}
                  >
                    Revoke
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
