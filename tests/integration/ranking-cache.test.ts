import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findCallUnderReview } from '#app/modules/calls/call-under-review.queries.server.ts'
import { declareConflict, setTotal } from '#app/modules/review-desk/workspace.queries.server.ts'
import { buildLeaderboard } from '#app/modules/selection/leaderboard.ts'
import {
  countProgress,
  listCompletedTotals,
  listRankedApplications,
  readRankingVersion,
} from '#app/modules/selection/ranking.queries.server.ts'
import {
  chooseRankingMethod,
  loadRanking,
  readLeaderboard,
  readRanking,
} from '#app/modules/selection/ranking.server.ts'
import { boardView, clearRankingCache } from '#app/modules/selection/ranking-cache.server.ts'
import { lockSelection, upsertEntry } from '#app/modules/selection/selection.queries.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createDemoDatabase, type ProvinceFixture, provinceFixture } from '#tests/factories/demo.ts'
import { addReview, createApplicationInReview, createMember } from '#tests/factories/selection.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// The ranking computed once per change (issue 18, docs/decisions/022): after every kind
// of change that moves the leaderboard — a score saved, changed or withdrawn, a tie, a
// declared conflict, an application withdrawn, an assignment added, a shortlist entry, a
// renamed reviewer, venture or issue, the method and blind switches, a rolled-back
// write — what the cached path serves equals the leaderboard computed from scratch, and
// without a change the cache answers without re-ranking. Also on the embedded database.

let t: TestDatabase
let fx: ProvinceFixture
let other: ProvinceFixture
const apps: Record<string, string> = {}
const reviewers: Record<string, string> = {}
const province = () => fx.province.id
const tenant = <T>(fn: (trx: Trx) => Promise<T>) => withTenant(t.db, { provinceId: province() }, fn)
const call = (trx: Trx) => findCallUnderReview(trx, province(), { id: null, now: new Date() }).then((c) => c!)
const issueIds = () => fx.issues.map((i) => i.id)

/** What the pages are served: the cached path, whole and per issue, with progress. */
function served() {
  return tenant(async (trx) => {
    const c = await call(trx)
    const { progress } = await readRanking(trx, province(), c)
    const whole = await readLeaderboard(trx, province(), c)
    const perIssue = []
    for (const issue of issueIds()) perIssue.push((await readLeaderboard(trx, province(), c, issue)).entries)
    return { whole, perIssue, progress }
  })
}

/** The same computed from scratch, as before the cache: every row read, every review re-ranked. */
function fromScratch() {
  return tenant(async (trx) => {
    const c = await call(trx)
    const totals = await listCompletedTotals(trx, province(), c.id)
    const applications = await listRankedApplications(trx, province(), c.id)
    const input = { totals, applications, method: c.ranking_method, blind: c.blind_review }
    const whole = buildLeaderboard(input)
    return {
      whole: { entries: whole.entries, alpha: whole.alpha, reviewSlots: whole.reviewSlots },
      perIssue: issueIds().map((issue) => buildLeaderboard({ ...input, issue }).entries),
      progress: await countProgress(trx, province(), c.id),
    }
  })
}

async function expectSameAsScratch() {
  const cached = await served()
  const scratch = await fromScratch()
  expect(cached).toEqual(scratch)
  return cached
}

const version = () => tenant((trx) => readRankingVersion(trx, province(), fx.callId).then((v) => v.version))
const board = () => tenant(async (trx) => (await readRanking(trx, province(), await call(trx))).board)

beforeAll(async () => {
  t = await createDemoDatabase(new Date())
  fx = await t.asOwner((db) => provinceFixture(db, 'kalbar'))
  other = await t.asOwner((db) => provinceFixture(db, 'sulsel'))
  await t.asOwner((db) => db.deleteFrom('applications').execute())
  clearRankingCache()
  const [i0, i1] = issueIds() as [string, string]
  for (const r of ['r1', 'r2', 'r3', 'r4']) {
    reviewers[r] = (
      await t.asOwner((db) => createMember(db, province(), 'reviewer', { name: `Penilai ${r}`, opdId: fx.opdId }))
    ).id
  }
  for (const [n, key] of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].entries()) {
    apps[key] = (
      await t.asOwner((db) =>
        createApplicationInReview(
          db,
          { provinceId: province(), editionId: fx.editionId, callId: fx.callId },
          {
            venture: `Usaha ${key}`,
            applicant: `Pendaftar ${key}`,
            issueId: n % 2 === 0 ? i0 : i1,
            receipt: `WNR-KALBAR-9${String(n + 1).padStart(3, '0')}`,
          },
        ),
      )
    ).id
  }
  const table: [string, string, number | null][] = [
    ['a1', 'r1', 80],
    ['a1', 'r2', 70],
    ['a2', 'r1', 60],
    ['a2', 'r3', 65],
    ['a3', 'r2', 90],
    ['a3', 'r3', 40],
    ['a4', 'r4', 75],
    ['a5', 'r4', 55],
    ['a5', 'r1', null],
    ['a6', 'r2', null],
  ]
  for (const [a, r, total] of table) {
    await t.asOwner((db) =>
      addReview(db, province(), { applicationId: apps[a] as string, reviewerId: reviewers[r] as string, total }),
    )
  }
})
afterAll(() => t.close())

describe('ranking computed once per change', () => {
  it('serves the from-scratch leaderboard and answers again from the cache while nothing changes', async () => {
    const first = await expectSameAsScratch()
    expect(first.whole.entries.map((e) => e.venture)).toContain('Usaha a4')
    const before = await board()
    const again = await board()
    // The same object: the second request did not re-rank.
    expect(again).toBe(before)
    // A page request does not change the version.
    const v = await version()
    await loadRanking(t.db, province(), new Date(), { issue: null, page: 1 })
    expect(await version()).toBe(v)
    // The page's rows are derived once per board (and issue): requests only slice them.
    const view = boardView(before, null)
    expect(boardView(again, null)).toBe(view)
    expect(view.rows.map((r) => r.id)).toEqual(first.whole.entries.map((e) => e.id))
    expect(view.rows.map((r) => r.rank)).toEqual(first.whole.entries.map((e) => e.shownRank))
    const issue = issueIds()[0] as string
    expect(boardView(before, issue)).toBe(boardView(before, issue))
    expect(boardView(before, issue).rows.map((r) => r.rank)).toEqual(
      (await tenant(async (trx) => readLeaderboard(trx, province(), await call(trx), issue))).entries.map(
        (e) => e.shownRank,
      ),
    )
    // An issue the board does not rank is answered empty and not kept.
    const unknown = '00000000-0000-4000-8000-000000000000'
    expect(boardView(before, unknown).rows).toEqual([])
    expect(boardView(before, unknown)).not.toBe(boardView(before, unknown))
  })

  it('a completed review, a changed score and a withdrawn score each change the version and the board', async () => {
    const v0 = await version()
    const before = await board()
    await tenant((trx) => setTotal(trx, province(), apps.a5 as string, reviewers.r1 as string, 95, new Date()))
    const v1 = await version()
    expect(v1).not.toBe(v0)
    expect(await board()).not.toBe(before)
    await expectSameAsScratch()
    await tenant((trx) => setTotal(trx, province(), apps.a1 as string, reviewers.r2 as string, 20, new Date()))
    expect(await version()).not.toBe(v1)
    await expectSameAsScratch()
    // A review taken back (its total cleared) leaves the ranking.
    await tenant((trx) =>
      trx
        .updateTable('review_assignments')
        .set({ total: null, scored_at: null })
        .where('province_id', '=', province())
        .where('application_id', '=', apps.a4 as string)
        .execute(),
    )
    const served = await expectSameAsScratch()
    expect(served.whole.entries.some((e) => e.id === apps.a4)).toBe(false)
  })

  it('ties: equal scores share a rank in the cached board as from scratch', async () => {
    await tenant(async (trx) => {
      await setTotal(trx, province(), apps.a4 as string, reviewers.r4 as string, 60, new Date())
      await setTotal(trx, province(), apps.a2 as string, reviewers.r1 as string, 60, new Date())
      await setTotal(trx, province(), apps.a2 as string, reviewers.r3 as string, 60, new Date())
    })
    await tenant((trx) => chooseMean(trx))
    const served = await expectSameAsScratch()
    const tied = served.whole.entries.filter((e) => e.tie)
    expect(tied.length).toBeGreaterThanOrEqual(2)
    expect(new Set(tied.filter((e) => e.mean === 60).map((e) => e.rank)).size).toBe(1)
  })

  it('a declared conflict, an assignment added and an application withdrawn', async () => {
    await tenant((trx) =>
      declareConflict(
        trx,
        province(),
        apps.a6 as string,
        reviewers.r2 as string,
        { kind: 'family', note: null },
        new Date(),
      ),
    )
    let served = await expectSameAsScratch()
    const assignedBefore = served.progress.assigned
    await tenant((trx) =>
      trx
        .insertInto('review_assignments')
        .values({ province_id: province(), application_id: apps.a6 as string, reviewer_id: reviewers.r3 as string })
        .execute(),
    )
    served = await expectSameAsScratch()
    expect(served.progress.assigned).toBe(assignedBefore + 1)
    await tenant((trx) =>
      trx
        .updateTable('applications')
        .set({ status: 'withdrawn' })
        .where('province_id', '=', province())
        .where('id', '=', apps.a3 as string)
        .execute(),
    )
    served = await expectSameAsScratch()
    expect(served.whole.entries.some((e) => e.id === apps.a3)).toBe(false)
  })

  it('the shortlist, renamed reviewers, ventures and issues, the method and blind review', async () => {
    await tenant(async (trx) => {
      await lockSelection(trx, province(), fx.callId)
      await upsertEntry(trx, {
        provinceId: province(),
        callId: fx.callId,
        applicationId: apps.a1 as string,
        stage: 'shortlisted',
        justification: '',
        decidedBy: reviewers.r1 as string,
      })
    })
    let served = await expectSameAsScratch()
    expect(served.whole.entries.find((e) => e.id === apps.a1)?.stage).toBe('shortlisted')
    // Names are read per request: a user renamed (no ranking change) shows at once.
    await t.asOwner((db) =>
      db
        .updateTable('users')
        .set({ name: 'Penilai Baru' })
        .where('id', '=', reviewers.r4 as string)
        .execute(),
    )
    served = await expectSameAsScratch()
    expect(served.whole.entries.flatMap((e) => e.reviews.map((c) => c.reviewer))).toContain('Penilai Baru')
    await t.asOwner((db) =>
      db
        .updateTable('venture_snapshots')
        .set({ name: 'Usaha Berganti Nama' })
        .where('id', '=', (qb) =>
          qb
            .selectFrom('applications')
            .select('venture_snapshot_id')
            .where('id', '=', apps.a2 as string),
        )
        .execute(),
    )
    await t.asOwner((db) =>
      db
        .updateTable('province_issues')
        .set({ title_en: 'Renamed issue' })
        .where('id', '=', issueIds()[0] as string)
        .execute(),
    )
    served = await expectSameAsScratch()
    expect(served.whole.entries.map((e) => e.venture)).toContain('Usaha Berganti Nama')
    expect(served.whole.entries.map((e) => e.issue.en)).toContain('Renamed issue')
    await chooseRankingMethod(
      t.db,
      { provinceId: province(), userId: reviewers.r1 as string, ip: null },
      'zscore',
      new Date(),
    )
    await expectSameAsScratch()
    await tenant((trx) =>
      trx
        .updateTable('calls')
        .set({ blind_review: true })
        .where('province_id', '=', province())
        .where('id', '=', fx.callId)
        .execute(),
    )
    served = await expectSameAsScratch()
    expect(served.whole.entries.flatMap((e) => e.reviews.map((c) => c.reviewer)).every((r) => r === null)).toBe(true)
  })

  it('a transaction that wrote never fills the cache: a rolled-back score leaves no trace', async () => {
    const before = await expectSameAsScratch()
    await expect(
      tenant(async (trx) => {
        await setTotal(trx, province(), apps.a5 as string, reviewers.r4 as string, 5, new Date())
        const inside = await readLeaderboard(trx, province(), await call(trx))
        // Inside the transaction its own change shows…
        expect(inside.entries).not.toEqual(before.whole.entries)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    // …and after the rollback nobody is served it.
    expect((await expectSameAsScratch()).whole).toEqual(before.whole)
  })

  it('a draft saved or submitted changes no version (the deadline surge writes no ranking row)', async () => {
    const v = await version()
    await t.asOwner((db) =>
      db
        .updateTable('applications')
        .set({ status: 'submitted' })
        .where('id', '=', apps.a6 as string)
        .execute(),
    )
    // a6 left the ranked statuses: that is a change.
    expect(await version()).not.toBe(v)
    const v2 = await version()
    await t.asOwner((db) =>
      db
        .updateTable('applications')
        .set({ problem: 'Masalah diperbarui' })
        .where('id', '=', apps.a6 as string)
        .execute(),
    )
    expect(await version()).toBe(v2)
    await expectSameAsScratch()
  })

  it('ranking versions are tenant rows: another province neither reads nor writes them', async () => {
    const own = await t.asOwner((db) =>
      db.selectFrom('ranking_versions').select(['province_id', 'call_id']).where('call_id', '=', fx.callId).execute(),
    )
    expect(own).toEqual([{ province_id: province(), call_id: fx.callId }])
    const seen = await withTenant(t.db, { provinceId: other.province.id }, (trx) =>
      trx.selectFrom('ranking_versions').select('call_id').execute(),
    )
    expect(seen.map((r) => r.call_id)).not.toContain(fx.callId)
    await expect(
      withTenant(t.db, { provinceId: other.province.id }, (trx) =>
        sql`select ranking_bump(${province()}::uuid, ${fx.callId}::uuid)`.execute(trx),
      ),
    ).rejects.toThrow()
  })
})

/** The mean method, written as the ranking page's action does (the call row, no version bump needed). */
async function chooseMean(trx: Trx) {
  await trx
    .updateTable('calls')
    .set({ ranking_method: 'mean' })
    .where('province_id', '=', province())
    .where('id', '=', fx.callId)
    .execute()
}
