import '@mantine/core/styles.css'
import { MantineProvider } from '@mantine/core'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider, createHashRouter } from 'react-router'
import { App } from './App'
import { NotFound } from './components/NotFound'
import { SCREEN_ROUTES, warmScreens } from './routes'
import { startEngineData } from './start-engine-data'
import { useAppStore } from './stores/app-store'
import { cssVariablesResolver, theme } from './theme'

const router = createHashRouter([
  {
    path: '/',
    element: <App />,
    children: [...SCREEN_ROUTES, { path: '*', element: <NotFound /> }]
  }
])

/** Mantine follows the theme in the prefs slice (the only place it is persisted). */
function Root() {
  const scheme = useAppStore((s) => s.theme)
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      forceColorScheme={scheme}
    >
      <RouterProvider router={router} />
    </MantineProvider>
  )
}

/** Runs `task` when the page has nothing else to do (soon, at the latest). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 })
  else setTimeout(task, 200)
}

// Before the first render: the session request runs while React and the first screen mount.
// Once the first screen has its data, the other screens' code loads in the background.
void startEngineData(useAppStore.getState).then(() => whenIdle(() => void warmScreens()))

/** The longest the first render waits for the session before it shows the loading state. */
const SESSION_WAIT_MS = 300

/** Resolves once the session is in the store or has failed to load. */
function sessionSettled(): Promise<void> {
  const settled = () => {
    const s = useAppStore.getState()
    return s.session !== undefined || s.sessionError !== undefined
  }
  return new Promise((resolve) => {
    if (settled()) return resolve()
    const stop = useAppStore.subscribe(() => {
      if (!settled()) return
      stop()
      resolve()
    })
  })
}

function render(): void {
  const root = document.getElementById('root')
  if (root)
    createRoot(root).render(
      <StrictMode>
        <Root />
      </StrictMode>
    )
}

// The session is asked for by index.html (a preload) and is usually in before this script has
// run: rendering once it is in lays out the shell and the first screen once, instead of the
// shell with a loader and then the screen again.
void Promise.race([
  sessionSettled(),
  new Promise((resolve) => setTimeout(resolve, SESSION_WAIT_MS))
]).then(render)
