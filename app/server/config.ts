import { z } from 'zod'
import type { AdmissionLimits } from './admission.ts'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SEED_DEMO: z.enum(['0', '1']).optional(),
  PORTAL_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(30),
  APP_ORIGIN: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('WiNNER <no-reply@winner.local>'),
  DEV_MAILBOX: z.enum(['0', '1']).optional(),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  // Unset: as many as the pool has connections (an admitted request gets one without
  // waiting) and a queue of twice that; see the README on the deadline surge.
  ADMISSION_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).optional(),
  ADMISSION_MAX_QUEUE: z.coerce.number().int().min(0).max(100_000).optional(),
  ADMISSION_MAX_WAIT_MS: z.coerce.number().int().min(0).max(120_000).default(1000),
  ADMISSION_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export interface ServerConfig {
  production: boolean
  port: number
  host: string
  /** Unset: start the embedded PGlite database in `dataDir`. */
  databaseUrl: string | null
  dataDir: string
  poolSize: number
  /** Demo accounts and the fictional current edition; on by default only on the embedded database. */
  seedDemo: boolean
  portalCacheTtlMs: number
  logLevel: string
  /** Requests handled at once, how many may wait and how long, and the Retry-After of a 503 (admission.ts). */
  admission: AdmissionLimits
  /** Public origin used in mail links and for the CSRF check; unset: the Host header. */
  appOrigin: string | null
  smtpUrl: string | null
  mailFrom: string
  /** /dev/mailbox shows the outbox: on by default without SMTP outside production or on the embedded database. */
  devMailbox: boolean
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean
}

/** Reads and checks the environment; a bad value stops start with a readable message. */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  const e = parsed.data
  return {
    production: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.DATA_DIR,
    poolSize: e.DB_POOL_SIZE,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === '1' : !e.DATABASE_URL,
    portalCacheTtlMs: e.PORTAL_CACHE_TTL_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
    admission: {
      maxInFlight: e.ADMISSION_MAX_IN_FLIGHT ?? e.DB_POOL_SIZE,
      maxQueue: e.ADMISSION_MAX_QUEUE ?? 2 * (e.ADMISSION_MAX_IN_FLIGHT ?? e.DB_POOL_SIZE),
      maxWaitMs: e.ADMISSION_MAX_WAIT_MS,
      retryAfterS: e.ADMISSION_RETRY_AFTER_SECONDS,
    },
    appOrigin: e.APP_ORIGIN ?? null,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    devMailbox: e.DEV_MAILBOX ? e.DEV_MAILBOX === '1' : !e.SMTP_URL && (e.NODE_ENV !== 'production' || !e.DATABASE_URL),
    trustProxy: e.TRUST_PROXY === '1',
  }
}
