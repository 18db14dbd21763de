import path from 'node:path'
import type { Logger } from 'pino'
import { MigrationError } from '#db/migrate.ts'
import type { ServerConfig } from './config.ts'
import { DATA_DIR_EXIT_CODE, diskReason } from './data-dir.ts'

// How a start that cannot go on ends, the same in the cluster's primary (primary.ts) and in
// a single server process (server.ts).

/** Refuses to start with one plain line on stderr (no stack: the operator has something to fix). */
export function refuseToStart(message: string, code: number): never {
  process.stderr.write(`WiNNER did not start: ${message}\n`)
  process.exit(code)
}

/** A database that could not be opened, migrated or seeded: the server does not start. */
export function failedToOpen(
  error: unknown,
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>,
  log: Logger,
): never {
  // The disk filled up (or turned read-only) while the embedded database was writing.
  const reason = config.databaseUrl ? null : diskReason(error)
  if (reason) {
    refuseToStart(
      `the embedded database in ${path.resolve(config.dataDir)} could not write: ${reason}. Free space or set DATA_DIR to a writable directory.`,
      DATA_DIR_EXIT_CODE,
    )
  }
  if (error instanceof MigrationError) {
    log.fatal(`${error.message}. The database is unchanged past the last good migration; the server was not started.`)
  } else {
    log.fatal({ err: error }, 'Could not open the database; the server was not started.')
  }
  process.exit(1)
}
