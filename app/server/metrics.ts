import { timingSafeEqual } from 'node:crypto'
import type http from 'node:http'
import { sql } from 'kysely'
import client from 'prom-client'
import { MAX_ATTEMPTS } from '#app/modules/notifications/mail-delivery.server.ts'
import type { DB } from '#db/client.ts'
import type { AdmissionStats, Rejection } from './admission.ts'
import type { JobOutcome } from './jobs.ts'
import { mailboxVisibleTo } from './mailbox-access.ts'

// GET /metrics (issue 19, docs/decisions/018-operations-runtime.md): Prometheus text
// format. Requests are labelled by Remix route id, never by URL, so the label set is
// bounded by the routes and carries no identifiers; the outbox gauges are read from the
// database at scrape time (one short query), everything else is counted in memory.

export interface MetricsSources {
  admission: () => AdmissionStats
  /** Connections the app's queries hold now, and the pool's size. */
  pool: { inUse: () => number; size: number }
  db: DB
  /** A scrape that could not read the outboxes (the database away): logged, not answered 500. */
  onError?: (error: unknown) => void
  /**
   * A cluster worker (cluster.ts): a scrape answers the sum over every worker, asked of the
   * primary, since the scraper cannot choose which worker takes its connection.
   */
  clusterText?: () => Promise<string>
}

export interface Metrics {
  registry: client.Registry
  /** The text a scrape answers: this process's registry, or every worker's added up in a cluster. */
  text(): Promise<string>
  /** One answered (or abandoned) request: its route id, method, status and duration. */
  observeRequest(route: string, method: string, status: number, seconds: number): void
  rejected(why: Rejection): void
  job(queue: string, outcome: JobOutcome): void
  jobError(): void
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new client.Registry()
  // Process CPU, memory, GC and the event-loop lag (nodejs_eventloop_lag_seconds and its percentiles).
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 })
  const registers = [registry]
  if (sources.clusterText) {
    // Installs the worker's side of prom-client's cluster protocol: the primary collects this registry.
    new client.AggregatorRegistry()
    client.AggregatorRegistry.setRegistries([registry])
  }

  const requests = new client.Counter({
    name: 'winner_http_requests_total',
    help: 'HTTP requests answered, by route id, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  })
  const duration = new client.Histogram({
    name: 'winner_http_request_duration_seconds',
    help: 'Time from the request arriving to its response finishing, by route id and method.',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  })
  const rejected = new client.Counter({
    name: 'winner_admission_rejected_total',
    help: 'Requests answered 503 by admission control, by reason (queueFull, waitedTooLong).',
    labelNames: ['reason'] as const,
    registers,
  })
  new client.Gauge({
    name: 'winner_admission_in_flight',
    help: 'Requests being handled now (admission slots taken).',
    registers,
    collect() {
      this.set(sources.admission().inFlight)
    },
  })
  new client.Gauge({
    name: 'winner_admission_queue_length',
    help: 'Requests waiting for an admission slot now.',
    registers,
    collect() {
      this.set(sources.admission().queued)
    },
  })
  new client.Gauge({
    name: 'winner_db_pool_connections_in_use',
    help: "Database connections the app's queries and transactions hold now (job queue polling not counted).",
    registers,
    collect() {
      this.set(sources.pool.inUse())
    },
  })
  new client.Gauge({
    name: 'winner_db_pool_size',
    help: 'Connections the pools may open (1 on the embedded database; DB_POOL_SIZE per process).',
    registers,
    collect() {
      this.set(sources.pool.size)
    },
  })
  const jobs = new client.Counter({
    name: 'winner_jobs_total',
    help: 'Job runs by queue and outcome (completed, failed).',
    labelNames: ['queue', 'outcome'] as const,
    registers,
  })
  const jobErrors = new client.Counter({
    name: 'winner_job_queue_errors_total',
    help: 'Errors of the job queue itself (polling, scheduling, maintenance).',
    registers,
  })

  // The outboxes are read once per scrape, by whichever of their gauges is collected first
  // (prom-client collects all metrics at once): one short query, shared by all four.
  let reading: Promise<OutboxRow | null> | null = null
  const readOutboxes = () => {
    reading ??= outboxRow(sources.db)
      .catch((error: unknown) => {
        sources.onError?.(error)
        return null
      })
      .finally(() => {
        setImmediate(() => {
          reading = null
        })
      })
    return reading
  }
  const fromOutboxes = (name: string, help: string, value: (row: OutboxRow) => number) =>
    new client.Gauge({
      name,
      help,
      registers,
      // Every worker reads the same tables: the cluster's value is one of them, not their sum.
      aggregator: 'max',
      async collect() {
        const row = await readOutboxes()
        // Unknown while the database does not answer (winner_database_up says so).
        this.set(row ? value(row) : Number.NaN)
      },
    })
  fromOutboxes('winner_mail_outbox_backlog', 'Mails not yet sent that will still be tried.', (r) => r.mailBacklog)
  fromOutboxes(
    'winner_mail_outbox_oldest_pending_seconds',
    'Age of the oldest mail waiting to be sent (0 when none waits).',
    (r) => r.mailOldestSeconds,
  )
  fromOutboxes('winner_mail_outbox_given_up', `Mails not sent after ${MAX_ATTEMPTS} attempts.`, (r) => r.mailGivenUp)
  fromOutboxes('winner_message_outbox_backlog', 'WhatsApp/SMS messages queued, not yet sent.', (r) => r.messageBacklog)
  new client.Gauge({
    name: 'winner_database_up',
    help: '1 when this scrape could read the outboxes, 0 when the database did not answer.',
    registers,
    // In a cluster: 0 when any worker could not reach the database.
    aggregator: 'min',
    async collect() {
      this.set((await readOutboxes()) ? 1 : 0)
    },
  })

  return {
    registry,
    text: sources.clusterText ?? (() => registry.metrics()),
    observeRequest(route, method, status, seconds) {
      // Any other method string is the client's invention: one label for all of them.
      const m = METHODS.has(method) ? method : 'other'
      requests.inc({ route, method: m, status: String(status) })
      duration.observe({ route, method: m }, seconds)
    },
    rejected: (why) => rejected.inc({ reason: why }),
    job: (queue, outcome) => jobs.inc({ queue, outcome }),
    jobError: () => jobErrors.inc(),
  }
}

interface OutboxRow {
  mailBacklog: number
  mailOldestSeconds: number
  mailGivenUp: number
  messageBacklog: number
}

async function outboxRow(db: DB): Promise<OutboxRow> {
  const { rows } = await sql<{
    mail_backlog: string
    mail_oldest: string | null
    mail_given_up: string
    message_backlog: string
  }>`select
      (select count(*) from mail_outbox where sent_at is null and attempts < ${MAX_ATTEMPTS}) as mail_backlog,
      (select extract(epoch from now() - min(created_at)) from mail_outbox
        where sent_at is null and attempts < ${MAX_ATTEMPTS}) as mail_oldest,
      (select count(*) from mail_outbox where sent_at is null and attempts >= ${MAX_ATTEMPTS}) as mail_given_up,
      (select count(*) from message_outbox where status = 'queued') as message_backlog`.execute(db)
  const row = rows[0]
  return {
    mailBacklog: Number(row?.mail_backlog ?? 0),
    mailOldestSeconds: Number(row?.mail_oldest ?? 0),
    mailGivenUp: Number(row?.mail_given_up ?? 0),
    messageBacklog: Number(row?.message_backlog ?? 0),
  }
}

/**
 * Who may read /metrics: a scraper presenting `Authorization: Bearer <METRICS_TOKEN>`,
 * or, like /dev/mailbox (mailbox-access.ts), a connection from this machine when no
 * proxy is trusted (a proxy on loopback would forward everyone).
 */
export function metricsVisibleTo(req: http.IncomingMessage, token: string | null, trustProxy: boolean): boolean {
  if (token) {
    const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
    if (presented && sameSecret(presented, token)) return true
  }
  return mailboxVisibleTo(req.socket.remoteAddress, trustProxy)
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Answers GET /metrics: the registry's text, or 401 for anyone else. */
export async function serveMetrics(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  metrics: Metrics,
  access: { token: string | null; trustProxy: boolean },
): Promise<void> {
  if (!metricsVisibleTo(req, access.token, access.trustProxy)) {
    res.writeHead(401, {
      'Content-Type': 'text/plain; charset=utf-8',
      'WWW-Authenticate': 'Bearer realm="metrics"',
      'Cache-Control': 'no-store',
    })
    res.end('Unauthorized')
    return
  }
  const body = await metrics.text()
  res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' })
  res.end(req.method === 'HEAD' ? undefined : body)
}
