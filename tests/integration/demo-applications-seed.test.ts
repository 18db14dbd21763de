import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { incompleteSections } from '#app/modules/applications/submission-rules.ts'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import type { DB } from '#db/client.ts'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { demoApplicants } from '#db/seed/demo-applications-data.ts'
import { seed } from '#db/seed/run.ts'
import { postForm, request, sessionCookieFrom } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The demo seed's applicants (db/seed/demo-applications.ts): Kalbar's open call holds
// drafts and some submissions, Banten's closed call a dozen submissions to screen.
// Everything must be what the applicant workflow itself would have stored, and a
// second seeding (every `npm start`) must add nothing.

/** Not the default: the seed's mail links must follow the origin it is given. */
const ORIGIN = 'http://demo.example.test:4321'

let t: TestDatabase
const tables = [
  'users',
  'memberships',
  'ventures',
  'venture_members',
  'applications',
  'application_indicators',
  'application_events',
  'application_files',
  'files',
  'mail_outbox',
  'audit_log',
] as const

function countRows(db: DB) {
  return Promise.all(
    tables.map(async (table) => {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      return [table, Number(row.n)] as const
    }),
  )
}

let afterFirst: (readonly [string, number])[] = []
beforeAll(async () => {
  t = await createTestDatabase()
  afterFirst = await t.asOwner(async (db) => {
    await seed(db, { demo: true, origin: ORIGIN })
    return countRows(db)
  })
})
afterAll(() => t.close())

function applicationsOf(db: DB, slug: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('provinces as p', 'p.id', 'a.province_id')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('province_issues as pi', 'pi.id', 'a.issue_id')
    .selectAll('a')
    .select([
      'u.email',
      'c.opens_at',
      'c.closes_at',
      'pi.status as issue_status',
      (eb) =>
        eb
          .selectFrom('application_indicators as i')
          .whereRef('i.application_id', '=', 'a.id')
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('indicators'),
    ])
    .where('p.slug', '=', slug)
    .orderBy('a.submitted_at')
    .execute()
}

describe('demo applications seed', () => {
  it('gives Kalbar drafts and submissions and Banten twelve submissions, with gapless receipts', async () => {
    const { kalbar, banten, counters } = await t.asOwner(async (db) => ({
      kalbar: await applicationsOf(db, 'kalbar'),
      banten: await applicationsOf(db, 'banten'),
      counters: await db
        .selectFrom('receipt_counters as rc')
        .innerJoin('provinces as p', 'p.id', 'rc.province_id')
        .innerJoin('editions as e', 'e.id', 'rc.edition_id')
        .select(['p.slug', 'rc.last_number'])
        .where('e.slug', '=', 'demo-current')
        .execute(),
    }))
    const count = (list: typeof kalbar, status: string) => list.filter((a) => a.status === status).length
    expect([count(kalbar, 'draft'), count(kalbar, 'submitted')]).toEqual([3, 5])
    // Banten's call has closed: all screened, the eleven eligible in review (demo-programme.ts).
    expect([count(banten, 'draft'), count(banten, 'in_review'), count(banten, 'ineligible')]).toEqual([0, 11, 1])
    expect(count(banten, 'submitted')).toBe(0)
    expect(kalbar.length + banten.length).toBe(demoApplicants.kalbar.length + demoApplicants.banten.length)

    // Numbered 0001… in submission order, the counter at the last one.
    for (const [slug, list] of [
      ['kalbar', kalbar],
      ['banten', banten],
    ] as const) {
      const submitted = list.filter((a) => a.status !== 'draft')
      // The year is the submission's, on the province's calendar (submission-rules.ts).
      const zone = slug === 'kalbar' ? 'Asia/Pontianak' : 'Asia/Jakarta'
      expect(submitted.map((a) => a.receipt_number)).toEqual(
        submitted.map(
          (a, i) =>
            `WNR-${instantToLocal(a.submitted_at as Date, zone).slice(0, 4)}-${slug.toUpperCase()}-${String(i + 1).padStart(4, '0')}`,
        ),
      )
      expect(counters.find((c) => c.slug === slug)?.last_number).toBe(submitted.length)
    }

    // The demo applicant accounts listed in the README hold one of each.
    expect(banten.find((a) => a.email === 'applicant.banten@demo.winner.id')?.status).toBe('in_review')
    expect(kalbar.find((a) => a.email === 'applicant.kalbar@demo.winner.id')?.status).toBe('draft')
  })

  it('stores every submission complete, consented, in its window, with its event, PDF and mail', async () => {
    const { all, events, files, mails } = await t.asOwner(async (db) => ({
      all: [...(await applicationsOf(db, 'kalbar')), ...(await applicationsOf(db, 'banten'))],
      events: await db.selectFrom('application_events').select(['application_id', 'status', 'at']).execute(),
      files: await db
        .selectFrom('application_files as af')
        .innerJoin('files as f', (join) =>
          join.onRef('f.id', '=', 'af.file_id').onRef('f.province_id', '=', 'af.province_id'),
        )
        .select(['af.application_id', 'af.kind', 'f.content_type', 'f.size'])
        .execute(),
      mails: await db.selectFrom('mail_outbox').select(['to_email', 'template']).execute(),
    }))
    for (const a of all) {
      expect(a.issue_status).toBe('published')
      const values = { ...a, indicator_count: Number(a.indicators) }
      if (a.status === 'draft') {
        expect(a.receipt_number).toBeNull()
        expect(incompleteSections(values).length).toBeGreaterThan(0)
        expect(a.problem).toMatch(/^Data demo\./)
        continue
      }
      expect(incompleteSections(values)).toEqual([])
      expect(Number(a.indicators)).toBeGreaterThanOrEqual(2)
      expect(a.consent_version).toBe(1)
      expect(a.consent_at).toEqual(a.submitted_at)
      const at = (a.submitted_at as Date).getTime()
      expect(at).toBeGreaterThanOrEqual(a.opens_at.getTime())
      expect(at).toBeLessThanOrEqual(Math.min(a.closes_at.getTime(), Date.now()))
      const own = events.filter((e) => e.application_id === a.id).sort((x, y) => x.at.getTime() - y.at.getTime())
      expect(own.map((e) => [e.status, e.at])[0]).toEqual(['submitted', a.submitted_at])
      // A screened one has its screening event after it, one in review its review event too.
      const after = { submitted: [], ineligible: ['screening'], in_review: ['screening', 'review'] }
      expect(own.map((e) => e.status)).toEqual(['submitted', ...(after[a.status as keyof typeof after] ?? ['?'])])
      const proposal = files.filter((f) => f.application_id === a.id)
      expect(proposal).toEqual([
        { application_id: a.id, kind: 'proposal', content_type: 'application/pdf', size: expect.any(Number) },
      ])
      expect(proposal[0]?.size).toBeLessThan(2048)
      expect(mails.filter((m) => m.to_email === a.email && m.template === 'applicationSubmitted')).toHaveLength(1)
    }
  })

  it('gives every demo venture a team with gender and age band for the inclusion figures', async () => {
    const rows = await t.asOwner((db) =>
      db
        .selectFrom('ventures as v')
        .innerJoin('users as u', 'u.id', 'v.owner_id')
        .leftJoin('venture_members as m', (join) =>
          join.onRef('m.venture_id', '=', 'v.id').onRef('m.province_id', '=', 'v.province_id'),
        )
        .innerJoin('provinces as p', 'p.id', 'v.province_id')
        .select(['v.id', 'v.name', 'v.regency_code', 'm.gender', 'm.age_band'])
        .where('u.email', 'like', '%@demo.winner.id')
        .where('p.slug', 'in', ['kalbar', 'banten'])
        .execute(),
    )
    const ventures = new Set(rows.map((r) => r.id))
    expect(ventures.size).toBe(demoApplicants.kalbar.length + demoApplicants.banten.length)
    expect(rows.every((r) => r.name.endsWith('(demo)') && r.regency_code !== null && r.gender !== null)).toBe(true)
    const genders = new Set(rows.map((r) => r.gender))
    expect([...genders].sort()).toEqual(['female', 'male', 'unspecified'])
    expect(new Set(rows.map((r) => r.age_band)).size).toBeGreaterThanOrEqual(5)
  })

  it('adds nothing when seeded again', async () => {
    const again = await t.asOwner(async (db) => {
      await seed(db, { demo: true, origin: ORIGIN })
      return countRows(db)
    })
    expect(again).toEqual(afterFirst)
  })

  it('lets the demo applicant sign in and see the application in review in Banten', async () => {
    const login = await postForm(
      '/login',
      { email: 'applicant.banten@demo.winner.id', password: DEMO_PASSWORD },
      { db: t.db },
    )
    const headers = { Cookie: sessionCookieFrom(login) as string }
    const page = await request('/p/banten/apply', { db: t.db, headers })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Pengelolaan sampah di kawasan pesisir (demo)')
    // The first of Banten's submissions, screened eligible and in review (demo-programme.ts).
    expect(html).toContain('Dalam penilaian')
  })

  it("puts Banten's twelve submissions, with their PDF proposals, on Bappeda's incoming list", async () => {
    const login = await postForm(
      '/login',
      { email: 'bappeda.banten@demo.winner.id', password: DEMO_PASSWORD },
      { db: t.db },
    )
    const headers = { Cookie: sessionCookieFrom(login) as string }
    const page = await request('/p/banten/manage/applications', { db: t.db, headers })
    expect(page.status).toBe(200)
    const receipts = (await page.text()).match(/WNR-\d{4}-BANTEN-\d{4}/g) ?? []
    expect(new Set(receipts).size).toBe(12)

    const file = await t.asOwner((db) =>
      db
        .selectFrom('application_files as af')
        .innerJoin('applications as a', 'a.id', 'af.application_id')
        .select(['af.application_id', 'af.file_id'])
        .where('a.receipt_number', 'like', 'WNR-%-BANTEN-0001')
        .executeTakeFirstOrThrow(),
    )
    const download = await request(`/p/banten/manage/applications/${file.application_id}/files/${file.file_id}`, {
      db: t.db,
      headers,
    })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(new TextDecoder().decode(new Uint8Array(await download.arrayBuffer())).slice(0, 8)).toBe('%PDF-1.4')
  })

  // Runs last: it screens and assigns. The demo's accounts share one mail domain, which
  // must not read as a conflict, or no demo reviewer could ever be assigned. Sulsel is
  // the demo's province in screening: its submissions wait (demo-programme.ts).
  it('lets Bappeda Sulsel screen a waiting application and assign demo reviewers as its call asks', async () => {
    const login = await postForm(
      '/login',
      { email: 'bappeda.sulsel@demo.winner.id', password: DEMO_PASSWORD },
      { db: t.db },
    )
    const headers = { Cookie: sessionCookieFrom(login) as string }
    const app = await t.asOwner((db) =>
      db
        .selectFrom('applications')
        .select(['id', 'call_id'])
        .where('receipt_number', 'like', 'WNR-%-SULSEL-%')
        .where('status', '=', 'submitted')
        .orderBy('receipt_number')
        .executeTakeFirstOrThrow(),
    )
    const screened = await postForm(
      `/p/sulsel/manage/screening/${app.id}`,
      { decision: 'eligible', note: '' },
      {
        db: t.db,
        headers,
      },
    )
    expect(screened.status).toBe(302)
    const assigned = await postForm(
      '/p/sulsel/manage/review/assignments',
      { call: app.call_id, intent: 'assign' },
      { db: t.db, headers },
    )
    expect(assigned.status).toBe(200)
    expect(await assigned.text()).toContain('Semua proposal mendapat cukup penilai.')
    const reviewers = await t.asOwner((db) =>
      db
        .selectFrom('review_assignments as ra')
        .innerJoin('users as u', 'u.id', 'ra.reviewer_id')
        .select('u.email')
        .where('ra.application_id', '=', app.id)
        .execute(),
    )
    // As many as the call asks per application (Sulsel keeps the default), from its three demo reviewers.
    const call = await t.asOwner((db) =>
      db
        .selectFrom('calls')
        .select('reviewers_per_application')
        .where('id', '=', app.call_id)
        .executeTakeFirstOrThrow(),
    )
    expect(reviewers).toHaveLength(call.reviewers_per_application)
    for (const r of reviewers) expect(r.email).toMatch(/^reviewer\d?\.sulsel@demo\.winner\.id$/)
  })
})
