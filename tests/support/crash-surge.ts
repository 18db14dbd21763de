import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { acknowledgedSubmit, checkReceiptSequence } from '#tests/bench/surge-check.ts'
import { drive, type Sent } from '#tests/bench/surge-driver.ts'
import { findOpenProvince, prepareApplicants, type SurgeApplicant } from '#tests/bench/surge-setup.ts'
import { type AppDatabase, prepareAppDatabase } from './app-database.ts'
import type { AppProcess } from './app-process.ts'

// kill -9 during the deadline surge (issue 19): applicants with complete drafts submit at
// a fixed rate, the server is killed outright part-way, and afterwards every submission
// whose receipt redirect reached its client must exist exactly once, with the province's
// receipt numbers still gapless. Built on the deadline-surge bench's helpers.

export const SURGE_SLUG = 'kalbar'

/** Room for every submission to wait instead of being refused: the kill must find work under way. */
export const CRASH_APP_ENV = { ADMISSION_MAX_QUEUE: '500', ADMISSION_MAX_WAIT_MS: '30000' }

export interface CrashSurge {
  database: AppDatabase
  applicants: SurgeApplicant[]
  provinceId: string
  editionId: string
  consentVersion: number
}

/** A seeded database with `count` applicants, each with a complete draft and a session. */
export async function prepareCrashSurge(count: number, options: { embedded?: boolean } = {}): Promise<CrashSurge> {
  let found: Omit<CrashSurge, 'database'> | null = null
  const database = await prepareAppDatabase(async (owner) => {
    const now = new Date()
    const province = await findOpenProvince(owner, SURGE_SLUG, now)
    const applicants = await prepareApplicants(owner, province, count, now)
    found = {
      applicants,
      provinceId: province.id,
      editionId: province.editionId,
      consentVersion: province.consentVersion,
    }
  }, options)
  if (!found) throw new Error('the surge was not prepared')
  return { database, ...(found as Omit<CrashSurge, 'database'>) }
}

/**
 * Submits the given applicants' drafts at `ratePerS`; once `killAfter` answers have come
 * back the server gets SIGKILL, so the rest are in its queue, mid-transaction or not yet
 * sent. Returns the applicant indexes whose submission was acknowledged.
 */
export async function submitUntilKilled(
  app: AppProcess,
  surge: CrashSurge,
  indexes: number[],
  options: { ratePerS: number; killAfter: number | null },
): Promise<{ acknowledged: number[]; outcomes: Sent[] }> {
  const sent = await drive({
    baseUrl: app.url,
    ratePerS: options.ratePerS,
    timeoutMs: 30_000,
    count: indexes.length,
    plan: (i) => {
      const a = surge.applicants[indexes[i] as number] as SurgeApplicant
      const body = new URLSearchParams({
        consent: 'on',
        consent_version: String(surge.consentVersion),
        application: a.applicationId,
      }).toString()
      return [{ path: `/p/${SURGE_SLUG}/apply/${a.applicationId}/submit`, body, cookie: a.cookie }]
    },
    onProgress: (done) => {
      if (options.killAfter !== null && done === options.killAfter) app.child.kill('SIGKILL')
    },
  })
  const outcomes = sent.map((s) => s[0] as Sent)
  return {
    acknowledged: indexes.filter((_, i) => acknowledgedSubmit(outcomes[i]?.outcome ?? { kind: 'timeout' })),
    outcomes,
  }
}

/**
 * What the database says about `acknowledged` (applicant indexes): each submitted with a
 * receipt, one "submitted" event, one audit entry and one confirmation mail; and the
 * receipts of the province and edition run 1…n with the counter at n.
 */
export async function receiptProblems(owner: DB, surge: CrashSurge, acknowledged: number[]): Promise<string[]> {
  const problems: string[] = []
  const ids = acknowledged.map((i) => (surge.applicants[i] as SurgeApplicant).applicationId)
  if (ids.length > 0) {
    const rows = await owner
      .selectFrom('applications')
      .select(['id', 'status', 'receipt_number'])
      .where('id', 'in', ids)
      .execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    // How many rows of `table` with `filter` each application has (its id in `column`).
    const count = async (table: 'application_events' | 'audit_log', column: string, filter: [string, string]) => {
      const found = await sql<{ object: string; n: string }>`select ${sql.ref(column)}::text as object, count(*) as n
        from ${sql.table(table)} where ${sql.ref(column)}::text in (${sql.join(ids)})
        and ${sql.ref(filter[0])} = ${filter[1]} group by 1`.execute(owner)
      return new Map(found.rows.map((r) => [r.object, Number(r.n)]))
    }
    const events = await count('application_events', 'application_id', ['status', 'submitted'])
    const audits = await count('audit_log', 'object_id', ['action', 'application.submitted'])
    const emails = acknowledged.map((i) => (surge.applicants[i] as SurgeApplicant).email)
    const mails = await owner
      .selectFrom('mail_outbox')
      .select((eb) => ['to_email', eb.fn.countAll<string>().as('n')])
      .where('to_email', 'in', emails)
      .where('template', '=', 'applicationSubmitted')
      .groupBy('to_email')
      .execute()
    const mailsTo = new Map(mails.map((m) => [m.to_email, Number(m.n)]))
    for (const i of acknowledged) {
      const a = surge.applicants[i] as SurgeApplicant
      const row = byId.get(a.applicationId)
      if (row?.status !== 'submitted' || !row.receipt_number) {
        problems.push(`${a.applicationId}: receipt acknowledged, but the application is ${row?.status ?? 'missing'}`)
      }
      if (events.get(a.applicationId) !== 1)
        problems.push(`${a.applicationId}: ${events.get(a.applicationId) ?? 0} submitted events`)
      if (audits.get(a.applicationId) !== 1)
        problems.push(`${a.applicationId}: ${audits.get(a.applicationId) ?? 0} audit entries`)
      if (mailsTo.get(a.email) !== 1)
        problems.push(`${a.applicationId}: ${mailsTo.get(a.email) ?? 0} confirmation mails`)
    }
  }
  const receipts = await owner
    .selectFrom('applications')
    .select('receipt_number')
    .where('province_id', '=', surge.provinceId)
    .where('edition_id', '=', surge.editionId)
    .where('receipt_number', 'is not', null)
    .execute()
  const counter = await owner
    .selectFrom('receipt_counters')
    .select('last_number')
    .where('province_id', '=', surge.provinceId)
    .where('edition_id', '=', surge.editionId)
    .executeTakeFirst()
  const numbers = receipts.map((r) => Number(/(\d+)$/.exec(r.receipt_number ?? '')?.[1] ?? Number.NaN))
  problems.push(...checkReceiptSequence(numbers, counter?.last_number ?? 0))
  return problems
}
