import { availableParallelism } from 'node:os'
import { z } from 'zod'
import type { AdmissionLimits } from './admission.ts'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Unset: loopback only, unless APP_ORIGIN says where the public reaches us (see loadConfig).
  HOST: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  // Migrations, seeds and the job schema as the owner, directly (not through PgBouncer); unset: DATABASE_URL.
  DATABASE_OWNER_URL: z.string().url().optional(),
  // `transaction`: DATABASE_URL is a transaction-mode PgBouncer (docs/DEPLOYMENT.md#pgbouncer).
  DATABASE_POOLER: z.enum(['none', 'transaction']).default('none'),
  DATA_DIR: z.string().default('.data'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  // Server processes (node:cluster); unset: one per core on PostgreSQL, one on the embedded database.
  APP_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
  SEED_DEMO: z.enum(['0', '1']).optional(),
  PORTAL_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(30),
  APP_ORIGIN: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('WiNNER <no-reply@winner.local>'),
  DEV_MAILBOX: z.enum(['0', '1']).optional(),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  // For the whole instance, shared out among its processes (admissionShare). Unset: as many
  // as the processes' pools have connections (an admitted request gets one without
  // waiting) and a queue of eight times that; see the README on the deadline surge.
  ADMISSION_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).optional(),
  ADMISSION_MAX_QUEUE: z.coerce.number().int().min(0).max(100_000).optional(),
  ADMISSION_MAX_WAIT_MS: z.coerce.number().int().min(0).max(120_000).default(1000),
  ADMISSION_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  // WhatsApp and SMS gateways (README "WhatsApp and SMS"); unset: messages are logged, masked.
  WHATSAPP_API_URL: z.string().url().optional(),
  WHATSAPP_API_TOKEN: z.string().min(1).optional(),
  SMS_API_URL: z.string().url().optional(),
  SMS_API_TOKEN: z.string().min(1).optional(),
  MESSAGING_WEBHOOK_SECRET: z.string().min(32).optional(),
  // The national innovation network (docs/jippnas.md); unset: records show "not configured", nothing is sent.
  JIPPNAS_URL: z.string().url().optional(),
  JIPPNAS_TOKEN: z.string().min(1).optional(),
  // /metrics for a scraper elsewhere (Authorization: Bearer …); unset: this machine only.
  METRICS_TOKEN: z.string().min(16).optional(),
  // How long a SIGTERM waits for requests under way before closing their connections.
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  // Server-Timing (data and render times) on every answer, for benchmarks; off: timings are not shown to visitors.
  SERVER_TIMING: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export interface ServerConfig {
  production: boolean
  port: number
  host: string
  /** Unset: start the embedded PGlite database in `dataDir`. */
  databaseUrl: string | null
  /** Where migrations and seeds run as the owner; null: databaseUrl. */
  ownerDatabaseUrl: string | null
  /** DATABASE_URL reaches PostgreSQL through a transaction-mode pooler (db/client.ts). */
  transactionPooler: boolean
  dataDir: string
  poolSize: number
  /** Server processes: 1 runs everything in this process, more fork one worker each (cluster.ts). */
  processes: number
  /** Why there is one process when the cores would allow more (said in the start log); null otherwise. */
  oneProcessReason: string | null
  /**
   * A direct connection (never a transaction-mode pooler) that LISTENs for other processes'
   * cache invalidations (invalidation.ts); null: embedded database or no direct URL.
   */
  listenUrl: string | null
  /** Demo accounts and the fictional current edition; on by default only on the embedded database. */
  seedDemo: boolean
  portalCacheTtlMs: number
  logLevel: string
  /**
   * Requests handled at once, how many may wait and how long, and the Retry-After of a 503
   * (admission.ts): for the whole instance; each of its processes takes `admissionShare`.
   */
  admission: AdmissionLimits
  /** APP_ORIGIN as configured (null on the loopback default). */
  appOrigin: string | null
  /**
   * The public origin for every absolute link (mails, jobs): APP_ORIGIN, else the loopback
   * HOST and PORT (http://localhost:3000 by default). Never taken from request headers: a
   * forged Host would otherwise put a genuine reset token on a stranger's site.
   */
  origin: string
  /** Origins a state-changing request may come from (CSRF): APP_ORIGIN, else both loopback names of PORT. */
  allowedOrigins: string[]
  smtpUrl: string | null
  mailFrom: string
  /** /dev/mailbox shows the outbox: on by default without SMTP outside production or on the embedded database. */
  devMailbox: boolean
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean
  /** The WhatsApp gateway and its SMS fallback (messaging/gateway.server.ts); null: not configured. */
  messaging: MessagingConfig
  /** The JIPPNas endpoint (jippnas/client.server.ts); null: not configured, nothing is sent. */
  jippnas: { url: string; token: string } | null
  /** Bearer token a remote scraper shows at /metrics; null: loopback only (metrics.ts). */
  metricsToken: string | null
  /** How long shutdown waits for requests in flight (server.ts). */
  shutdownTimeoutMs: number
  /** Answers carry Server-Timing (server-timing.ts); off unless SERVER_TIMING=1. */
  serverTiming: boolean
}

export interface MessagingConfig {
  whatsapp: { url: string; token: string } | null
  sms: { url: string; token: string } | null
  /** HMAC key of the provider's callbacks; unset: every callback answers 401. */
  webhookSecret: string | null
}

/** Reads and checks the environment; a bad value stops start with a readable message. */
export function loadConfig(env: Record<string, string | undefined>, cores = availableParallelism()): ServerConfig {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  const e = parsed.data
  const appOrigin = e.APP_ORIGIN ? new URL(e.APP_ORIGIN).origin : null
  const host = e.HOST ?? (appOrigin ? '0.0.0.0' : '127.0.0.1')
  // Without APP_ORIGIN the only trustworthy origin is this machine's own: a server others
  // can reach, or one behind a proxy (which forwards every client's Host), must be told.
  if (!appOrigin && e.TRUST_PROXY === '1') {
    throw new Error(
      'Invalid configuration: APP_ORIGIN: required with TRUST_PROXY=1 — set it to the public address, e.g. APP_ORIGIN=https://winner.example.id',
    )
  }
  if (!appOrigin && !isLoopback(host)) {
    throw new Error(
      `Invalid configuration: APP_ORIGIN: required when listening on ${host} (not loopback) — set it to the address people open, e.g. APP_ORIGIN=http://192.168.1.10:${e.PORT}, or leave HOST unset for this machine only`,
    )
  }
  // On this machine only: the configured loopback host (HOST=127.0.0.1 → http://127.0.0.1:PORT),
  // else the name `npm start` prints; forms may come from either loopback name.
  const loopbackNames = [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`] as const
  const origin = appOrigin ?? (e.HOST ? hostOrigin(e.HOST, e.PORT) : loopbackNames[0])
  const listenUrl = !e.DATABASE_URL
    ? null
    : e.DATABASE_POOLER === 'transaction'
      ? (e.DATABASE_OWNER_URL ?? null)
      : e.DATABASE_URL
  const { processes, oneProcessReason } = processPlan(e, listenUrl, cores)
  return {
    production: e.NODE_ENV === 'production',
    port: e.PORT,
    host,
    databaseUrl: e.DATABASE_URL ?? null,
    ownerDatabaseUrl: e.DATABASE_OWNER_URL ?? null,
    transactionPooler: e.DATABASE_POOLER === 'transaction',
    dataDir: e.DATA_DIR,
    poolSize: e.DB_POOL_SIZE,
    processes,
    oneProcessReason,
    listenUrl,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === '1' : !e.DATABASE_URL,
    portalCacheTtlMs: e.PORTAL_CACHE_TTL_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
    admission: admissionLimits(e, processes),
    appOrigin,
    origin,
    allowedOrigins: appOrigin ? [appOrigin] : [...new Set([origin, ...loopbackNames])],
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    devMailbox: e.DEV_MAILBOX ? e.DEV_MAILBOX === '1' : !e.SMTP_URL && (e.NODE_ENV !== 'production' || !e.DATABASE_URL),
    trustProxy: e.TRUST_PROXY === '1',
    messaging: {
      whatsapp: gatewayOf('WHATSAPP', e.WHATSAPP_API_URL, e.WHATSAPP_API_TOKEN),
      sms: gatewayOf('SMS', e.SMS_API_URL, e.SMS_API_TOKEN),
      webhookSecret: e.MESSAGING_WEBHOOK_SECRET ?? null,
    },
    jippnas: endpointOf('JIPPNAS_URL and JIPPNAS_TOKEN', e.JIPPNAS_URL, e.JIPPNAS_TOKEN),
    metricsToken: e.METRICS_TOKEN ?? null,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    serverTiming: e.SERVER_TIMING === '1',
  }
}

/**
 * How many server processes (docs/decisions/023-one-process-per-core.md): one per core on
 * PostgreSQL. The embedded database is one PGlite inside this process, so it keeps one;
 * so does development (Vite's dev server and its HMR port belong to one process), and a
 * transaction-mode pooler without a direct URL, where no connection could LISTEN for the
 * other processes' cache invalidations.
 */
function processPlan(
  e: { DATABASE_URL?: string; NODE_ENV: string; APP_PROCESSES?: number },
  listenUrl: string | null,
  cores: number,
): { processes: number; oneProcessReason: string | null } {
  const asked = e.APP_PROCESSES
  const ignored = asked && asked > 1 ? ` (APP_PROCESSES=${asked} ignored)` : ''
  if (!e.DATABASE_URL) return { processes: 1, oneProcessReason: `embedded database: one process${ignored}` }
  if (e.NODE_ENV !== 'production') return { processes: 1, oneProcessReason: `development: one process${ignored}` }
  if (!listenUrl) {
    if (asked && asked > 1) {
      throw new Error(
        'Invalid configuration: APP_PROCESSES: more than one process behind DATABASE_POOLER=transaction needs DATABASE_OWNER_URL, a direct connection to LISTEN on for cache invalidations (docs/DEPLOYMENT.md#processes)',
      )
    }
    return {
      processes: 1,
      oneProcessReason:
        'one process: DATABASE_POOLER=transaction without DATABASE_OWNER_URL leaves no connection to LISTEN on',
    }
  }
  const processes = asked ?? Math.max(1, cores)
  return { processes, oneProcessReason: processes === 1 && !asked ? 'one core: one process' : null }
}

/**
 * The instance's admission limits. Every process has a pool of DB_POOL_SIZE, so by default
 * the instance admits what its pools hold: processes × DB_POOL_SIZE at once, and eight times
 * that may wait. The wait itself is bounded (ADMISSION_MAX_WAIT_MS); the queue only has to
 * ride out a burst — a GC pause or a few hundred arrivals at once at a deadline. With two
 * times, a deadline surge at 200 requests/s on one process was refused 3.3 % of the time
 * at once from a full queue; with eight, 0.1–3.6 % over three runs (README, Deadline surge).
 */
function admissionLimits(
  e: {
    DB_POOL_SIZE: number
    ADMISSION_MAX_IN_FLIGHT?: number
    ADMISSION_MAX_QUEUE?: number
    ADMISSION_MAX_WAIT_MS: number
    ADMISSION_RETRY_AFTER_SECONDS: number
  },
  processes: number,
): AdmissionLimits {
  const maxInFlight = e.ADMISSION_MAX_IN_FLIGHT ?? processes * e.DB_POOL_SIZE
  return {
    maxInFlight,
    maxQueue: e.ADMISSION_MAX_QUEUE ?? 8 * maxInFlight,
    maxWaitMs: e.ADMISSION_MAX_WAIT_MS,
    retryAfterS: e.ADMISSION_RETRY_AFTER_SECONDS,
  }
}

/**
 * One process's part of the instance's admission limits (docs/decisions/023-one-process-per-core.md):
 * in flight and queue are divided among the processes, the first slots taking the remainder,
 * so they add up to what was configured — except that every process admits at least one
 * request (ADMISSION_MAX_IN_FLIGHT below APP_PROCESSES admits one per process). A queue is
 * per process: a request waits only for its own process's slots. `slot` null: the only process.
 */
export function admissionShare(limits: AdmissionLimits, processes: number, slot: number | null): AdmissionLimits {
  if (slot === null || processes <= 1) return limits
  const part = (total: number) => Math.floor(total / processes) + (slot < total % processes ? 1 : 0)
  return { ...limits, maxInFlight: Math.max(1, part(limits.maxInFlight)), maxQueue: part(limits.maxQueue) }
}

/** A gateway needs both its URL and its token; one without the other is a configuration mistake. */
function gatewayOf(name: string, url: string | undefined, token: string | undefined) {
  return endpointOf(`${name}_API_URL and ${name}_API_TOKEN`, url, token)
}

function endpointOf(names: string, url: string | undefined, token: string | undefined) {
  if (!url && !token) return null
  if (!url || !token) throw new Error(`Invalid configuration: ${names}: set both or neither`)
  return { url, token }
}

/** Whether a listen address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

function hostOrigin(host: string, port: number): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1')
  return new URL(`http://${bare.includes(':') ? `[${bare}]` : bare}:${port}`).origin
}
