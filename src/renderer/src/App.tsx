import {
  ActionIcon,
  AppShell,
  Badge,
  Group,
  Loader,
  NavLink,
  Stack,
  Text,
  Title
} from '@mantine/core'
import { Suspense } from 'react'
import { Link, Outlet, useLocation } from 'react-router'
import { ActiveFaultsIndicator } from './features/faults/ActiveFaultsIndicator'
import { NAV_ITEMS } from './routes'
import { useAppStore } from './stores/app-store'

/** True when `pathname` is the nav item's screen or an object under it. */
function isUnder(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`)
}

/** The app shell: header (title, live indicator, theme), navigation and the routed screen. */
export function App() {
  const { pathname } = useLocation()
  const theme = useAppStore((s) => s.theme)
  const toggleTheme = useAppStore((s) => s.toggleTheme)
  const live = useAppStore((s) => s.live)
  const streamCount = useAppStore((s) => s.streams.length)

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
            <ActiveFaultsIndicator />
            <Badge
              variant="dot"
              color={live ? 'teal' : 'gray'}
              title={live ? 'Following engine changes' : 'Reconnecting to the engine'}
              data-testid="live-indicator"
              data-live={live}
            >
              {live ? 'live' : 'offline'}
            </Badge>
            {window.ssfDesktop && (
              <ActionIcon
                variant="default"
                size="lg"
                aria-label="Open the data folder"
                title="Open the data folder"
                onClick={() => void window.ssfDesktop?.revealDataFolder()}
              >
                📁
              </ActionIcon>
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
            {NAV_ITEMS.map((item) => (
              <NavLink
                key={item.id}
                component={Link}
                to={item.to}
                label={item.label}
                description={item.hint}
                active={isUnder(pathname, item.to)}
                aria-current={isUnder(pathname, item.to) ? 'page' : undefined}
                rightSection={
                  item.id === 'streams' && streamCount > 0 ? (
                    <Badge size="sm" variant="light" circle>
                      {streamCount}
                    </Badge>
                  ) : undefined
                }
                data-testid={`nav-${item.id}`}
              />
            ))}
          </Stack>
        </nav>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loader aria-label="Loading the screen" />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  )
}
