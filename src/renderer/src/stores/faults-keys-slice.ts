/**
 * Active faults (every stream's and receiver's, so any screen can badge them) and the signing
 * keys. Re-read from the control API; the live feed (`faults.changed`, `keys.rotated`) refreshes.
 * @module
 */
import type {
  FaultsOverview,
  KeysResponse,
  ReceiverFaults,
  StreamFaults
} from '../../../shared/api/inspector'
import { errorText } from '../api/client'
import { inspectorApi } from '../api/inspector-client'
import type { SliceCreator } from './types'

/** Faults and keys state and actions. */
export interface FaultsKeysSlice {
  faults: FaultsOverview
  faultsError: string | undefined
  keys: KeysResponse | undefined
  keysError: string | undefined
  refreshFaults(): Promise<void>
  setStreamFaults(streamId: string, faults: StreamFaults): Promise<void>
  clearStreamFaults(streamId: string): Promise<void>
  setReceiverFaults(receiverId: string, faults: ReceiverFaults): Promise<void>
  clearReceiverFaults(receiverId: string): Promise<void>
  refreshKeys(): Promise<void>
  rotateKey(graceSeconds: number, alg?: 'RS256' | 'ES256'): Promise<string>
}

export const createFaultsKeysSlice: SliceCreator<FaultsKeysSlice> = (set, get) => ({
  faults: { streams: {}, receivers: {} },
  faultsError: undefined,
  keys: undefined,
  keysError: undefined,
  async refreshFaults() {
    try {
      set({ faults: await inspectorApi.faults(), faultsError: undefined }, undefined, 'faults/load')
    } catch (err) {
      set({ faultsError: errorText(err) }, undefined, 'faults/error')
    }
  },
  async setStreamFaults(streamId, faults) {
    // An empty set of faults is no fault at all: clear instead of storing `{}`.
    if (Object.keys(faults).length === 0) await inspectorApi.clearStreamFaults(streamId)
    else await inspectorApi.setStreamFaults(streamId, faults)
    await get().refreshFaults()
  },
  async clearStreamFaults(streamId) {
    await inspectorApi.clearStreamFaults(streamId)
    await get().refreshFaults()
  },
  async setReceiverFaults(receiverId, faults) {
    if (Object.keys(faults).length === 0) await inspectorApi.clearReceiverFaults(receiverId)
    else await inspectorApi.setReceiverFaults(receiverId, faults)
    await get().refreshFaults()
  },
  async clearReceiverFaults(receiverId) {
    await inspectorApi.clearReceiverFaults(receiverId)
    await get().refreshFaults()
  },
  async refreshKeys() {
    try {
      set({ keys: await inspectorApi.keys(), keysError: undefined }, undefined, 'keys/load')
    } catch (err) {
      set({ keysError: errorText(err) }, undefined, 'keys/error')
    }
  },
  async rotateKey(graceSeconds, alg) {
    const r = await inspectorApi.rotateKey(
      alg === undefined ? { grace_seconds: graceSeconds } : { grace_seconds: graceSeconds, alg }
    )
    await get().refreshKeys()
    return r.kid
  }
})
