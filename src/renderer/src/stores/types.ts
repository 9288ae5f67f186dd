/**
 * The combined store's shape and the middleware list every slice is typed against.
 * @module
 */
import type { StateCreator } from 'zustand'
import type { CatalogSlice } from './catalog-slice'
import type { DeliveriesSlice } from './deliveries-slice'
import type { CheckSlice } from './check-slice'
import type { FaultsKeysSlice } from './faults-keys-slice'
import type { PrefsSlice } from './prefs-slice'
import type { ReceiverSlice } from './receiver-slice'
import type { SettingsSlice } from './settings-slice'
import type { TimelineSlice } from './timeline-slice'
import type { TrafficSlice } from './traffic-slice'
import type { TransmitterSlice } from './transmitter-slice'

/** Everything in the bound store. */
export type AppState = TransmitterSlice &
  ReceiverSlice &
  FaultsKeysSlice &
  SettingsSlice &
  TimelineSlice &
  CatalogSlice &
  PrefsSlice &
  TrafficSlice &
  DeliveriesSlice &
  CheckSlice

/** Middleware applied in `app-store.ts` (and only there). */
export type Mutators = [['zustand/devtools', never], ['zustand/persist', unknown]]

/** A slice creator of {@link AppState}. */
export type SliceCreator<Slice> = StateCreator<AppState, Mutators, [], Slice>
