/**
 * Transmitter state owned by the engine and re-read from the control API: session, clients,
 * streams (with subjects). Actions call the API, then refresh; errors are rethrown so the
 * component that caused them can show them in place.
 * @module
 */
import type {
  ClientSummary,
  CreateStreamForClientRequest,
  SessionInfo,
  StreamView,
  UpdateStreamRequest
} from '../../../shared/api/contract'
import type { StreamStatusValue, SubjectIdentifier } from '../../../shared/ssf'
import { api, errorText } from '../api/client'
import type { SliceCreator } from './types'

/** Transmitter state and actions. */
export interface TransmitterSlice {
  session: SessionInfo | undefined
  sessionError: string | undefined
  clients: ClientSummary[]
  streams: StreamView[]
  streamsLoaded: boolean
  streamsError: string | undefined
  live: boolean
  setLive(live: boolean): void
  refreshAll(): Promise<void>
  /** Clients and streams (when there is a session): what the screens list. */
  refreshLists(): Promise<void>
  refreshSession(): Promise<void>
  refreshClients(): Promise<void>
  refreshStreams(): Promise<void>
  createStream(body: CreateStreamForClientRequest): Promise<StreamView>
  updateStream(id: string, body: UpdateStreamRequest): Promise<void>
  deleteStream(id: string): Promise<void>
  setStreamStatus(id: string, status: StreamStatusValue, reason?: string): Promise<void>
  verifyStream(id: string): Promise<void>
  addSubject(id: string, subject: SubjectIdentifier): Promise<void>
  removeSubject(id: string, subject: SubjectIdentifier): Promise<void>
}

export const createTransmitterSlice: SliceCreator<TransmitterSlice> = (set, get) => ({
  session: undefined,
  sessionError: undefined,
  clients: [],
  streams: [],
  streamsLoaded: false,
  streamsError: undefined,
  live: false,
  setLive: (live) => set({ live }, undefined, 'transmitter/setLive'),
  async refreshAll() {
    await get().refreshSession()
    await get().refreshLists()
  },
  async refreshLists() {
    if (get().session) await Promise.all([get().refreshClients(), get().refreshStreams()])
  },
  async refreshSession() {
    try {
      set(
        { session: await api.session(), sessionError: undefined },
        undefined,
        'transmitter/session'
      )
    } catch (err) {
      set({ sessionError: errorText(err) }, undefined, 'transmitter/sessionError')
    }
  },
  async refreshClients() {
    try {
      set({ clients: await api.clients() }, undefined, 'transmitter/clients')
    } catch {
      // The client list only feeds the "for client" picker; streams show their own errors.
    }
  },
  async refreshStreams() {
    try {
      const streams = await api.streams()
      set(
        { streams, streamsLoaded: true, streamsError: undefined },
        undefined,
        'transmitter/streams'
      )
    } catch (err) {
      set(
        { streamsError: errorText(err), streamsLoaded: true },
        undefined,
        'transmitter/streamsError'
      )
    }
  },
  async createStream(body) {
    const view = await api.createStream(body)
    await get().refreshStreams()
    return view
  },
  async updateStream(id, body) {
    await api.updateStream(id, body)
    await get().refreshStreams()
  },
  async deleteStream(id) {
    await api.deleteStream(id)
    await get().refreshStreams()
  },
  async setStreamStatus(id, status, reason) {
    await api.setStatus(id, reason === undefined ? { status } : { status, reason })
    await get().refreshStreams()
  },
  async verifyStream(id) {
    await api.verify(id, { state: `ui-${Date.now().toString(36)}` })
    await get().refreshStreams()
  },
  async addSubject(id, subject) {
    await api.addSubject(id, { subject })
    await get().refreshStreams()
  },
  async removeSubject(id, subject) {
    await api.removeSubject(id, { subject })
    await get().refreshStreams()
  }
})
