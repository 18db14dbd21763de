import PgBoss from 'pg-boss'
import type postgres from 'postgres'
import type { DbHandle } from '#db/client.ts'

// The job queue's names and schema, apart from the jobs themselves (jobs.ts): the cluster's
// primary installs the schema before forking and must not load the modules the jobs run
// (docs/decisions/023-one-process-per-core.md).

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
export const SCHEMA = 'pgboss'

/** pg-boss over our own postgres.js client: the embedded server takes one connection (docs/decisions/001). */
export function bossDb(sql: postgres.Sql): PgBoss.Db {
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
