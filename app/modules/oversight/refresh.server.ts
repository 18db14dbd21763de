import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { isStale } from './freshness.ts'
import {
  countIssueFigures,
  countMembers,
  countReviews,
  type IssueFigures,
  listRefreshTimes,
  type ProvinceFigures,
  replaceFigures,
} from './refresh.queries.server.ts'

// Keeping the national figures fresh (docs/decisions/016-oversight-figures.md): a job
// recounts a province in one transaction of its own, so the figures of a province are
// always one consistent snapshot, and the dashboard reads a few hundred summary rows
// instead of aggregating every application under RLS.

/** Recounts one province's figures for every edition, stamped `now`. */
export async function refreshProvince(db: DB, provinceId: string, now: Date): Promise<void> {
  const editions = await db.selectFrom('editions').select('id').execute()
  await withTenant(db, { provinceId }, async (trx) => {
    const counted = await countIssueFigures(trx, provinceId)
    const members = await countMembers(trx, provinceId)
    const reviews = await countReviews(trx, provinceId, now)
    const issues: IssueFigures[] = counted.map((r) => ({
      edition_id: r.edition_id,
      national_issue_id: r.national_issue_id,
      drafts: Number(r.drafts),
      submitted: Number(r.submitted),
      eligible: Number(r.eligible),
      reviewed: Number(r.reviewed),
      shortlisted: Number(r.shortlisted),
      finalists: Number(r.finalists),
      mentored: Number(r.mentored),
    }))
    const provinces: ProvinceFigures[] = editions.map((e) => {
      const r = reviews.find((x) => x.edition_id === e.id)
      return {
        edition_id: e.id,
        registered: Number(members.registered),
        reviewers: Number(members.reviewers),
        assigned: Number(r?.assigned ?? 0),
        scored: Number(r?.scored ?? 0),
        overdue: Number(r?.overdue ?? 0),
      }
    })
    await replaceFigures(trx, provinceId, issues, provinces, now)
  })
}

/** Recounts every active province whose figures are stale at `now` (or all with `force`); answers how many. */
export async function refreshOversight(db: DB, now: Date, { force = false } = {}): Promise<number> {
  const provinces = await db.selectFrom('provinces').select('id').where('active', '=', true).execute()
  const times = await withTenant(db, { national: true }, (trx) => listRefreshTimes(trx))
  const last = new Map(times.map((t) => [t.province_id, t.refreshed_at ? new Date(t.refreshed_at) : null]))
  let refreshed = 0
  // One province at a time: each recount is a short transaction, never a long national one.
  for (const p of provinces) {
    if (!force && !isStale(last.get(p.id) ?? null, now)) continue
    await refreshProvince(db, p.id, now)
    refreshed += 1
  }
  return refreshed
}
