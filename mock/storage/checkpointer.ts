/**
 * WAL checkpoints off the request path. A checkpoint copies the WAL's pages into the database file and
 * fsyncs it; when SQLite runs one automatically it does so inside whichever commit crosses the threshold,
 * so that caller (and every request queued behind it on the one event loop) waits for the disk. Here a
 * worker thread with its own connection runs PASSIVE checkpoints, which never block the writer, and the
 * writer's own automatic checkpoint stays as a backstop at a larger threshold in case the worker falls behind.
 */
import { Worker } from 'node:worker_threads'

export interface Checkpointer {
  stop(): Promise<void>
}

/** Pages of WAL the writer tolerates before checkpointing itself (the worker normally keeps it far lower). */
export const WRITER_BACKSTOP_PAGES = 10_000
/** SQLite's own default, which the writer returns to if the worker dies. */
export const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1_000

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path)
db.pragma('busy_timeout = 5000')
let timer
function tick() {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (error) {
    // SQLITE_BUSY and the like: the next tick tries again; the writer's backstop keeps the WAL bounded.
  }
  timer = setTimeout(tick, workerData.intervalMs)
}
parentPort.once('message', () => {
  clearTimeout(timer)
  db.close()
  parentPort.close()
})
tick()
`

/**
 * `onFailure` runs (once) if the worker dies, e.g. cannot open the file; the writer should then go back to
 * checkpointing itself. A worker's uncaught error must never reach the server as an unhandled 'error' event.
 */
export function startCheckpointer(path: string, onFailure: (error: Error) => void, intervalMs = 100): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, intervalMs, driver: require.resolve('better-sqlite3') },
  })
  // Never keeps a process alive on its own: the server's HTTP listener does that.
  worker.unref()
  worker.once('error', (error) => onFailure(error))
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  let stopped = false
  return {
    stop() {
      if (!stopped) {
        stopped = true
        worker.postMessage('stop')
      }
      return exited
    },
  }
}
