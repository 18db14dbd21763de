import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Kysely only. Every query names the province explicitly (docs/ARCHITECTURE.md#tenancy, layer 4)
// on top of the row-level security its transaction runs under.

const callColumns = [
  'id',
  'edition_id',
  'opens_at',
  'closes_at',
  'status',
  'eligibility_id',
  'eligibility_en',
  'faq_id',
  'faq_en',
  'max_applications',
  'helpdesk_phone',
  'helpdesk_whatsapp',
  'helpdesk_email',
  'updated_at',
] as const

/**
 * Serialises changes to one province's calls: the overlap check reads the other
 * calls, so two concurrent saves must not both pass it. Held until commit.
 */
export async function lockProvinceCalls(trx: Trx, provinceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`calls:${provinceId}`}))`.execute(trx)
}

/** The province's calls of one edition, earliest first. */
export function listCalls(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('calls')
    .select(callColumns)
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
    .orderBy('opens_at')
    .execute()
}

/** One call of the province (undefined for another province's id). */
export function findCall(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('calls')
    .select(callColumns)
    .where('province_id', '=', provinceId)
    .where('id', '=', callId)
    .executeTakeFirst()
}

/** The windows of the province's other calls in the edition (the overlap check's input). */
export async function otherWindows(trx: Trx, provinceId: string, editionId: string, exceptId: string | null) {
  let q = trx
    .selectFrom('calls')
    .select(['opens_at', 'closes_at'])
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
  if (exceptId) q = q.where('id', '<>', exceptId)
  return (await q.execute()).map((c) => ({ opensAt: c.opens_at, closesAt: c.closes_at }))
}

export function findEdition(trx: Trx, editionId: string) {
  return trx
    .selectFrom('editions')
    .select(['id', 'name', 'starts_on', 'ends_on'])
    .where('id', '=', editionId)
    .executeTakeFirst()
}

/** How many of the province's issues of an edition are in one status, as a subquery to select. */
export function issueCount(
  trx: Trx,
  provinceId: string,
  editionId: string,
  status: 'draft' | 'validated' | 'published',
) {
  return trx
    .selectFrom('province_issues')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
    .where('status', '=', status)
}

/** The counts the call checklist needs, as subqueries a caller can put in its own select (one round trip). */
export function checklistColumns(trx: Trx, provinceId: string, editionId: string) {
  return [
    issueCount(trx, provinceId, editionId, 'published').as('published_issues'),
    trx
      .selectFrom('opds')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('province_id', '=', provinceId)
      .where('active', '=', true)
      .as('active_opds'),
    trx
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('province_id', '=', provinceId)
      .where('role', '=', 'reviewer')
      .as('reviewers'),
    trx
      .selectFrom('calls')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('province_id', '=', provinceId)
      .where('edition_id', '=', editionId)
      .as('calls'),
  ] as const
}

/** checklistColumns' row as the checklist rules take it. */
export function checklistFrom(row: {
  published_issues: string | null
  active_opds: string | null
  reviewers: string | null
  calls: string | null
}) {
  return {
    publishedIssues: Number(row.published_issues ?? 0),
    activeOpds: Number(row.active_opds ?? 0),
    reviewers: Number(row.reviewers ?? 0),
    calls: Number(row.calls ?? 0),
  }
}

/** The counts behind the opening checklist, for one province and edition. */
export async function checklistCounts(trx: Trx, provinceId: string, editionId: string) {
  return checklistFrom(await trx.selectNoFrom(checklistColumns(trx, provinceId, editionId)).executeTakeFirstOrThrow())
}

/** The province's registered applicants (active accounts), each once, with their language. */
export function listApplicants(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.locale'])
    .distinct()
    .where('memberships.province_id', '=', provinceId)
    .where('memberships.role', '=', 'applicant')
    .where('users.active', '=', true)
    .orderBy('users.id')
    .execute()
}
