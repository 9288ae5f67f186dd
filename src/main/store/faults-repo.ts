/**
 * The persisted faults of streams (`stream_faults`) and of our Receiver's push endpoints
 * (`receiver_faults`). Stored JSON that no longer reads as faults reads as absent.
 * @module
 */
import type { z } from 'zod'
import {
  receiverFaultsSchema,
  streamFaultsSchema,
  type ReceiverFaults,
  type StreamFaults
} from '../../shared/api/inspector'
import type { Db } from './sqlite'

function readJson<S extends z.ZodType>(schema: S, text: string): z.infer<S> | undefined {
  try {
    const r = schema.safeParse(JSON.parse(text))
    return r.success ? r.data : undefined
  } catch {
    return undefined
  }
}

/** Data access for stream and receiver faults. */
export function createFaultsRepo(db: Db) {
  const getStream = db.prepare<[string], { faults: string }>(
    'SELECT faults FROM stream_faults WHERE stream_id = ?'
  )
  const putStream = db.prepare<[string, string, number]>(
    'INSERT INTO stream_faults (stream_id, faults, updated_at) VALUES (?, ?, ?) ON CONFLICT(stream_id) DO UPDATE SET faults = excluded.faults, updated_at = excluded.updated_at'
  )
  const delStream = db.prepare<[string]>('DELETE FROM stream_faults WHERE stream_id = ?')
  const getReceiver = db.prepare<[string], { faults: string }>(
    'SELECT faults FROM receiver_faults WHERE receiver_id = ?'
  )
  const putReceiver = db.prepare<[string, string, number]>(
    'INSERT INTO receiver_faults (receiver_id, faults, updated_at) VALUES (?, ?, ?) ON CONFLICT(receiver_id) DO UPDATE SET faults = excluded.faults, updated_at = excluded.updated_at'
  )
  const delReceiver = db.prepare<[string]>('DELETE FROM receiver_faults WHERE receiver_id = ?')
  const allStreams = db.prepare<[], { stream_id: string; faults: string }>(
    'SELECT stream_id, faults FROM stream_faults'
  )
  const allReceivers = db.prepare<[], { receiver_id: string; faults: string }>(
    'SELECT receiver_id, faults FROM receiver_faults'
  )

  return {
    stream(streamId: string): StreamFaults | undefined {
      const row = getStream.get(streamId)
      return row && readJson(streamFaultsSchema, row.faults)
    },
    putStream(streamId: string, f: StreamFaults, at: number): void {
      putStream.run(streamId, JSON.stringify(f), at)
    },
    deleteStream(streamId: string): void {
      delStream.run(streamId)
    },
    receiver(receiverId: string): ReceiverFaults | undefined {
      const row = getReceiver.get(receiverId)
      return row && readJson(receiverFaultsSchema, row.faults)
    },
    putReceiver(receiverId: string, f: ReceiverFaults, at: number): void {
      putReceiver.run(receiverId, JSON.stringify(f), at)
    },
    deleteReceiver(receiverId: string): void {
      delReceiver.run(receiverId)
    },
    /** Every stream id that has a row (whatever its faults read as). */
    streamIds(): string[] {
      return allStreams.all().map((r) => r.stream_id)
    },
    /** Every stream's faults that still read as faults. */
    allStreams(): [string, StreamFaults][] {
      return allStreams.all().flatMap((r) => {
        const f = readJson(streamFaultsSchema, r.faults)
        return f ? [[r.stream_id, f] as [string, StreamFaults]] : []
      })
    },
    /** Every receiver's faults that still read as faults. */
    allReceivers(): [string, ReceiverFaults][] {
      return allReceivers.all().flatMap((r) => {
        const f = readJson(receiverFaultsSchema, r.faults)
        return f ? [[r.receiver_id, f] as [string, ReceiverFaults]] : []
      })
    }
  }
}

/** The faults repo. */
export type FaultsRepo = ReturnType<typeof createFaultsRepo>
