import '@mantine/core/styles.css'
import { MantineProvider } from '@mantine/core'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { HashRouter, useRoutes, type RouteObject } from 'react-router'
import { App } from './App'
import { SCREEN_ROUTES, preloadScreenAt, warmScreens } from './routes'
import { startEngineData, startSession } from './start-engine-data'
import { useAppStore } from './stores/app-store'
import { cssVariablesResolver, theme } from './theme'

/** Every route: the app shell, and the screen the URL names inside it. */
const ROUTES: RouteObject[] = [{ path: '/', element: <App />, children: SCREEN_ROUTES }]

/**
 * The screen the URL names. React Router in declarative mode: the app needs no loaders or
 * actions, and the data router's code would add half again to the first screen's script.
 */
function Screens() {
  return useRoutes(ROUTES)
}

/** Mantine follows the theme in the prefs slice (the only place it is persisted). */
function Root() {
  const scheme = useAppStore((s) => s.theme)
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      forceColorScheme={scheme}
    >
      <HashRouter>
        <Screens />
      </HashRouter>
    </MantineProvider>
  )
}

/** Runs `task` when the page has nothing else to do (soon, at the latest). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 })
  else setTimeout(task, 200)
}

/**
 * Runs `task` once the next frame is drawn. A hidden page draws no frames: there it runs at once,
 * and at the latest after a second (a window hidden without saying so).
 */
function afterNextFrame(task: () => void): void {
  let done = false
  const once = () => {
    if (done) return
    done = true
    task()
  }
  if (document.visibilityState === 'hidden') return once()
  requestAnimationFrame(() => setTimeout(once, 0))
  setTimeout(once, 1000)
}

// Before the first render: the session request runs while React and the first screen mount.
void startSession(useAppStore.getState)

/** The longest the first render waits for the session and the screen's code. */
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
// Everything else is asked for once the first screen is drawn: its answers and their checks
// (zod's chunk) would otherwise run before that frame. Then, beside them, the other screens'
// code loads, so that a click on one soon after the start finds it in.
// A link to another screen (a reload, a new tab) brings that screen's code first, as well.
const screenPath = window.location.hash.replace(/^#/, '').split('?')[0] || '/'
void Promise.race([
  Promise.all([sessionSettled(), preloadScreenAt(screenPath)]),
  new Promise((resolve) => setTimeout(resolve, SESSION_WAIT_MS))
]).then(() => {
  render()
  afterNextFrame(() => {
    void startEngineData(useAppStore.getState)
    whenIdle(() => void warmScreens())
  })
})
