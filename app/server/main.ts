import cluster from 'node:cluster'
import { loadConfig } from './config.ts'

// `npm start` and `npm run dev`. This entry only chooses the role
// (docs/decisions/023-one-process-per-core.md): on PostgreSQL with more than one process
// this is the primary, which loads primary.ts (migrations, seeds, supervision, /metrics
// aggregation) and never the server; a worker, and the single process of the embedded
// database, development or APP_PROCESSES=1, loads the server (server.ts).
const config = loadConfig(process.env)
if (config.processes > 1 && cluster.isPrimary) {
  const { runPrimaryProcess } = await import('./primary.ts')
  process.exit(await runPrimaryProcess(config))
} else {
  await import('./server.ts')
}
