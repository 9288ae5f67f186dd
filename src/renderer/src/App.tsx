import { ActionIcon, Badge, Group, Loader, Text, Title } from '@mantine/core'
import { Suspense } from 'react'
import { Link, Outlet, useLocation } from 'react-router'
import classes from './App.module.css'
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
    <>
      <header className={classes.header}>
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
      </header>
      <nav aria-label="Main" className={classes.navbar}>
        <div className={classes.items}>
          {NAV_ITEMS.map((item) => (
            <Link
              key={item.id}
              to={item.to}
              className={classes.item}
              aria-current={isUnder(pathname, item.to) ? 'page' : undefined}
              data-testid={`nav-${item.id}`}
            >
              <div className={classes.body}>
                <span className={classes.label}>{item.label}</span>
                <span className={classes.hint}>{item.hint}</span>
              </div>
              {item.id === 'streams' && streamCount > 0 && (
                <Badge size="sm" variant="light" circle>
                  {streamCount}
                </Badge>
              )}
            </Link>
          ))}
        </div>
      </nav>
      <main className={classes.main}>
        <Suspense fallback={<Loader aria-label="Loading the screen" />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  )
}
