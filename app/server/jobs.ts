import nodemailer, { type Transporter } from 'nodemailer'
import PgBoss from 'pg-boss'
import type postgres from 'postgres'
import { sendReviewReminders } from '#app/modules/assignment/reminders.server.ts'
import { sendMouReminders } from '#app/modules/cocreation/mou-reminders.server.ts'
import type { JippnasEndpoint } from '#app/modules/jippnas/client.server.ts'
import { runJippnasSync } from '#app/modules/jippnas/sync.server.ts'
import { sendMentoringReminders } from '#app/modules/mentoring/reminders.server.ts'
import { queueDeadlineMessages } from '#app/modules/messaging/deadline-messages.server.ts'
import { deliverPendingMessages, type MessageLog } from '#app/modules/messaging/delivery.server.ts'
import type { Gateway } from '#app/modules/messaging/gateway.server.ts'
import { deliverPending } from '#app/modules/notifications/mail-delivery.server.ts'
import { refreshOversight } from '#app/modules/oversight/refresh.server.ts'
import { sendPrivacyReminders } from '#app/modules/privacy/privacy.server.ts'
import { applyRetention } from '#app/modules/privacy/retention.server.ts'
import type { DbHandle } from '#db/client.ts'

export const MAIL_QUEUE = 'mail-deliver'
/** Hourly sweep: reviewers with unscored work 48 h before the review closes get one reminder. */
export const REVIEW_REMINDER_QUEUE = 'review-reminders'
/** Hourly sweep: the day-before mail of each mentoring session, the mail of an overdue action item (issue 14). */
export const MENTORING_REMINDER_QUEUE = 'mentoring-reminders'
/** Hourly sweep: MoUs in force 60, 30 and 7 days before their end day, one mail per threshold (issue 15). */
export const MOU_REMINDER_QUEUE = 'mou-reminders'
/** WhatsApp/SMS outbox (messaging/delivery.server.ts): on a kick and each minute. */
export const MESSAGE_QUEUE = 'message-deliver'
/** Hourly sweep: drafts with sections missing 48 h before their call closes get one message. */
export const DEADLINE_MESSAGE_QUEUE = 'deadline-messages'
/** Hourly sweep: open privacy requests within 24 h of their 3 × 24 h deadline remind the officers once. */
export const PRIVACY_REMINDER_QUEUE = 'privacy-reminders'
/** Daily: the retention periods of app/modules/privacy/retention.ts, reported in the audit log. */
export const RETENTION_QUEUE = 'privacy-retention'
/** JIPPNas sync (jippnas/sync.server.ts): on a kick after a record is saved and each minute; retries and backoff live in innovation_syncs. */
export const JIPPNAS_QUEUE = 'jippnas-sync'
/** Each minute: recount the national oversight figures of provinces counted over 5 minutes ago (docs/decisions/016). */
export const OVERSIGHT_QUEUE = 'oversight-refresh'
const SCHEMA = 'pgboss'

/** pg-boss over our own postgres.js client: the embedded server takes one connection (docs/decisions/001). */
function bossDb(sql: postgres.Sql): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const rows = await sql.unsafe(
        text,
        (values ?? []).map((v) => (v === undefined ? null : v)),
      )
      return { rows: [...rows] }
    },
  }
}

/**
 * Installs pg-boss's schema and our queues as the owner, then lets the runtime
 * role use them. The runtime role never creates objects, so it owns none.
 */
export async function installJobs(owner: DbHandle): Promise<void> {
  const boss = new PgBoss({ db: bossDb(owner.sql), schema: SCHEMA, supervise: false, schedule: false })
  await boss.start()
  await boss.createQueue(MAIL_QUEUE)
  await boss.createQueue(REVIEW_REMINDER_QUEUE)
  await boss.createQueue(MENTORING_REMINDER_QUEUE)
  await boss.createQueue(MOU_REMINDER_QUEUE)
  await boss.createQueue(MESSAGE_QUEUE)
  await boss.createQueue(DEADLINE_MESSAGE_QUEUE)
  await boss.createQueue(PRIVACY_REMINDER_QUEUE)
  await boss.createQueue(RETENTION_QUEUE)
  await boss.createQueue(JIPPNAS_QUEUE)
  await boss.createQueue(OVERSIGHT_QUEUE)
  await boss.stop({ graceful: false, wait: true })
  await owner.sql.unsafe(`grant usage on schema ${SCHEMA} to winner_app;
    grant select, insert, update, delete on all tables in schema ${SCHEMA} to winner_app;
    grant usage, select on all sequences in schema ${SCHEMA} to winner_app;
    grant execute on all functions in schema ${SCHEMA} to winner_app`)
}

export interface Jobs {
  /** Asks for delivery now (after a transaction wrote mails); a sweep each minute catches the rest. No-op without SMTP. */
  kickMail(): void
  /** Asks for message delivery now (after a transaction wrote messages). */
  kickMessages(): void
  /** Asks for a JIPPNas sync pass now (after a record was saved or a retry asked for). */
  kickJippnas(): void
  /** Finishes the jobs under way (at most `STOP_TIMEOUT_MS`) and stops polling. */
  stop(): Promise<void>
}

/** What a job's run ended in, for /metrics (app/server/metrics.ts). */
export type JobOutcome = 'completed' | 'failed'

/** How long stop() waits for running jobs: part of the shutdown's bound (main.ts). */
export const STOP_TIMEOUT_MS = 5000

// Polling is one query per worker and interval on the shared pool (on the embedded
// database: the only connection). Work that is asked for is started at once with
// notifyWorker, so polling only catches what a schedule or another process queued:
// the outboxes are looked at every few seconds, the hourly and daily sweeps each 30 s.
const OUTBOX_POLL_S = 5
const SWEEP_POLL_S = 30

/**
 * Starts the workers on the application's pool, in every configuration (issue 19): the
 * reminders, the deadline messages and retention always run; `transport` null leaves the
 * mails in the outbox (read at /dev/mailbox where that is allowed).
 */
export async function startJobs(
  app: DbHandle,
  options: {
    /** Null: mails stay in the outbox (no SMTP configured). */
    transport: Pick<Transporter, 'sendMail'> | null
    /** Null: messages are logged, numbers masked (no provider configured). */
    gateway: Gateway | null
    messageLog: MessageLog
    /** Null: JIPPNAS_URL unset, nothing is sent (records show "not configured"). */
    jippnas: JippnasEndpoint | null
    from: string
    onError: (error: unknown) => void
    /** Public origin for links in mails written by jobs (no request to take it from). */
    origin: string
    /** Called after each run of a job (the job counters of /metrics). */
    onJob?: (queue: string, outcome: JobOutcome) => void
  },
): Promise<Jobs> {
  const boss = new PgBoss({ db: bossDb(app.sql), schema: SCHEMA, migrate: false })
  boss.on('error', options.onError)
  await boss.start()
  const work = async (queue: string, pollingIntervalSeconds: number, run: () => Promise<void>) =>
    boss.work(queue, { pollingIntervalSeconds }, async () => {
      try {
        await run()
      } catch (error) {
        options.onJob?.(queue, 'failed')
        throw error
      }
      options.onJob?.(queue, 'completed')
    })
  const now = (queue: string, worker: string | null) =>
    boss.send(queue, {}, { singletonKey: 'now', singletonSeconds: 2 }).then(() => {
      if (worker) boss.notifyWorker(worker)
    })

  const transport = options.transport
  let mailWorker: string | null = null
  if (transport) {
    mailWorker = await work(MAIL_QUEUE, OUTBOX_POLL_S, async () => {
      await deliverPending(app.db, transport, options.from)
    })
    await boss.schedule(MAIL_QUEUE, '* * * * *')
  } else {
    // Configured with SMTP before: its schedule would queue jobs nobody works.
    await boss.unschedule(MAIL_QUEUE)
  }
  // Reminders write mails; only a running mail worker is told.
  const kickMail = () => (transport ? now(MAIL_QUEUE, mailWorker) : Promise.resolve())
  const messageWorker = await work(MESSAGE_QUEUE, OUTBOX_POLL_S, async () => {
    await deliverPendingMessages(app.db, options.gateway, options.messageLog, new Date())
  })
  const kickMessages = () => now(MESSAGE_QUEUE, messageWorker)
  await boss.schedule(MESSAGE_QUEUE, '* * * * *')
  await work(DEADLINE_MESSAGE_QUEUE, SWEEP_POLL_S, async () => {
    if ((await queueDeadlineMessages(app.db, new Date())) > 0) await kickMessages()
  })
  await boss.schedule(DEADLINE_MESSAGE_QUEUE, '30 * * * *')
  await work(REVIEW_REMINDER_QUEUE, SWEEP_POLL_S, async () => {
    if ((await sendReviewReminders(app.db, new Date(), options.origin)) > 0) await kickMail()
  })
  await boss.schedule(REVIEW_REMINDER_QUEUE, '0 * * * *')
  await work(MENTORING_REMINDER_QUEUE, SWEEP_POLL_S, async () => {
    if ((await sendMentoringReminders(app.db, new Date(), options.origin)) > 0) await kickMail()
  })
  await boss.schedule(MENTORING_REMINDER_QUEUE, '30 * * * *')
  await work(MOU_REMINDER_QUEUE, SWEEP_POLL_S, async () => {
    if ((await sendMouReminders(app.db, new Date(), options.origin)) > 0) await kickMail()
  })
  await boss.schedule(MOU_REMINDER_QUEUE, '45 * * * *')
  await work(PRIVACY_REMINDER_QUEUE, SWEEP_POLL_S, async () => {
    if ((await sendPrivacyReminders(app.db, new Date(), options.origin)) > 0) await kickMail()
  })
  await boss.schedule(PRIVACY_REMINDER_QUEUE, '30 * * * *')
  await work(RETENTION_QUEUE, SWEEP_POLL_S, async () => {
    await applyRetention(app.db, new Date())
  })
  await boss.schedule(RETENTION_QUEUE, '15 3 * * *')
  await work(OVERSIGHT_QUEUE, SWEEP_POLL_S, async () => {
    await refreshOversight(app.db, new Date())
  })
  await boss.schedule(OVERSIGHT_QUEUE, '* * * * *')
  // At start too: figures older than five minutes (or never counted) are recounted now.
  await boss.send(OVERSIGHT_QUEUE, {}, { singletonKey: 'start', singletonSeconds: 30 })
  const jippnas = options.jippnas
  let jippnasWorker: string | null = null
  if (jippnas) {
    jippnasWorker = await work(JIPPNAS_QUEUE, OUTBOX_POLL_S, async () => {
      await runJippnasSync(app.db, jippnas, new Date(), { origin: options.origin })
    })
    await boss.schedule(JIPPNAS_QUEUE, '* * * * *')
  } else {
    // Configured with JIPPNAS_URL before: its schedule would queue jobs nobody works.
    await boss.unschedule(JIPPNAS_QUEUE)
  }
  // Messages (and mails) queued while the server was down go out now, not at the next minute.
  // Not as a 'now' singleton: a kick in the next two seconds must not be folded into this pass.
  await boss.send(MESSAGE_QUEUE, {})
  boss.notifyWorker(messageWorker)
  if (mailWorker) {
    await boss.send(MAIL_QUEUE, {})
    boss.notifyWorker(mailWorker)
  }
  return {
    kickMail() {
      kickMail().catch(options.onError)
    },
    kickMessages() {
      kickMessages().catch(options.onError)
    },
    kickJippnas() {
      if (jippnas) now(JIPPNAS_QUEUE, jippnasWorker).catch(options.onError)
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS }),
  }
}

export function smtpTransport(url: string): Transporter {
  return nodemailer.createTransport(url)
}
