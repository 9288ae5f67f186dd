/**
 * Every screen and selected object of the app at its own URL (hash routing, so the same routes
 * work in Electron, in a browser and behind the engine's SPA fallback). One entry per route: add a
 * screen with one line here. Home, the first screen, is in the entry chunk (no second round trip
 * before it shows); every other screen's code loads on first visit (route-level splitting), so
 * the first screen never waits for the code editor or for screens it does not show.
 * @module
 */
import { lazy, useEffect, useState, type ComponentType } from 'react'
import { matchRoutes, useLocation, type RouteObject } from 'react-router'
import { filterFromQuery } from '../../shared/traffic/filter'
import { NotFound } from './components/NotFound'
import { HomePage } from './features/home/HomePage'
import { useAppStore } from './stores/app-store'

/** A screen whose code loads on its first visit, or before it with `preload`. */
type LazyScreen = ComponentType & { preload(): Promise<void> }

/**
 * A lazy screen: its module, and the name of the component it shows. Once its code is in
 * (preloaded, or shown before), it renders at once instead of suspending: a suspended screen
 * shows the loading state, and React then holds the screen back for up to 300 ms.
 */
function screen<M extends Record<K, ComponentType>, K extends keyof M>(
  load: () => Promise<M>,
  name: K
): LazyScreen {
  let ready: ComponentType | undefined
  const preload = async () => {
    ready = (await load())[name]
  }
  const Lazy = lazy(async () => {
    await preload()
    return { default: ready ?? NotFound }
  })
  function Screen() {
    // Chosen once per mount: switching between the two would remount the screen.
    const [Shown] = useState<ComponentType>(() => ready ?? Lazy)
    return <Shown />
  }
  return Object.assign(Screen, { preload })
}

const Streams = screen(() => import('./features/transmitter/StreamsPage'), 'StreamsPage')
const Fire = screen(() => import('./features/events/FireEventPage'), 'FireEventPage')
const Receivers = screen(() => import('./features/receiver/ReceiversPage'), 'ReceiversPage')
const checkModule = () => import('./features/conformance/CheckPages')
const StreamCheck = screen(checkModule, 'StreamCheckPage')
const ReceiverCheck = screen(checkModule, 'ReceiverCheckPage')
const Faults = screen(() => import('./features/faults/StreamFaultsPage'), 'StreamFaultsPage')
const Timeline = screen(() => import('./features/timeline/TimelinePage'), 'TimelinePage')
const Keys = screen(() => import('./features/keys/KeysPage'), 'KeysPage')
const Settings = screen(() => import('./features/settings/SettingsPage'), 'SettingsPage')
const Traffic = screen(() => import('./features/traffic/TrafficPage'), 'TrafficPage')

/**
 * The traffic screen. Its first page is asked for as its route is entered (and when the filter
 * in the URL changes), as the route loader did; the screen's own request for the same filter
 * joins this one.
 */
function TrafficScreen() {
  const { search } = useLocation()
  useEffect(() => {
    void useAppStore.getState().loadTraffic(filterFromQuery(new URLSearchParams(search)))
  }, [search])
  return <Traffic />
}

/**
 * Fetches the other screens' code one after another, so that moving to them later
 * waits for nothing. Called once the first screen is shown and the page is idle; the most used
 * screens come first. Fire is left to its first visit: it brings the code editor (400 kB).
 */
export async function warmScreens(): Promise<void> {
  for (const s of [Traffic, Streams, Receivers]) await s.preload().catch(() => undefined)
}

/** The lazy screen each route shows, for {@link preloadScreenAt}. */
const screens = new Map<RouteObject, LazyScreen>()

/** A route to a lazy screen: `Shown`, or `element` when a wrapper shows it. */
function route(path: string, Shown: LazyScreen, element = <Shown />): RouteObject {
  const r: RouteObject = { path, element }
  screens.set(r, Shown)
  return r
}

/** The screens under the app shell, one line each. Params name the selected object. */
export const SCREEN_ROUTES: RouteObject[] = [
  { index: true, element: <HomePage /> },
  route('streams', Streams),
  route('streams/:streamId', Streams),
  route('streams/:streamId/check', StreamCheck),
  route('streams/:streamId/faults', Faults),
  route('streams/:streamId/timeline', Timeline),
  route('streams/:streamId/timeline/:item', Timeline),
  route('keys', Keys),
  route('settings', Settings),
  route('settings/:section', Settings),
  route('fire', Fire),
  route('receivers', Receivers),
  route('receivers/:receiverId', Receivers),
  route('receivers/:receiverId/check', ReceiverCheck),
  route('receivers/:receiverId/inbox/:entryId', Receivers),
  route('traffic', Traffic, <TrafficScreen />),
  route('traffic/:exchangeId', Traffic, <TrafficScreen />),
  { path: '*', element: <NotFound /> }
]

/**
 * Loads the code of the screen at `pathname` (a link opened in a new tab, a reload), so that the
 * first render shows it rather than a loading state. Resolves at once for Home.
 */
export async function preloadScreenAt(pathname: string): Promise<void> {
  const matched = matchRoutes(SCREEN_ROUTES, pathname)?.at(-1)?.route
  await (matched &&
    screens
      .get(matched)
      ?.preload()
      .catch(() => undefined))
}

/** Links of the main navigation, in order (`id` names the `nav-<id>` test id). */
export const NAV_ITEMS: { id: string; to: string; label: string; hint: string }[] = [
  { id: 'home', to: '/', label: 'Home', hint: 'Connect your app' },
  { id: 'streams', to: '/streams', label: 'Streams', hint: 'Streams and subjects' },
  { id: 'fire', to: '/fire', label: 'Fire event', hint: 'Send a CAEP/RISC SET' },
  { id: 'traffic', to: '/traffic', label: 'Traffic', hint: 'Every push and poll, live' },
  { id: 'receiver', to: '/receivers', label: 'Receiver', hint: 'Test your Transmitter' },
  { id: 'keys', to: '/keys', label: 'Keys', hint: 'Signing keys and JWKS' },
  { id: 'settings', to: '/settings', label: 'Settings', hint: 'Clients, tenants, consent' }
]
