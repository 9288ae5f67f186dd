/**
 * Every screen and selected object of the app at its own URL (hash routing, so the same routes
 * work in Electron, in a browser and behind the engine's SPA fallback). One entry per route: add a
 * screen with one line here. Home, the first screen, is in the entry chunk (no second round trip
 * before it shows); every other screen's code loads on first visit (route-level splitting), so
 * the first screen never waits for the code editor or for screens it does not show.
 * @module
 */
import type { ComponentType } from 'react'
import type { LoaderFunction, RouteObject } from 'react-router'
import { filterFromQuery } from '../../shared/traffic/filter'
import { HomePage } from './features/home/HomePage'
import { useAppStore } from './stores/app-store'

/** A screen module: lazily imported, its component picked by name. */
type Screen = () => Promise<{ Component: ComponentType }>

/** A lazy screen: its module, and the component it shows. */
function screen<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): Screen {
  return async () => ({ Component: pick(await load()) })
}

const streamsModule = () => import('./features/transmitter/StreamsPage')
const fireModule = () => import('./features/events/FireEventPage')
const receiversModule = () => import('./features/receiver/ReceiversPage')
const checkModule = () => import('./features/conformance/CheckPages')
const faultsModule = () => import('./features/faults/StreamFaultsPage')
const timelineModule = () => import('./features/timeline/TimelinePage')
const keysModule = () => import('./features/keys/KeysPage')
const settingsModule = () => import('./features/settings/SettingsPage')
const trafficModule = () => import('./features/traffic/TrafficPage')

const streams = screen(streamsModule, (m) => m.StreamsPage)
const fire = screen(fireModule, (m) => m.FireEventPage)
const receivers = screen(receiversModule, (m) => m.ReceiversPage)
const streamCheck = screen(checkModule, (m) => m.StreamCheckPage)
const receiverCheck = screen(checkModule, (m) => m.ReceiverCheckPage)
const faults = screen(faultsModule, (m) => m.StreamFaultsPage)
const timeline = screen(timelineModule, (m) => m.TimelinePage)
const keys = screen(keysModule, (m) => m.KeysPage)
const settings = screen(settingsModule, (m) => m.SettingsPage)
const traffic = screen(trafficModule, (m) => m.TrafficPage)

/**
 * The traffic screen's first page is asked for as its route is entered, beside the screen's code
 * and first render, not after them (the screen's own request for the same filter joins this one).
 * Returns at once: the screen shows its loading state until the rows are in.
 */
const trafficFirstPage: LoaderFunction = ({ request }) => {
  void useAppStore.getState().loadTraffic(filterFromQuery(new URL(request.url).searchParams))
  return null
}

/**
 * Fetches the other screens' code one after another, so that moving to them later
 * waits for nothing. Called once the first screen is shown and the page is idle; the most used
 * screens come first. Fire is left to its first visit: it brings the code editor (400 kB).
 */
export async function warmScreens(): Promise<void> {
  const order = [trafficModule, streamsModule, receiversModule]
  for (const load of order) await load().catch(() => undefined)
}

/** The screens under the app shell, one line each. Params name the selected object. */
export const SCREEN_ROUTES: RouteObject[] = [
  { index: true, Component: HomePage },
  { path: 'streams', lazy: streams },
  { path: 'streams/:streamId', lazy: streams },
  { path: 'streams/:streamId/check', lazy: streamCheck },
  { path: 'streams/:streamId/faults', lazy: faults },
  { path: 'streams/:streamId/timeline', lazy: timeline },
  { path: 'streams/:streamId/timeline/:item', lazy: timeline },
  { path: 'keys', lazy: keys },
  { path: 'settings', lazy: settings },
  { path: 'settings/:section', lazy: settings },
  { path: 'fire', lazy: fire },
  { path: 'receivers', lazy: receivers },
  { path: 'receivers/:receiverId', lazy: receivers },
  { path: 'receivers/:receiverId/check', lazy: receiverCheck },
  { path: 'receivers/:receiverId/inbox/:entryId', lazy: receivers },
  { path: 'traffic', lazy: traffic, loader: trafficFirstPage },
  { path: 'traffic/:exchangeId', lazy: traffic, loader: trafficFirstPage }
]

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
