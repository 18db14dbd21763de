import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// The summary counts of one province, counted and rewritten inside that province's own
// transaction (RLS binds it to the province; the national scope cannot write).

export const SUBMITTED = [
  'submitted',
  'eligible',
  'ineligible',
  'in_review',
  'shortlisted',
  'finalist',
  'not_selected',
] as const
export const ELIGIBLE = ['eligible', 'in_review', 'shortlisted', 'finalist', 'not_selected'] as const

/** The funnel of one province by edition and national issue. Shortlisted counts the finalists too. */
export function countIssueFigures(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .leftJoin('selection_entries as se', (j) =>
      j.onRef('se.province_id', '=', 'a.province_id').onRef('se.application_id', '=', 'a.id'),
    )
    .leftJoin('cohort_finalists as cf', (j) =>
      j.onRef('cf.province_id', '=', 'a.province_id').onRef('cf.application_id', '=', 'a.id'),
    )
    .select([
      'a.edition_id',
      'pi.national_issue_id',
      (eb) => eb.fn.countAll<string>().filterWhere('a.status', '=', 'draft').as('drafts'),
      (eb) => eb.fn.countAll<string>().filterWhere('a.status', 'in', SUBMITTED).as('submitted'),
      (eb) => eb.fn.countAll<string>().filterWhere('a.status', 'in', ELIGIBLE).as('eligible'),
      sql<string>`count(*) filter (where exists (
        select 1 from review_assignments ra
        where ra.province_id = a.province_id and ra.application_id = a.id and ra.scored_at is not null))`.as(
        'reviewed',
      ),
      (eb) => eb.fn.count<string>('se.application_id').as('shortlisted'),
      (eb) => eb.fn.countAll<string>().filterWhere('se.stage', '=', 'finalist').as('finalists'),
      (eb) => eb.fn.count<string>('cf.application_id').as('mentored'),
    ])
    .where('a.province_id', '=', provinceId)
    .groupBy(['a.edition_id', 'pi.national_issue_id'])
    .execute()
}

/** Applicant and reviewer accounts of the province (memberships are not per edition). */
export function countMembers(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('memberships')
    .select([
      (eb) => eb.fn.countAll<string>().filterWhere('role', '=', 'applicant').as('registered'),
      (eb) => eb.fn.countAll<string>().filterWhere('role', '=', 'reviewer').as('reviewers'),
    ])
    .where('province_id', '=', provinceId)
    .executeTakeFirstOrThrow()
}

/** Review assignments by edition: assigned, scored, and unscored past the call's review deadline at `now`. */
export function countReviews(trx: Trx, provinceId: string, now: Date) {
  return trx
    .selectFrom('review_assignments as ra')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'ra.province_id').onRef('a.id', '=', 'ra.application_id'),
    )
    .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 'a.province_id').onRef('c.id', '=', 'a.call_id'))
    .select([
      'a.edition_id',
      (eb) => eb.fn.countAll<string>().as('assigned'),
      (eb) => eb.fn.countAll<string>().filterWhere('ra.scored_at', 'is not', null).as('scored'),
      (eb) =>
        eb.fn
          .countAll<string>()
          .filterWhere((w) => w.and([w('ra.scored_at', 'is', null), w('c.review_closes_at', '<', now)]))
          .as('overdue'),
    ])
    .where('ra.province_id', '=', provinceId)
    .groupBy('a.edition_id')
    .execute()
}

export interface IssueFigures {
  edition_id: string
  national_issue_id: string
  drafts: number
  submitted: number
  eligible: number
  reviewed: number
  shortlisted: number
  finalists: number
  mentored: number
}

export interface ProvinceFigures {
  edition_id: string
  registered: number
  reviewers: number
  assigned: number
  scored: number
  overdue: number
}

/** Replaces the province's summary rows with freshly counted ones, stamped `at`. */
export async function replaceFigures(
  trx: Trx,
  provinceId: string,
  issues: readonly IssueFigures[],
  provinces: readonly ProvinceFigures[],
  at: Date,
) {
  await trx.deleteFrom('oversight_issue_counts').where('province_id', '=', provinceId).execute()
  await trx.deleteFrom('oversight_province_counts').where('province_id', '=', provinceId).execute()
  if (issues.length > 0) {
    await trx
      .insertInto('oversight_issue_counts')
      .values(issues.map((i) => ({ ...i, province_id: provinceId })))
      .execute()
  }
  if (provinces.length > 0) {
    await trx
      .insertInto('oversight_province_counts')
      .values(provinces.map((p) => ({ ...p, province_id: provinceId, refreshed_at: at })))
      .execute()
  }
}

/** When each province was last counted (national scope); a province never counted is absent. */
export function listRefreshTimes(trx: Trx) {
  return trx
    .selectFrom('oversight_province_counts')
    .select(['province_id', (eb) => eb.fn.min('refreshed_at').as('refreshed_at')])
    .groupBy('province_id')
    .execute()
}
