import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEXT_LIMITS } from '#app/modules/applications/application-sections.ts'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { loadNationalOverview } from '#app/modules/oversight/oversight.server.ts'
import type { DB } from '#db/client.ts'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { seed } from '#db/seed/run.ts'
import { postForm, request, sessionCookieFrom } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The demo programme (issue 13): after one seeding, the 2023 edition holds Sulsel's
// published finalists (Skolla EdTech and Rappo Indonesia among them) and the current demo
// edition has a province at every stage, found here by live queries on what the
// workflows stored, not by the seed's own lists. A second seeding adds nothing.

/** Not the default origin: every link in a mail the seed creates must use the one it is given. */
const ORIGIN = 'http://demo-origin.example.test:4321'

let t: TestDatabase
const seededAt = new Date()
const tables = [
  'users',
  'applications',
  'application_events',
  'calls',
  'review_assignments',
  'review_scores',
  'rubric_criteria',
  'selections',
  'selection_entries',
  'mail_outbox',
  'audit_log',
] as const

const countRows = (db: DB) =>
  Promise.all(
    tables.map(async (table) => {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      return [table, Number(row.n)] as const
    }),
  )

let afterFirst: (readonly [string, number])[] = []
beforeAll(async () => {
  t = await createTestDatabase()
  afterFirst = await t.asOwner(async (db) => {
    await seed(db, { demo: true, origin: ORIGIN, now: seededAt })
    return countRows(db)
  })
})
afterAll(() => t.close())

/** Per province of an edition: its call, application statuses, review progress and selection. */
async function stages(edition: string) {
  const rows = await t.asOwner((db) =>
    sql<{
      slug: string
      opens_at: Date
      closes_at: Date
      submitted: number
      screened: number
      in_review: number
      finalists: number
      assigned: number
      scored: number
      selection: string | null
      entries: number
    }>`
      select p.slug, c.opens_at, c.closes_at,
        (select count(*)::int from applications a where a.call_id = c.id and a.status = 'submitted') submitted,
        (select count(*)::int from applications a where a.call_id = c.id and a.screened_at is not null) screened,
        (select count(*)::int from applications a where a.call_id = c.id and a.status = 'in_review') in_review,
        (select count(*)::int from applications a where a.call_id = c.id and a.status = 'finalist') finalists,
        (select count(*)::int from review_assignments ra join applications a on a.id = ra.application_id
          where a.call_id = c.id) assigned,
        (select count(*)::int from review_assignments ra join applications a on a.id = ra.application_id
          where a.call_id = c.id and ra.scored_at is not null) scored,
        (select s.status::text from selections s where s.call_id = c.id) selection,
        (select count(*)::int from selection_entries se where se.call_id = c.id and se.stage = 'finalist') entries
      from calls c join provinces p on p.id = c.province_id join editions e on e.id = c.edition_id
      where e.slug = ${edition} and c.status = 'published'`.execute(db),
  )
  return rows.rows
}

describe('the demo programme', () => {
  it('shows every stage of the current demo edition at once', async () => {
    const rows = await stages('demo-current')
    const now = seededAt.getTime()
    const where = (test: (r: (typeof rows)[number]) => boolean) => rows.filter(test).map((r) => r.slug)
    const closed = (r: (typeof rows)[number]) => r.closes_at.getTime() < now
    // Open for applications, with applications coming in.
    expect(where((r) => r.opens_at.getTime() <= now && !closed(r) && r.submitted > 0)).toEqual(['kalbar'])
    // Screening: closed, submissions waiting, none decided yet.
    expect(where((r) => closed(r) && r.screened === 0 && r.submitted > 0)).toEqual(['sulsel'])
    // In review: all screened, assigned, some scores in and some missing, nothing selected yet.
    expect(
      where((r) => r.submitted === 0 && r.in_review > 0 && r.scored > 0 && r.scored < r.assigned && r.entries === 0),
    ).toEqual(['banten'])
    // Finalists awaiting the ministry, and published ones.
    expect(where((r) => r.selection === 'awaiting_confirmation' && r.entries === 3)).toEqual(['ntt'])
    expect(where((r) => r.selection === 'published' && r.finalists === 3)).toEqual(['sumut'])
    // And one province that has not started: no call in the edition yet.
    expect(rows.map((r) => r.slug)).not.toContain('jatim')
  })

  it('puts each province at its own stage as the national home computes it', async () => {
    const { provinces } = await loadNationalOverview(t.db, seededAt)
    const stageOf = Object.fromEntries(provinces.map((p) => [p.slug, p.stage]))
    expect(stageOf).toEqual({
      kalbar: 'open',
      sulsel: 'screening',
      banten: 'review',
      ntt: 'awaiting',
      sumut: 'published',
      jatim: 'preparing',
    })
  })

  it('mentors the published finalists: a cohort mid-way in the province that published', async () => {
    const cohorts = await t.asOwner((db) =>
      sql<{ slug: string; finalists: number; sessions: number }>`
        select p.slug,
          (select count(*)::int from cohort_finalists f where f.cohort_id = m.id) finalists,
          (select count(*)::int from mentoring_sessions s where s.cohort_id = m.id) sessions
        from mentoring_cohorts m join provinces p on p.id = m.province_id
        join editions e on e.id = m.edition_id where e.slug = 'demo-current'`.execute(db),
    )
    expect(cohorts.rows.map((r) => r.slug)).toEqual(['sumut'])
    expect(cohorts.rows[0]?.finalists).toBe(3)
    expect(cohorts.rows[0]?.sessions).toBeGreaterThan(0)
  })

  it('made the stages through the workflows, which audited each step', async () => {
    const actions = await t.asOwner((db) =>
      db
        .selectFrom('audit_log as l')
        .innerJoin('provinces as p', 'p.id', 'l.province_id')
        .select(['p.slug', 'l.action'])
        .distinct()
        .where('p.slug', 'in', ['banten', 'ntt', 'sumut', 'sulsel'])
        .execute(),
    )
    const of = (slug: string) => new Set(actions.filter((a) => a.slug === slug).map((a) => a.action))
    const opening = ['opd.created', 'fgd.created', 'issue.created', 'issue.validated', 'call.created', 'call.published']
    const review = ['application.screened', 'review.settings_saved', 'review.assigned', 'review.scored']
    const selection = ['selection.entry_marked', 'selection.submitted']
    for (const action of [...opening, ...review, ...selection]) expect(of('ntt')).toContain(action)
    for (const action of [...opening, ...review, ...selection, 'selection.confirmed', 'selection.published']) {
      expect(of('sumut')).toContain(action)
    }
    for (const action of [...review, 'selection.published']) expect(of('sulsel')).toContain(action)
    for (const action of review) expect(of('banten')).toContain(action)
    expect(of('banten')).not.toContain('selection.submitted')
  })

  it('keeps 2023 as history: phase 1 registration 6–20 Feb, Sulsel finalists published with the two named ones', async () => {
    const rows = await stages('2023')
    const local = (r: (typeof rows)[number], slug: string, zone: string) =>
      r.slug === slug ? [instantToLocal(r.opens_at, zone), instantToLocal(r.closes_at, zone)] : null
    expect(rows.map((r) => local(r, 'banten', 'Asia/Jakarta')).find(Boolean)).toEqual([
      '2023-02-06T00:00',
      '2023-02-20T23:59',
    ])
    expect(rows.map((r) => local(r, 'ntt', 'Asia/Makassar')).find(Boolean)).toEqual([
      '2023-02-06T00:00',
      '2023-02-20T23:59',
    ])
    expect(rows.filter((r) => r.selection === 'published' && r.finalists === 3).map((r) => r.slug)).toEqual(['sulsel'])
    const finalists = await t.asOwner((db) =>
      db
        .selectFrom('applications as a')
        .innerJoin('editions as e', 'e.id', 'a.edition_id')
        .innerJoin('venture_snapshots as v', 'v.id', 'a.venture_snapshot_id')
        .innerJoin('province_issues as pi', 'pi.id', 'a.issue_id')
        .innerJoin('national_issues as ni', 'ni.id', 'pi.national_issue_id')
        .select(['v.name', 'ni.code', 'a.receipt_number', 'a.submitted_at'])
        .where('e.slug', '=', '2023')
        .where('a.status', '=', 'finalist')
        .orderBy('a.receipt_number')
        .execute(),
    )
    expect(finalists.map((f) => [f.name, f.code]).slice(0, 2)).toEqual([
      ['Skolla EdTech', 'education'],
      ['Rappo Indonesia', 'poverty'],
    ])
    // Phase 2 registered after the April 2023 FGDs.
    expect(finalists.every((f) => (f.submitted_at as Date).toISOString() > '2023-04-30')).toBe(true)
  })

  it('numbers receipts with the year of submission on the province calendar', async () => {
    const rows = await t.asOwner((db) =>
      db
        .selectFrom('applications as a')
        .innerJoin('provinces as p', 'p.id', 'a.province_id')
        .innerJoin('editions as e', 'e.id', 'a.edition_id')
        .select(['a.receipt_number', 'a.submitted_at', 'p.time_zone', 'e.slug'])
        .where('a.receipt_number', 'is not', null)
        .execute(),
    )
    expect(rows.filter((r) => r.slug === '2023').length).toBeGreaterThan(0)
    for (const r of rows) {
      const year = instantToLocal(r.submitted_at as Date, r.time_zone).slice(0, 4)
      expect(r.receipt_number?.slice(4, 8)).toBe(year)
      if (r.slug === '2023') expect(r.receipt_number).toMatch(/^WNR-2023-/)
    }
  })

  it('writes proposals that never name their venture, so a blind review is blind', async () => {
    const apps = await t.asOwner((db) =>
      db
        .selectFrom('applications as a')
        .innerJoin('ventures as v', (j) =>
          j.onRef('v.id', '=', 'a.venture_id').onRef('v.province_id', '=', 'a.province_id'),
        )
        .selectAll('a')
        .select([
          'v.name as venture',
          (eb) =>
            eb
              .selectFrom('application_indicators as i')
              .whereRef('i.application_id', '=', 'a.id')
              .select(sql<string>`coalesce(string_agg(i.name, ' '), '')`.as('x'))
              .as('indicator_names'),
          (eb) =>
            eb
              .selectFrom('application_files as af')
              .innerJoin('files as f', (j) =>
                j.onRef('f.id', '=', 'af.file_id').onRef('f.province_id', '=', 'af.province_id'),
              )
              .whereRef('af.application_id', '=', 'a.id')
              .select(sql<string>`coalesce(string_agg(convert_from(f.data, 'LATIN1'), ' '), '')`.as('x'))
              .as('file_text'),
        ])
        .execute(),
    )
    expect(apps.length).toBeGreaterThan(30)
    const fields = Object.keys(TEXT_LIMITS) as (keyof typeof TEXT_LIMITS)[]
    for (const a of apps) {
      // The name without "(demo)", and its first word pair, which would give it away as well.
      const name = a.venture.replace(/\s*\(demo\)$/, '').toLowerCase()
      const texts = [...fields.map((f) => a[f] as string), a.indicator_names ?? '', a.file_text ?? '']
        .join('\n')
        .toLowerCase()
      expect(texts.includes(name), `${a.venture} named in its own proposal`).toBe(false)
    }
  })

  it('fills eligibility, FAQ and help desk of every call of the demo and 2023 editions', async () => {
    const calls = await t.asOwner((db) =>
      db
        .selectFrom('calls as c')
        .innerJoin('editions as e', 'e.id', 'c.edition_id')
        .select(['c.eligibility_id', 'c.eligibility_en', 'c.faq_id', 'c.faq_en', 'c.helpdesk_email'])
        .where('e.slug', 'in', ['demo-current', '2023'])
        .execute(),
    )
    expect(calls.length).toBeGreaterThanOrEqual(8)
    for (const c of calls) {
      expect([c.eligibility_id, c.eligibility_en, c.faq_id, c.faq_en].every((s) => s.length > 50)).toBe(true)
      expect(c.helpdesk_email).toMatch(/@demo\.winner\.id$/)
    }
  })

  it('links every mail it creates to the origin the server runs on', async () => {
    const mails = await t.asOwner((db) => db.selectFrom('mail_outbox').select(['template', 'body_text']).execute())
    const templates = new Set(mails.map((m) => m.template))
    // Submission, screening, assignment and outcome mails all came from the workflows.
    expect(templates.size).toBeGreaterThanOrEqual(4)
    const links = mails.flatMap((m) => m.body_text.match(/https?:\/\/[^\s)>"]+/g) ?? [])
    expect(links.length).toBeGreaterThan(mails.length / 2)
    expect(links.filter((l) => !l.startsWith(`${ORIGIN}/`))).toEqual([])
  })

  // Before any sign-in below: signing in is audited.
  it('adds nothing when seeded again (every npm start)', async () => {
    const again = await t.asOwner(async (db) => {
      await seed(db, { demo: true, origin: ORIGIN, now: new Date(seededAt.getTime() + 60_000) })
      return countRows(db)
    })
    expect(again).toEqual(afterFirst)
  })
  it('shows the reviewer in Banten a blind application without its venture name', async () => {
    const login = await postForm(
      '/login',
      { email: 'reviewer.banten@demo.winner.id', password: DEMO_PASSWORD },
      { db: t.db, now: seededAt },
    )
    const headers = { Cookie: sessionCookieFrom(login) as string }
    const assigned = await t.asOwner((db) =>
      db
        .selectFrom('review_assignments as ra')
        .innerJoin('users as u', 'u.id', 'ra.reviewer_id')
        .innerJoin('applications as a', 'a.id', 'ra.application_id')
        .innerJoin('ventures as v', 'v.id', 'a.venture_id')
        .select(['a.id', 'v.name', 'ra.declared_at'])
        .where('u.email', '=', 'reviewer.banten@demo.winner.id')
        .where('ra.declared_at', 'is not', null)
        .execute(),
    )
    expect(assigned.length).toBeGreaterThan(0)
    for (const a of assigned) {
      const page = await request(`/p/banten/review/${a.id}`, { db: t.db, headers, now: seededAt })
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('Data demo.')
      expect(html).not.toContain(a.name)
    }
  })
})
