/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that
 * crosses 1000 WAL pages: it copies the pages into the database file and syncs it, on the main
 * thread (in `npm run bench` it made a commit cost several times its usual price, and under a
 * busy disk it stalled the event loop for seconds). Here a worker thread with its own connection
 * runs passive checkpoints instead: they never block a writer, and commits only append to the WAL.
 * @see https://www.sqlite.org/wal.html#automatic_checkpoint
 * @module
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Database } from 'better-sqlite3'

/** How often the worker checkpoints, ms. */
export const CHECKPOINT_MS = 200

/** SQLite's default `wal_autocheckpoint` (pages), restored when the worker is gone. */
const AUTO_PAGES = 1000

// CommonJS run by the worker (`eval`): the build has no separate entry for it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 0')
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // Busy or closing: the next turn tries again.
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs)
parentPort.on('message', () => {
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort.close()
})
`

/**
 * Move the checkpoints of `db` (a WAL database file) to a worker thread. Returns the function
 * that stops the worker (last checkpoint, then its connection closes); call it before closing
 * `db`. Without a worker (it failed to start or died) SQLite checkpoints by itself again.
 */
export function startCheckpointer(db: Database, intervalMs = CHECKPOINT_MS): () => Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file: db.name, intervalMs },
    // It only runs SQL: a small heap keeps its memory small.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 }
  })
  worker.unref()
  db.pragma('wal_autocheckpoint = 0')
  const restore = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_PAGES}`)
  }
  worker.on('error', restore)
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return () => {
    worker.postMessage('stop')
    return exited.then(restore)
  }
}
