import {
  ActionIcon,
  AppShell,
  Badge,
  Group,
  NavLink,
  Stack,
  Text,
  Title,
  Tooltip
} from '@mantine/core'
import { useEffect } from 'react'
import { followLiveEvents } from './api/live-events'
import { FireEventPage } from './features/events/FireEventPage'
import { HomePage } from './features/home/HomePage'
import { ReceiversPage } from './features/receiver/ReceiversPage'
import { StreamsPage } from './features/transmitter/StreamsPage'
import { useAppStore } from './stores/app-store'
import type { Screen } from './stores/prefs-slice'

const NAV: { screen: Screen; label: string; hint: string }[] = [
  { screen: 'home', label: 'Home', hint: 'Connect your app' },
  { screen: 'streams', label: 'Streams', hint: 'Streams and subjects' },
  { screen: 'fire', label: 'Fire event', hint: 'Send a CAEP/RISC SET' },
  { screen: 'receiver', label: 'Receiver', hint: 'Test your Transmitter' }
]

/** The app shell: header (title, live indicator, theme), navigation and the current screen. */
export function App() {
  const screen = useAppStore((s) => s.screen)
  const setScreen = useAppStore((s) => s.setScreen)
  const theme = useAppStore((s) => s.theme)
  const toggleTheme = useAppStore((s) => s.toggleTheme)
  const live = useAppStore((s) => s.live)
  const streamCount = useAppStore((s) => s.streams.length)

  useEffect(() => {
    const { refreshAll, loadCatalog } = useAppStore.getState()
    void refreshAll()
    void loadCatalog()
    return followLiveEvents(useAppStore.getState)
  }, [])

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Title order={1} size="h4">
              SSF Simulator
            </Title>
            <Text size="sm" c="dimmed">
              Transmitter
            </Text>
          </Group>
          <Group gap="sm">
            <Tooltip label={live ? 'Following engine changes' : 'Reconnecting to the engine'}>
              <Badge
                variant="dot"
                color={live ? 'teal' : 'gray'}
                data-testid="live-indicator"
                data-live={live}
              >
                {live ? 'live' : 'offline'}
              </Badge>
            </Tooltip>
            {window.ssfDesktop && (
              <Tooltip label="Open the data folder">
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label="Open the data folder"
                  onClick={() => void window.ssfDesktop?.revealDataFolder()}
                >
                  📁
                </ActionIcon>
              </Tooltip>
            )}
            <ActionIcon
              variant="default"
              size="lg"
              onClick={toggleTheme}
              aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
              data-testid="theme-toggle"
            >
              {theme === 'dark' ? '☀' : '☾'}
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <nav aria-label="Main">
          <Stack gap={4}>
            {NAV.map((item) => (
              <NavLink
                key={item.screen}
                component="button"
                label={item.label}
                description={item.hint}
                active={screen === item.screen}
                aria-current={screen === item.screen ? 'page' : undefined}
                onClick={() => setScreen(item.screen)}
                rightSection={
                  item.screen === 'streams' && streamCount > 0 ? (
                    <Badge size="sm" variant="light" circle>
                      {streamCount}
                    </Badge>
                  ) : undefined
                }
                data-testid={`nav-${item.screen}`}
              />
            ))}
          </Stack>
        </nav>
      </AppShell.Navbar>
      <AppShell.Main>
        {screen === 'home' && <HomePage />}
        {screen === 'streams' && <StreamsPage />}
        {screen === 'fire' && <FireEventPage />}
        {screen === 'receiver' && <ReceiversPage />}
      </AppShell.Main>
    </AppShell>
  )
}
