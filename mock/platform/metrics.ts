/**
 * Prometheus metrics (prom-client). Each process counts its own calls; with CLOUD_WORKERS the worker that gets
 * a scrape asks the primary, which collects every worker's registry (prom-client's AggregatorRegistry) and
 * answers the sums, so one scrape of the shared port sees the whole service whichever worker takes it.
 */
import cluster from 'node:cluster'
import { AggregatorRegistry, Counter, Gauge, Histogram, collectDefaultMetrics, type Registry, type RegistryContentType } from 'prom-client'

export interface Metrics {
  readonly registry: Registry<RegistryContentType>
  /** one finished call of a cloud function: its name (or "(unknown)"), its outcome code ("OK" on success) */
  recordCall(fn: string, code: string, durationMs: number): void
  /** one transaction run again after it lost a conflict (mock/storage/retry.ts) */
  recordRetry(): void
  /** what one pass of the reminder outbox did */
  recordReminderPass(outcomes: Record<string, number>): void
  /** open, idle and awaited connections of a mysql2 pool, read at each scrape */
  watchPool(pool: unknown): void
  /** the due reminders not yet handled, read at each scrape (the process that sends them only) */
  watchOutbox(countDue: () => Promise<number>): void
  /** the exposition text: this process's, or the whole cluster's from a worker */
  text(): Promise<string>
  readonly contentType: string
}

/** Calls are mostly a few ms; WeChat's code2Session and long exports reach seconds. */
const DURATION_BUCKETS_SECONDS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const ASK_PRIMARY = 'glp:metrics?'
const PRIMARY_ANSWER = 'glp:metrics'
/** prom-client gives up on a silent worker after 5 s; the asking worker waits a little longer than that. */
const ASK_PRIMARY_TIMEOUT_MS = 6_000

interface PoolInternals {
  _allConnections?: { length: number }
  _freeConnections?: { length: number }
  _connectionQueue?: { length: number }
}

export function createMetrics(): Metrics {
  // An AggregatorRegistry is a Registry that, in a worker, also answers the primary's requests for its metrics.
  const registry = new AggregatorRegistry()
  AggregatorRegistry.setRegistries([registry])
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  const calls = new Counter({
    name: 'glp_calls_total',
    help: 'Cloud function calls answered, by function and outcome code (OK or the contract error code).',
    labelNames: ['function', 'code'],
    registers,
  })
  const durationSeconds = new Histogram({
    name: 'glp_call_duration_seconds',
    help: 'Time from the request to the answer of a cloud function call, by function.',
    labelNames: ['function'],
    buckets: DURATION_BUCKETS_SECONDS,
    registers,
  })
  const retries = new Counter({
    name: 'glp_transaction_retries_total',
    help: 'Transactions run again after losing a conflict (deadlock, lock wait, busy database).',
    registers,
  })
  const reminders = new Counter({ name: 'glp_reminders_total', help: 'Due reminders handled by the outbox, by outcome.', labelNames: ['outcome'], registers })

  const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>()
  let nextAsk = 0
  if (cluster.isWorker) {
    process.on('message', (message: { type?: string; id?: number; text?: string; error?: string }) => {
      if (message?.type !== PRIMARY_ANSWER || typeof message.id !== 'number') return
      const ask = pending.get(message.id)
      pending.delete(message.id)
      if (message.error !== undefined || typeof message.text !== 'string') ask?.reject(new Error(message.error ?? 'no metrics text'))
      else ask?.resolve(message.text)
    })
  }

  function askPrimary(): Promise<string> {
    const id = nextAsk++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new Error('the primary did not answer with the cluster metrics in time'))
      }, ASK_PRIMARY_TIMEOUT_MS)
      pending.set(id, {
        resolve: (text) => (clearTimeout(timer), resolve(text)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      })
      process.send?.({ type: ASK_PRIMARY, id })
    })
  }

  return {
    registry,
    contentType: registry.contentType,
    recordCall(fn, code, durationMs) {
      calls.inc({ function: fn, code })
      durationSeconds.observe({ function: fn }, durationMs / 1000)
    },
    recordRetry: () => retries.inc(),
    recordReminderPass(outcomes) {
      for (const [outcome, n] of Object.entries(outcomes)) if (n > 0) reminders.inc({ outcome }, n)
    },
    watchPool(pool) {
      // mysql2 keeps these counts on its callback pool only; they are read, never changed.
      const inner = (pool as { pool?: PoolInternals })?.pool
      if (!inner?._allConnections) return
      new Gauge({
        name: 'glp_db_pool_connections',
        help: 'MySQL pool connections of this process, by state (open includes idle).',
        labelNames: ['state'],
        registers,
        collect() {
          this.set({ state: 'open' }, inner._allConnections?.length ?? 0)
          this.set({ state: 'idle' }, inner._freeConnections?.length ?? 0)
          this.set({ state: 'waiting' }, inner._connectionQueue?.length ?? 0)
        },
      })
    },
    watchOutbox(countDue) {
      new Gauge({
        name: 'glp_reminder_outbox_due',
        help: 'Reminders whose time has come and that the outbox has not handled yet (counted up to 1000).',
        registers,
        async collect() {
          try {
            this.set(await countDue())
          } catch {
            // A database that does not answer shows on /readyz; the scrape still gets everything else.
          }
        },
      })
    },
    text: () => (cluster.isWorker && process.send ? askPrimary() : registry.metrics()),
  }
}

/** In the primary of CLOUD_WORKERS: answers a worker's request for the whole cluster's metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry()
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== ASK_PRIMARY || typeof message.id !== 'number') return
    const id = message.id
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: PRIMARY_ANSWER, id, text }),
      (error: Error) => worker.isConnected() && worker.send({ type: PRIMARY_ANSWER, id, error: error.message }),
    )
  })
}
