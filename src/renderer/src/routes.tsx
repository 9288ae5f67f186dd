/**
 * Every screen and selected object of the app at its own URL (hash routing, so the same routes
 * work in Electron, in a browser and behind the engine's SPA fallback). One entry per route: add a
 * screen with one line here. Home, the first screen, is in the entry chunk (no second round trip
 * before it shows); every other screen's code loads on first visit (route-level splitting), so
 * the first screen never waits for the code editor or for screens it does not show.
 * @module
 */
import type { ComponentType } from 'react'
import type { RouteObject } from 'react-router'
import { HomePage } from './features/home/HomePage'

/** A screen module: lazily imported, its component picked by name. */
type Screen = () => Promise<{ Component: ComponentType }>

const streams: Screen = () =>
  import('./features/transmitter/StreamsPage').then((m) => ({ Component: m.StreamsPage }))
const fire: Screen = () =>
  import('./features/events/FireEventPage').then((m) => ({ Component: m.FireEventPage }))
const receivers: Screen = () =>
  import('./features/receiver/ReceiversPage').then((m) => ({ Component: m.ReceiversPage }))
const streamCheck: Screen = () =>
  import('./features/conformance/CheckPages').then((m) => ({ Component: m.StreamCheckPage }))
const receiverCheck: Screen = () =>
  import('./features/conformance/CheckPages').then((m) => ({ Component: m.ReceiverCheckPage }))
const faults: Screen = () =>
  import('./features/faults/StreamFaultsPage').then((m) => ({ Component: m.StreamFaultsPage }))
const timeline: Screen = () =>
  import('./features/timeline/TimelinePage').then((m) => ({ Component: m.TimelinePage }))
const keys: Screen = () =>
  import('./features/keys/KeysPage').then((m) => ({ Component: m.KeysPage }))
const settings: Screen = () =>
  import('./features/settings/SettingsPage').then((m) => ({ Component: m.SettingsPage }))
const traffic: Screen = () =>
  import('./features/traffic/TrafficPage').then((m) => ({ Component: m.TrafficPage }))

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
  { path: 'traffic', lazy: traffic },
  { path: 'traffic/:exchangeId', lazy: traffic }
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
