/**
 * Receiver state owned by the engine and re-read from the control API: the registered external
 * Transmitters and each one's inbox. The live feed (`receiver.set`) refreshes the inbox it names.
 * @module
 */
import type { InboxEntryView } from '../../../shared/api/contract'
import { errorText } from '../api/client'
import { receiversApi, type ReceiverSummary } from '../api/receivers-client'
import type { SliceCreator } from './types'

/** Receiver state and actions. */
export interface ReceiverSlice {
  receivers: ReceiverSummary[]
  receiversLoaded: boolean
  receiversError: string | undefined
  /** Received SETs per receiver id (loaded on first view, then kept live). */
  inboxes: Record<string, InboxEntryView[]>
  inboxErrors: Record<string, string>
  refreshReceivers(): Promise<void>
  refreshInbox(receiverId: string): Promise<void>
  registerReceiver(body: Parameters<typeof receiversApi.create>[0]): Promise<ReceiverSummary>
  removeReceiver(receiverId: string): Promise<void>
}

export const createReceiverSlice: SliceCreator<ReceiverSlice> = (set, get) => ({
  receivers: [],
  receiversLoaded: false,
  receiversError: undefined,
  inboxes: {},
  inboxErrors: {},
  async refreshReceivers() {
    try {
      const receivers = await receiversApi.list()
      set(
        { receivers, receiversLoaded: true, receiversError: undefined },
        undefined,
        'receiver/list'
      )
    } catch (err) {
      set(
        { receiversError: errorText(err), receiversLoaded: true },
        undefined,
        'receiver/listError'
      )
    }
  },
  async refreshInbox(receiverId) {
    try {
      const entries = await receiversApi.inbox(receiverId)
      const { [receiverId]: _stale, ...errors } = get().inboxErrors
      set(
        { inboxes: { ...get().inboxes, [receiverId]: entries }, inboxErrors: errors },
        undefined,
        'receiver/inbox'
      )
    } catch (err) {
      set(
        { inboxErrors: { ...get().inboxErrors, [receiverId]: errorText(err) } },
        undefined,
        'receiver/inboxError'
      )
    }
  },
  async registerReceiver(body) {
    const created = await receiversApi.create(body)
    await get().refreshReceivers()
    return created
  },
  async removeReceiver(receiverId) {
    await receiversApi.remove(receiverId)
    const { [receiverId]: _gone, ...inboxes } = get().inboxes
    set({ inboxes }, undefined, 'receiver/removed')
    await get().refreshReceivers()
  }
})
