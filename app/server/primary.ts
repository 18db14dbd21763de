import pino from 'pino'
import { runPrimary } from './cluster.ts'
import type { ServerConfig } from './config.ts'
import { prepareDatabase } from './database.ts'
import { installJobs } from './job-queues.ts'
import { failedToOpen } from './start-failure.ts'

// The cluster's primary (docs/decisions/023-one-process-per-core.md): migrations, seeds and
// the job schema once, then the workers' supervision and their /metrics. It imports only
// that: no Remix build, Express, page cache or job handlers (those load in the workers,
// server.ts), so it holds a fraction of a worker's memory. SEED_DEMO=1 is the exception:
// the demo seed runs the app's modules, and they stay loaded.

/** Prepares the database, then runs the workers until they have shut down; resolves with the exit code. */
export async function runPrimaryProcess(config: ServerConfig): Promise<number> {
  const log = pino({ level: config.logLevel })
  await prepareDatabase({ ...config, databaseUrl: config.databaseUrl as string, installJobs }).catch((error) =>
    failedToOpen(error, config, log),
  )
  return runPrimary({
    processes: config.processes,
    log,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    admission: config.admission,
  })
}
