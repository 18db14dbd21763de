import cluster, { type Worker } from 'node:cluster'
import type { Logger } from 'pino'
import client from 'prom-client'
import type { AdmissionLimits } from './admission.ts'

// One server process per core on PostgreSQL (docs/decisions/023-one-process-per-core.md).
// The primary migrates and seeds once (primary.ts), forks the workers, restarts one that
// dies (with a backoff against crash loops), relays job kicks to the worker that runs the
// job queue, answers /metrics for all of them, and on SIGTERM lets each shut down
// gracefully. The workers share the listening port (node:cluster hands out connections).

/** Which worker this is (0 … processes-1); a restarted worker keeps its slot. Slot 0 runs the job queue. */
export const SLOT_ENV = 'WINNER_PROCESS_SLOT'

export type Kick = 'mail' | 'messages' | 'jippnas'

type ToPrimary = { winner: 'kick'; kick: Kick } | { winner: 'metrics'; id: number }
type ToWorker =
  | { winner: 'kick'; kick: Kick }
  | { winner: 'shutdown'; signal: string }
  | { winner: 'metrics'; id: number; text?: string; error?: string }

/** A worker that lived shorter than this before dying counts as a crash loop. */
export const STABLE_AFTER_MS = 30_000
const MAX_RESTART_DELAY_MS = 30_000

/**
 * How long to wait before restarting a worker that died: at once after a good run,
 * 1 s, 2 s, 4 s … up to 30 s while it keeps dying within STABLE_AFTER_MS of its start.
 */
export function restartDelay(quickDeathsInARow: number): number {
  if (quickDeathsInARow <= 0) return 0
  return Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (quickDeathsInARow - 1))
}

interface Slot {
  worker: Worker | null
  startedAt: number
  quickDeaths: number
  timer: NodeJS.Timeout | null
}

/**
 * Runs the primary until every worker has exited after a shutdown; resolves with the
 * exit code (0 when all shut down cleanly). The caller has prepared the database.
 */
export function runPrimary(options: {
  processes: number
  log: Logger
  shutdownTimeoutMs: number
  /** The instance's limits, shared out among the workers (config.ts admissionShare); said once at start. */
  admission?: AdmissionLimits
}): Promise<number> {
  const { log } = options
  const slots: Slot[] = []
  const aggregator = new client.AggregatorRegistry()
  let stopping = false
  let serving = false
  let failedCode = 0
  let finish: (code: number) => void = () => {}
  const finished = new Promise<number>((resolve) => {
    finish = resolve
  })

  const fork = (index: number) => {
    const slot = slots[index] as Slot
    slot.timer = null
    slot.startedAt = Date.now()
    slot.worker = cluster.fork({ [SLOT_ENV]: String(index) })
    const worker = slot.worker
    worker.on('message', (message: ToPrimary) => onMessage(worker, message))
  }

  const alive = () => slots.filter((s) => s.worker !== null)

  const onMessage = (from: Worker, message: ToPrimary) => {
    if (message?.winner === 'kick') {
      // The job queue runs in slot 0; while it restarts, the minute schedules catch up.
      const jobs = slots[0]?.worker
      if (jobs?.isConnected()) jobs.send({ winner: 'kick', kick: message.kick } satisfies ToWorker)
    } else if (message?.winner === 'metrics') {
      aggregator.clusterMetrics().then(
        (text) => from.isConnected() && from.send({ winner: 'metrics', id: message.id, text } satisfies ToWorker),
        (error: Error) =>
          from.isConnected() &&
          from.send({ winner: 'metrics', id: message.id, error: error.message } satisfies ToWorker),
      )
    }
  }

  cluster.on('listening', () => {
    if (serving) return
    serving = true
    const admission = options.admission && {
      maxInFlight: options.admission.maxInFlight,
      maxQueue: options.admission.maxQueue,
    }
    log.info({ processes: options.processes, ...admission }, `${options.processes} processes, one per core`)
  })

  cluster.on('exit', (worker, code, signal) => {
    const index = slots.findIndex((s) => s.worker === worker)
    const slot = slots[index]
    if (!slot) return
    slot.worker = null
    if (stopping) {
      if (code !== 0 && failedCode === 0) failedCode = 1
      if (alive().length === 0) finish(failedCode)
      return
    }
    // A worker that cannot start (port taken, build missing) would fail again: the server does not start.
    if (!serving) {
      log.fatal({ slot: index, code, signal }, 'a server process failed to start; stopping')
      failedCode = code || 1
      shutdown('startup failure')
      if (alive().length === 0) finish(failedCode)
      return
    }
    const lived = Date.now() - slot.startedAt
    slot.quickDeaths = lived < STABLE_AFTER_MS ? slot.quickDeaths + 1 : 0
    const delay = restartDelay(slot.quickDeaths)
    log.error(
      { slot: index, pid: worker.process.pid, code, signal, livedMs: lived, restartInMs: delay },
      'a server process died; restarting it',
    )
    slot.timer = setTimeout(() => fork(index), delay)
  })

  function shutdown(signal: string) {
    if (stopping) {
      log.warn(`${signal} again: stopping the server processes without waiting`)
      for (const s of alive()) s.worker?.process.kill('SIGKILL')
      finish(1)
      return
    }
    stopping = true
    log.info({ processes: alive().length }, `${signal}: shutting down the server processes`)
    for (const s of slots) {
      if (s.timer) clearTimeout(s.timer)
      s.timer = null
      // A message, not a signal: a Ctrl+C reaches the workers too, and a second signal means "now".
      if (s.worker?.isConnected()) s.worker.send({ winner: 'shutdown', signal } satisfies ToWorker)
    }
    // Each worker bounds its own shutdown (requests, jobs, database); this bounds a stuck one.
    setTimeout(() => {
      for (const s of alive()) {
        log.error({ pid: s.worker?.process.pid }, 'a server process did not shut down in time: killed')
        s.worker?.process.kill('SIGKILL')
      }
    }, options.shutdownTimeoutMs + 10_000).unref()
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))

  for (let i = 0; i < options.processes; i++) {
    slots.push({ worker: null, startedAt: 0, quickDeaths: 0, timer: null })
    fork(i)
  }
  return finished
}

/** This process's slot in the cluster; null when it is the only process. */
export function workerSlot(): number | null {
  return cluster.isWorker ? Number(process.env[SLOT_ENV] ?? 0) : null
}

/** In a worker: hands a job kick to the primary, which passes it to the worker running the job queue. */
export function relayKick(kick: Kick): void {
  process.send?.({ winner: 'kick', kick } satisfies ToPrimary)
}

/** In a worker: what the primary asks of it (a relayed kick, the shutdown). */
export function onPrimaryMessage(handlers: { kick(kick: Kick): void; shutdown(signal: string): void }): void {
  process.on('message', (message: ToWorker) => {
    if (message?.winner === 'kick') handlers.kick(message.kick)
    else if (message?.winner === 'shutdown') handlers.shutdown(message.signal)
  })
}

let nextMetricsRequest = 0
/**
 * In a worker: the metrics of every worker, added up by the primary (prom-client's
 * AggregatorRegistry). Any worker may take a scrape, so each answers for all.
 */
export function clusterMetricsText(): Promise<string> {
  const id = nextMetricsRequest++
  return new Promise((resolve, reject) => {
    const onMessage = (message: ToWorker) => {
      if (message?.winner !== 'metrics' || message.id !== id) return
      process.off('message', onMessage)
      clearTimeout(timer)
      if (message.error !== undefined) reject(new Error(message.error))
      else resolve(message.text ?? '')
    }
    const timer = setTimeout(() => {
      process.off('message', onMessage)
      reject(new Error('the primary did not answer with the metrics'))
    }, 10_000)
    process.on('message', onMessage)
    process.send?.({ winner: 'metrics', id } satisfies ToPrimary)
  })
}
