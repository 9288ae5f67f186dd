/**
 * A running conformance check that waits for the app under test to act (from the live feed's
 * `check.waiting`; cleared by `check.finished`). The report pages show it as a countdown.
 * @module
 */
import type { UiEvent } from '../../../shared/api/ui-events'
import type { SliceCreator } from './types'

/** What a waiting check asks for, and until when. */
export type CheckWaiting = Omit<Extract<UiEvent, { type: 'check.waiting' }>, 'type'>

export interface CheckSlice {
  checkWaiting: CheckWaiting | undefined
  setCheckWaiting(waiting: CheckWaiting | undefined): void
}

export const createCheckSlice: SliceCreator<CheckSlice> = (set) => ({
  checkWaiting: undefined,
  setCheckWaiting: (checkWaiting) => set({ checkWaiting }, undefined, 'check/waiting')
})
