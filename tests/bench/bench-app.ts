import { type AppProcess, buildApp, startAppProcess } from '../support/app-process.ts'
import { createDatabase, dropDatabase, uniqueName } from '../support/databases.ts'

// What the server benches (signed-in, soak, deadline surge, review at scale, oversight)
// share: the build, a fresh database, the production server on it, cleanup on the way out
// or on Ctrl-C; and the lines every report ends with.

/** The PostgreSQL server the benches create their databases on. */
export const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** A numeric knob from the environment; refuses anything below `min` rather than measuring nonsense. */
export function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min) throw new Error(`${name}=${raw}: expected a number ≥ ${min}`)
  return value
}

export interface BenchAppOptions {
  /** The log prefix, e.g. `soak` for `[soak] …`. */
  label: string
  /** The database name's prefix (a unique suffix is added). */
  database: string
  /** The caller (npm run bench) has built already; BENCH_SKIP_BUILD=1 says the same. */
  skipBuild?: boolean
}

export interface StartOptions {
  /** More environment for the server; DATABASE_URL is the bench's database. */
  env?: Record<string, string>
  /** A prefix for the node command (taskset, the heap probe, --cpu-prof). */
  command?: string[]
  timeoutMs?: number
}

export interface BenchApp {
  databaseName: string
  databaseUrl: string
  /** A step for close(), which runs the steps newest first and goes on past one that fails. */
  defer(step: () => Promise<void>): void
  /** Starts the production server on the bench's database; close() stops it. */
  start(options?: StartOptions): Promise<AppProcess & { pid: number }>
  /** Stops what was started, drops the database, and forgets the Ctrl-C handler. */
  close(): Promise<void>
}

export async function benchApp({ label, database, skipBuild = false }: BenchAppOptions): Promise<BenchApp> {
  const log = (message: string) => console.log(`[${label}] ${message}`)
  const steps: Array<() => Promise<void>> = []
  // Chained: after Ctrl-C the run fails (its connections close under it) and closes too; that
  // close must wait for the database to be dropped before the process exits. A step gets 10 s:
  // a pool closed in the middle of a transaction can wait for ever, and the drop ends it.
  let cleaning = Promise.resolve()
  const cleanup = () => {
    cleaning = cleaning.then(async () => {
      for (const step of steps.splice(0).reverse()) {
        let timer: NodeJS.Timeout | undefined
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('gave up after 10 s')), 10_000)
        })
        await Promise.race([step(), late])
          .catch((error) => console.error(`[${label}] cleanup step failed:`, error))
          .finally(() => clearTimeout(timer))
      }
    })
    return cleaning
  }
  const onSignal = () => void cleanup().finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const close = async () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await cleanup()
  }
  try {
    if (!skipBuild && process.env.BENCH_SKIP_BUILD !== '1') {
      log('npm run build …')
      await buildApp()
    }
    const databaseName = uniqueName(database)
    const databaseUrl = await createDatabase(serverUrl, databaseName)
    steps.push(() => dropDatabase(serverUrl, databaseName))
    log(`database ${databaseName} created`)
    return {
      databaseName,
      databaseUrl,
      defer: (step) => void steps.push(step),
      async start({ env = {}, command = [], timeoutMs } = {}) {
        const app = await startAppProcess({
          env: {
            DATABASE_URL: databaseUrl,
            // startAppProcess runs one process; APP_PROCESSES=2 asks for one per core (decision 023).
            ...(process.env.APP_PROCESSES ? { APP_PROCESSES: process.env.APP_PROCESSES } : {}),
            ...env,
          },
          command,
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
        })
        steps.push(() => app.stop())
        const pid = app.child.pid
        if (pid === undefined) throw new Error('the app process has no pid')
        return Object.assign(app, { pid })
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

export interface FooterFacts {
  /** 1/5/15-minute load averages at the end, and where the bench took one before. */
  loadAverage?: {
    /** Before the bench began (its warnings say whether the machine was busy then: targets.ts loadWarnings). */
    before?: number[]
    /** Before the load itself, once the bench's own setup was done (the surge). */
    beforeLoad?: number[]
    after: number[]
  }
  machine: { cpus: number; node: string }
  /** The rest of the machine line: database, pinning, build, server environment. */
  setup?: string[]
  /** A busy machine, neighbours on the server's core: whatever makes the figures doubtful. */
  warnings?: string[]
  failed: string[]
  /** The verdict's words when nothing failed. */
  passed: string
}

const fixed = (values: number[]) => values.map((x) => x.toFixed(2)).join(' / ')

/** The lines a server bench's report ends with: load average, machine, warnings, verdict. */
export function reportFooter(f: FooterFacts): string {
  const out = ['']
  const load = f.loadAverage
  if (load?.before) {
    out.push(`load average (1/5/15 min) before: ${fixed(load.before)}; after: ${fixed(load.after)}`)
  } else if (load?.beforeLoad) {
    out.push(`load average (1/5/15 min) before the load: ${fixed(load.beforeLoad)}; at the end: ${fixed(load.after)}`)
  } else if (load) {
    out.push(`load average (1/5/15 min) at the end: ${fixed(load.after)}`)
  }
  out.push([`machine: ${f.machine.cpus} CPUs, node ${f.machine.node}`, ...(f.setup ?? [])].join('; '))
  for (const w of f.warnings ?? []) out.push(`WARNING: ${w}`)
  out.push(
    f.failed.length === 0 ? `verdict: ${f.passed}` : `verdict: FAIL\n${f.failed.map((x) => `- ${x}`).join('\n')}`,
  )
  return out.join('\n')
}
