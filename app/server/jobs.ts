import nodemailer, { type Transporter } from 'nodemailer'
import PgBoss from 'pg-boss'
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

import {
  bossDb,
  DEADLINE_MESSAGE_QUEUE,
  JIPPNAS_QUEUE,
  MAIL_QUEUE,
  MENTORING_REMINDER_QUEUE,
  MESSAGE_QUEUE,
  MOU_REMINDER_QUEUE,
  OVERSIGHT_QUEUE,
  PRIVACY_REMINDER_QUEUE,
  RETENTION_QUEUE,
  REVIEW_REMINDER_QUEUE,
  SCHEMA,
} from './job-queues.ts'

export { installJobs } from './job-queues.ts'

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

/** How long stop() waits for running jobs: part of the shutdown's bound (server.ts). */
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
  // One "deliver now" job per 2-second slot; a kick whose slot already has one queues one
  // for the next slot (pg-boss's singletonNextSlot), so what was committed after the first
  // pass started still goes out within seconds, not at the next minute's sweep.
  const now = (queue: string, worker: string | null) =>
    boss.send(queue, {}, { singletonKey: 'now', singletonSeconds: 2, singletonNextSlot: true }).then(() => {
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
