import { Alert, Stack, Tabs, Text, Title } from '@mantine/core'
import { useEffect } from 'react'
import { useNavigate, useParams } from 'react-router'
import { paths } from '../../route-paths'
import { useAppStore } from '../../stores/app-store'
import { ClientsSection } from './ClientsSection'
import { ConsentSection } from './ConsentSection'
import { EngineSection } from './EngineSection'
import { OAuthSection } from './OAuthSection'
import { TenantsSection } from './TenantsSection'

const SECTIONS = [
  { id: 'clients', label: 'Clients and tokens', Section: ClientsSection },
  { id: 'tenants', label: 'Tenants', Section: TenantsSection },
  { id: 'oauth', label: 'OAuth clients', Section: OAuthSection },
  { id: 'consent', label: 'Subject consent', Section: ConsentSection },
  { id: 'engine', label: 'Engine', Section: EngineSection }
] as const

/** `#/settings/:section`: clients, tenants, OAuth clients, consent and the engine's settings. */
export function SettingsPage() {
  const section = useParams().section ?? 'clients'
  const navigate = useNavigate()
  const refreshSettings = useAppStore((s) => s.refreshSettings)
  const error = useAppStore((s) => s.settingsError)
  useEffect(() => {
    void refreshSettings()
  }, [refreshSettings])
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Settings</Title>
        <Text c="dimmed">Who may call the simulator, its tenants and how it runs.</Text>
      </div>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Tabs
        value={section}
        onChange={(v) => v && void navigate(paths.settings(v))}
        keepMounted={false}
      >
        <Tabs.List>
          {SECTIONS.map((s) => (
            <Tabs.Tab key={s.id} value={s.id} data-testid={`settings-tab-${s.id}`}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SECTIONS.map(({ id, Section }) => (
          <Tabs.Panel key={id} value={id} pt="md">
            <Section />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  )
}
