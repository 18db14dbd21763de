import nodemailer, { type Transporter } from 'nodemailer'
import PgBoss from 'pg-boss'
import type postgres from 'postgres'
import { sendReviewReminders } from '#app/modules/assignment/reminders.server.ts'
import { sendMentoringReminders } from '#app/modules/mentoring/reminders.server.ts'
import { queueDeadlineMessages } from '#app/modules/messaging/deadline-messages.server.ts'
import { deliverPendingMessages, type MessageLog } from '#app/modules/messaging/delivery.server.ts'
import type { Gateway } from '#app/modules/messaging/gateway.server.ts'
import { deliverPending } from '#app/modules/notifications/mail-delivery.server.ts'
import { SWEEP_EVERY_MS } from '#app/modules/oversight/freshness.ts'
import { refreshOversight } from '#app/modules/oversight/refresh.server.ts'
import { sendPrivacyReminders } from '#app/modules/privacy/privacy.server.ts'
import { applyRetention } from '#app/modules/privacy/retention.server.ts'
import type { DbHandle } from '#db/client.ts'

export const MAIL_QUEUE = 'mail-deliver'
/** Hourly sweep: reviewers with unscored work 48 h before the review closes get one reminder. */
export const REVIEW_REMINDER_QUEUE = 'review-reminders'
/** Hourly sweep: the day-before mail of each mentoring session, the mail of an overdue action item (issue 14). */
export const MENTORING_REMINDER_QUEUE = 'mentoring-reminders'
/** WhatsApp/SMS outbox (messaging/delivery.server.ts): on a kick and each minute. */
export const MESSAGE_QUEUE = 'message-deliver'
/** Hourly sweep: drafts with sections missing 48 h before their call closes get one message. */
export const DEADLINE_MESSAGE_QUEUE = 'deadline-messages'
/** Hourly sweep: open privacy requests within 24 h of their 3 × 24 h deadline remind the officers once. */
export const PRIVACY_REMINDER_QUEUE = 'privacy-reminders'
/** Daily: the retention periods of app/modules/privacy/retention.ts, reported in the audit log. */
export const RETENTION_QUEUE = 'privacy-retention'
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
  await boss.createQueue(MESSAGE_QUEUE)
  await boss.createQueue(DEADLINE_MESSAGE_QUEUE)
  await boss.createQueue(PRIVACY_REMINDER_QUEUE)
  await boss.createQueue(RETENTION_QUEUE)
  await boss.createQueue(OVERSIGHT_QUEUE)
  await boss.stop({ graceful: false, wait: true })
  await owner.sql.unsafe(`grant usage on schema ${SCHEMA} to winner_app;
    grant select, insert, update, delete on all tables in schema ${SCHEMA} to winner_app;
    grant usage, select on all sequences in schema ${SCHEMA} to winner_app;
    grant execute on all functions in schema ${SCHEMA} to winner_app`)
}

export interface Jobs {
  /** Asks for delivery now (after a transaction wrote mails); a sweep each minute catches the rest. */
  kickMail(): void
  /** Asks for message delivery now (after a transaction wrote messages). */
  kickMessages(): void
  stop(): Promise<void>
}

/** Starts the mail and message workers on the application's pool. */
export async function startJobs(
  app: DbHandle,
  options: {
    /** Null: mails stay in the outbox (only messages are sent by a provider). */
    transport: Pick<Transporter, 'sendMail'> | null
    /** Null: messages are logged, numbers masked (no provider configured). */
    gateway: Gateway | null
    messageLog: MessageLog
    from: string
    onError: (error: unknown) => void
    /** Public origin for links in mails written by jobs (no request to take it from). */
    origin: string
  },
): Promise<Jobs> {
  const boss = new PgBoss({ db: bossDb(app.sql), schema: SCHEMA, migrate: false })
  boss.on('error', options.onError)
  await boss.start()
  const transport = options.transport
  if (transport) {
    await boss.work(MAIL_QUEUE, async () => {
      await deliverPending(app.db, transport, options.from)
    })
    await boss.schedule(MAIL_QUEUE, '* * * * *')
  }
  const kickMessages = () => boss.send(MESSAGE_QUEUE, {}, { singletonKey: 'now', singletonSeconds: 2 })
  await boss.work(MESSAGE_QUEUE, async () => {
    await deliverPendingMessages(app.db, options.gateway, options.messageLog, new Date())
  })
  await boss.schedule(MESSAGE_QUEUE, '* * * * *')
  await boss.work(DEADLINE_MESSAGE_QUEUE, async () => {
    if ((await queueDeadlineMessages(app.db, new Date())) > 0) await kickMessages()
  })
  await boss.schedule(DEADLINE_MESSAGE_QUEUE, '30 * * * *')
  await boss.work(REVIEW_REMINDER_QUEUE, async () => {
    if ((await sendReviewReminders(app.db, new Date(), options.origin)) > 0) {
      await boss.send(MAIL_QUEUE, {}, { singletonKey: 'now', singletonSeconds: 2 })
    }
  })
  await boss.schedule(REVIEW_REMINDER_QUEUE, '0 * * * *')
  await boss.work(MENTORING_REMINDER_QUEUE, async () => {
    if ((await sendMentoringReminders(app.db, new Date(), options.origin)) > 0) {
      await boss.send(MAIL_QUEUE, {}, { singletonKey: 'now', singletonSeconds: 2 })
    }
  })
  await boss.schedule(MENTORING_REMINDER_QUEUE, '30 * * * *')
  await boss.work(PRIVACY_REMINDER_QUEUE, async () => {
    if ((await sendPrivacyReminders(app.db, new Date(), options.origin)) > 0) {
      await boss.send(MAIL_QUEUE, {}, { singletonKey: 'now', singletonSeconds: 2 })
    }
  })
  await boss.schedule(PRIVACY_REMINDER_QUEUE, '30 * * * *')
  await boss.work(RETENTION_QUEUE, async () => {
    await applyRetention(app.db, new Date())
  })
  await boss.schedule(RETENTION_QUEUE, '15 3 * * *')
  await boss.work(OVERSIGHT_QUEUE, async () => {
    await refreshOversight(app.db, new Date())
  })
  await boss.schedule(OVERSIGHT_QUEUE, '* * * * *')
  // At start too: figures older than five minutes (or never counted) are recounted now.
  await boss.send(OVERSIGHT_QUEUE, {}, { singletonKey: 'start', singletonSeconds: 30 })
  return {
    kickMail() {
      boss.send(MAIL_QUEUE, {}, { singletonKey: 'now', singletonSeconds: 2 }).catch(options.onError)
    },
    kickMessages() {
      kickMessages().catch(options.onError)
    },
    stop: () => boss.stop({ graceful: true, wait: true }),
  }
}

/**
 * The demo's messages without pg-boss (no SMTP and no provider: nothing else runs jobs
 * there): each kick, and each minute, logs the due messages (numbers masked) and marks
 * them `logged`; each hour the deadline sweep runs. One pass at a time.
 */
export function startMessageLog(
  app: DbHandle,
  log: MessageLog,
  onError: (error: unknown) => void,
): Pick<Jobs, 'kickMessages' | 'stop'> {
  let running: Promise<void> = Promise.resolve()
  const pass = (sweep: boolean) => {
    running = running
      .then(async () => {
        if (sweep) await queueDeadlineMessages(app.db, new Date())
        await deliverPendingMessages(app.db, null, log, new Date())
      })
      .catch(onError)
  }
  let minutes = 0
  const timer = setInterval(() => {
    minutes = (minutes + 1) % 60
    pass(minutes === 0)
  }, 60_000)
  timer.unref()
  return {
    kickMessages: () => pass(false),
    stop: async () => {
      clearInterval(timer)
      await running
    },
  }
}

/**
 * The oversight recount without pg-boss (the demo: nothing else runs jobs there): once at
 * start and each minute, the provinces whose figures are stale. One pass at a time.
 */
export function startOversightRefresh(app: DbHandle, onError: (error: unknown) => void): Pick<Jobs, 'stop'> {
  let running: Promise<void> = Promise.resolve()
  const pass = () => {
    running = running.then(() => refreshOversight(app.db, new Date()).then(() => undefined)).catch(onError)
  }
  pass()
  const timer = setInterval(pass, SWEEP_EVERY_MS)
  timer.unref()
  return {
    stop: async () => {
      clearInterval(timer)
      await running
    },
  }
}

export function smtpTransport(url: string): Transporter {
  return nodemailer.createTransport(url)
}
