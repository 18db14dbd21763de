import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { sendMentoringReminders } from '#app/modules/mentoring/reminders.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { upsertEdition } from '#db/seed/reference.ts'
import { createUser } from '#tests/factories/accounts.ts'
import { createDemoDatabase, type ProvinceFixture, provinceFixture } from '#tests/factories/demo.ts'
import { type Finalist, nameMentor, publishFinalists } from '#tests/factories/mentoring.ts'
import { signedIn } from '#tests/factories/session.ts'
import { request, sessionCookieFrom } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Mentoring of the finalists (issue 14) through the built app: a cohort built from a
// province's published finalists by Bappeda, a mentor invited by a one-time link who
// sees only their cohort (another cohort of the same province and another province are
// 404), finalists who see only their own plan, sessions, action items and the notes
// meant for them, ministry and ERAT read-only unless an ERAT coordinator is named on
// the cohort, localised 400s, 409 refusals, and the reminder sweep that sends once.

let t: TestDatabase
let kalbar: ProvinceFixture
let sulsel: ProvinceFixture
let K: Finalist[] = []
let S: Finalist[] = []
const who: Record<string, { Cookie: string }> = {}
let cohortId = ''
let sulselCohortId = ''
let otherCohortId = ''
let mentorId = ''
let pastSession = ''
let futureSession = ''
const now = new Date()
const HOUR = 3_600_000

const owner = <T>(fn: (db: TestDatabase['db']) => Promise<T>) => t.asOwner(fn)
const get = async (path: string, as?: string) => {
  const res = await request(path, { db: t.db, headers: as ? (who[as] ?? {}) : {} })
  return { status: res.status, body: await res.text(), location: res.headers.get('Location') }
}
const post = async (path: string, body: Record<string, string | string[]>, as?: string) => {
  const form = new URLSearchParams()
  for (const [k, v] of Object.entries(body)) for (const one of [v].flat()) form.append(k, one)
  const res = await request(path, {
    db: t.db,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Host: 'localhost',
      Origin: 'http://localhost',
      ...(as ? who[as] : {}),
    },
    init: { method: 'POST', body: form.toString() },
  })
  return { status: res.status, body: await res.text(), location: res.headers.get('Location'), res }
}
const postMultipart = async (path: string, form: FormData, as: string) => {
  const res = await request(path, {
    db: t.db,
    headers: { Host: 'localhost', Origin: 'http://localhost', ...who[as] },
    init: { method: 'POST', body: form },
  })
  return { status: res.status, body: await res.text() }
}
const count = (table: 'cohort_finalists' | 'plan_milestones' | 'cohort_mentors' | 'mentoring_sessions') =>
  owner(async (db) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  )
const audits = (action: string) =>
  owner(async (db) =>
    Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  )
const mails = (template: string) =>
  owner((db) => db.selectFrom('mail_outbox').selectAll().where('template', '=', template).execute())
const local = (instant: Date) => instantToLocal(instant, 'Asia/Pontianak')
const KB = '/p/kalbar/mentoring'

beforeAll(async () => {
  t = await createDemoDatabase(now)
  kalbar = await owner((db) => provinceFixture(db, 'kalbar'))
  sulsel = await owner((db) => provinceFixture(db, 'sulsel'))
  K = await owner((db) =>
    publishFinalists(db, kalbar, ['Koperasi Air Kapuas', 'Bank Sampah Khatulistiwa', 'Tenun Sintang']),
  )
  S = await owner((db) =>
    publishFinalists(db, sulsel, ['Kopi Toraja Lestari', 'Rumput Laut Takalar', 'Sekolah Pesisir']),
  )
  who.admin = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
  who.otherAdmin = await signedIn(t.db, 'bappeda.sulsel@demo.winner.id')
  who.ministry = await signedIn(t.db, 'ministry@demo.winner.id')
  who.erat = await signedIn(t.db, 'erat@demo.winner.id')
  who.reviewer = await signedIn(t.db, 'reviewer.kalbar@demo.winner.id')
  who.k1 = await signedIn(t.db, K[0]?.applicant.email ?? '')
  who.k2 = await signedIn(t.db, K[1]?.applicant.email ?? '')
  who.s1 = await signedIn(t.db, S[0]?.applicant.email ?? '')
})
afterAll(() => t.close())

describe('building a cohort', () => {
  it('Bappeda sees the edition with published finalists and builds the cohort from them, with the default plan', async () => {
    const home = await get(KB, 'admin')
    expect(home.status).toBe(200)
    expect(home.body).toContain('Bentuk kelompok dari finalis WiNNER Demo')
    const res = await post(KB, { intent: 'build', edition: kalbar.editionId }, 'admin')
    expect(res.status).toBe(302)
    cohortId = /mentoring\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1] ?? ''
    expect(cohortId).not.toBe('')
    expect(await count('cohort_finalists')).toBe(3)
    expect(await count('plan_milestones')).toBe(9)
    expect(await audits('mentoring.cohort_built')).toBe(1)
    const page = await get(`${KB}/${cohortId}`, 'admin')
    expect(page.status).toBe(200)
    for (const f of K) expect(page.body).toContain(f.venture)
    expect(page.body).not.toContain(S[0]?.venture)
  })

  it('refuses a second cohort of the same edition (409) and leaves everything as it was', async () => {
    const res = await post(KB, { intent: 'build', edition: kalbar.editionId }, 'admin')
    expect(res.status).toBe(409)
    expect(res.body).toContain('Kelompok pendampingan edisi ini sudah ada.')
    expect(await count('cohort_finalists')).toBe(3)
  })

  it('answers 404 to another province’s Bappeda and 403 to ministry, ERAT, reviewers and applicants', async () => {
    expect((await post(KB, { intent: 'build', edition: kalbar.editionId }, 'otherAdmin')).status).toBe(404)
    for (const as of ['ministry', 'erat', 'reviewer', 'k1']) {
      expect((await post(KB, { intent: 'build', edition: kalbar.editionId }, as)).status, as).toBe(403)
    }
    expect((await get(KB, 'reviewer')).status).toBe(403)
    expect((await get(KB, 'k1')).status).toBe(403)
  })

  it('refuses an edition without confirmed finalists (409)', async () => {
    const edition = await owner((db) =>
      upsertEdition(db, {
        slug: 'mentoring-other',
        name: 'Edisi Lain',
        starts_on: '2024-01-01',
        ends_on: '2024-12-31',
        legal_basis: null,
        status: 'closed',
      }),
    )
    expect((await post(KB, { intent: 'build', edition }, 'admin')).status).toBe(409)
    // A cohort of that edition made by hand, for the cross-cohort checks below.
    otherCohortId = await owner((db) =>
      withTenant(
        db,
        { provinceId: kalbar.province.id },
        async (trx) =>
          (
            await trx
              .insertInto('mentoring_cohorts')
              .values({ province_id: kalbar.province.id, edition_id: edition })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id,
      ),
    )
    const res = await post('/p/sulsel/mentoring', { intent: 'build', edition: sulsel.editionId }, 'otherAdmin')
    expect(res.status).toBe(302)
    sulselCohortId = /mentoring\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1] ?? ''
  })
})

describe('inviting a mentor', () => {
  it('answers a bad address with a localised 400, in the form', async () => {
    const res = await post(
      `${KB}/${cohortId}`,
      {
        intent: 'invite',
        name: 'Dewi Mentor',
        email: 'not-an-address',
        kind: 'expert',
        organisation: 'Universitas Tanjungpura',
      },
      'admin',
    )
    expect(res.status).toBe(400)
    expect(res.body).toContain('Alamat email tidak valid.')
  })

  it('answers a tampered intent with the localised bad-request page (400)', async () => {
    const res = await post(`${KB}/${cohortId}`, { intent: 'bogus' }, 'admin')
    expect(res.status).toBe(400)
    expect(res.body).toContain('Data yang dikirim tidak lengkap')
  })

  it('mails a one-time link; accepting it creates the account, the mentor membership and the place on the cohort', async () => {
    const res = await post(
      `${KB}/${cohortId}`,
      {
        intent: 'invite',
        name: 'Dewi Mentor',
        email: 'dewi.mentor@example.id',
        kind: 'expert',
        organisation: 'Universitas Tanjungpura',
        expertise: 'model bisnis, pemasaran, model bisnis',
      },
      'admin',
    )
    expect(res.status).toBe(302)
    const [mail] = await mails('mentoring.invitation')
    expect(mail?.to_email).toBe('dewi.mentor@example.id')
    const link = /http:\/\/localhost(\/p\/kalbar\/mentoring\/invite\/\S+)/.exec(mail?.body_text ?? '')?.[1] ?? ''
    expect(link).not.toBe('')
    expect((await get(link)).status).toBe(200)
    const accepted = await post(link, { name: 'Dewi Mentor', password: 'mentor-kapuas-2026-kuat' })
    expect(accepted.status).toBe(302)
    expect(accepted.location).toBe('/p/kalbar/mentoring')
    who.mentor = { Cookie: sessionCookieFrom(accepted.res) ?? '' }
    mentorId = await owner(
      async (db) =>
        (
          await db
            .selectFrom('users')
            .select('id')
            .where('email', '=', 'dewi.mentor@example.id')
            .executeTakeFirstOrThrow()
        ).id,
    )
    const row = await owner((db) =>
      db.selectFrom('cohort_mentors').selectAll().where('user_id', '=', mentorId).executeTakeFirstOrThrow(),
    )
    expect(row.expertise).toEqual(['model bisnis', 'pemasaran'])
    expect(row.cohort_id).toBe(cohortId)
    // The link is used up.
    expect((await get(link)).status).toBe(400)
    expect(await audits('mentoring.invitation_accepted')).toBe(1)
  })
})

describe('mentor scoping', () => {
  it('a mentor lands on their cohort and works on it', async () => {
    const home = await get(KB, 'mentor')
    expect(home.status).toBe(302)
    expect(home.location).toBe(`${KB}/${cohortId}`)
    const page = await get(`${KB}/${cohortId}`, 'mentor')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Jadwalkan sesi')
  })

  it('another cohort of the same province is 404, and so is another province', async () => {
    expect((await get(`${KB}/${otherCohortId}`, 'mentor')).status).toBe(404)
    expect((await post(`${KB}/${otherCohortId}`, { intent: 'sync' }, 'mentor')).status).toBe(404)
    expect((await get(`/p/sulsel/mentoring/${sulselCohortId}`, 'mentor')).status).toBe(404)
    // A mentor of the other cohort does not see this one.
    const other = await owner((db) => createUser(db, { email: 'lain.mentor@example.id', name: 'Mentor Lain' }))
    await owner((db) => nameMentor(db, kalbar.province.id, otherCohortId, other))
    who.otherMentor = await signedIn(t.db, 'lain.mentor@example.id')
    expect((await get(`${KB}/${cohortId}`, 'otherMentor')).status).toBe(404)
    expect((await get(`${KB}/${cohortId}/plans/${K[0]?.id}`, 'otherMentor')).status).toBe(404)
    // Another province's cohort id under this province's address does not exist either.
    expect((await get(`${KB}/${sulselCohortId}`, 'admin')).status).toBe(404)
  })

  it('a mentor may not invite mentors (403) unless named as the ERAT coordinator', async () => {
    const body = { intent: 'invite', name: 'X', email: 'x@example.id', kind: 'expert', organisation: 'Y' }
    expect((await post(`${KB}/${cohortId}`, body, 'mentor')).status).toBe(403)
  })
})

describe('sessions, attendance, notes and action items', () => {
  it('checks a session: an online session needs a link (400, localised)', async () => {
    const res = await post(
      `${KB}/${cohortId}`,
      {
        intent: 'session',
        starts_at: local(new Date(now.getTime() + 20 * HOUR)),
        duration_minutes: '90',
        mode: 'online',
        agenda: 'Model bisnis',
      },
      'mentor',
    )
    expect(res.status).toBe(400)
    expect(res.body).toContain('Isi tautan web yang valid')
  })

  it('schedules a past and an upcoming session in the province’s time, with the people expected', async () => {
    const base = { duration_minutes: '90', mentors: [mentorId], finalists: K.map((f) => f.id) }
    const past = await post(
      `${KB}/${cohortId}`,
      {
        intent: 'session',
        ...base,
        starts_at: local(new Date(now.getTime() - 72 * HOUR)),
        mode: 'offline',
        place: 'Kantor Bappeda Kalbar, Pontianak',
        agenda: 'Perkenalan dan model bisnis',
      },
      'mentor',
    )
    expect(past.status).toBe(302)
    pastSession = /sessions\/([0-9a-f-]{36})/.exec(past.location ?? '')?.[1] ?? ''
    const upcoming = await post(
      `${KB}/${cohortId}`,
      {
        intent: 'session',
        ...base,
        starts_at: local(new Date(now.getTime() + 20 * HOUR)),
        mode: 'online',
        link: 'meet.example.id/winner-kalbar',
        agenda: 'Rencana uji coba dengan OPD',
      },
      'admin',
    )
    expect(upcoming.status).toBe(302)
    futureSession = /sessions\/([0-9a-f-]{36})/.exec(upcoming.location ?? '')?.[1] ?? ''
    const row = await owner((db) =>
      db
        .selectFrom('mentoring_sessions')
        .select(['starts_at', 'link'])
        .where('id', '=', futureSession)
        .executeTakeFirstOrThrow(),
    )
    // Minutes are what the form carries; the instant is the local time in Pontianak (WIB).
    expect(local(row.starts_at)).toBe(local(new Date(now.getTime() + 20 * HOUR)))
    expect(row.link).toBe('https://meet.example.id/winner-kalbar')
    expect(await audits('mentoring.session_scheduled')).toBe(2)
  })

  it('refuses attendance before a session starts (409) and records it after', async () => {
    const early = await post(
      `${KB}/${cohortId}/sessions/${futureSession}`,
      { intent: 'attendance', present: mentorId },
      'mentor',
    )
    expect(early.status).toBe(409)
    expect(early.body).toContain('Sesi belum dimulai')
    const res = await post(
      `${KB}/${cohortId}/sessions/${pastSession}`,
      { intent: 'attendance', present: [mentorId, K[0]?.applicant.id ?? '', K[1]?.applicant.id ?? ''] },
      'mentor',
    )
    expect(res.status).toBe(302)
    const rows = await owner((db) =>
      db
        .selectFrom('session_participants')
        .select(['user_id', 'attended'])
        .where('session_id', '=', pastSession)
        .execute(),
    )
    expect(rows.find((r) => r.user_id === K[2]?.applicant.id)?.attended).toBe(false)
    expect(rows.find((r) => r.user_id === K[0]?.applicant.id)?.attended).toBe(true)
    // Someone not expected cannot be marked present.
    const stranger = await post(
      `${KB}/${cohortId}/sessions/${pastSession}`,
      { intent: 'attendance', present: S[0]?.applicant.id ?? '' },
      'mentor',
    )
    expect(stranger.status).toBe(400)
  })

  it('writes notes for the finalists and internal ones, and action items (one already overdue)', async () => {
    const path = `${KB}/${cohortId}/sessions/${pastSession}`
    expect(
      (await post(path, { intent: 'note', audience: 'finalists', body: 'Perjelas segmen pelanggan utama.' }, 'mentor'))
        .status,
    ).toBe(302)
    expect(
      (await post(path, { intent: 'note', audience: 'internal', body: 'Tim masih lemah di keuangan.' }, 'mentor'))
        .status,
    ).toBe(302)
    expect((await post(path, { intent: 'note', audience: 'internal', body: '' }, 'mentor')).status).toBe(400)
    const yesterday = local(new Date(now.getTime() - 30 * HOUR)).slice(0, 10)
    const nextWeek = local(new Date(now.getTime() + 7 * 24 * HOUR)).slice(0, 10)
    const overdue = await post(
      path,
      {
        intent: 'action',
        title: 'Kirim proyeksi arus kas',
        owner: K[0]?.applicant.id ?? '',
        due_on: yesterday,
        application: K[0]?.id ?? '',
      },
      'mentor',
    )
    expect(overdue.status).toBe(302)
    expect(
      (
        await post(
          `${KB}/${cohortId}`,
          { intent: 'action', title: 'Siapkan daftar investor', owner: mentorId, due_on: nextWeek },
          'mentor',
        )
      ).status,
    ).toBe(302)
    const badOwner = await post(
      `${KB}/${cohortId}`,
      { intent: 'action', title: 'Tugas', owner: S[0]?.applicant.id ?? '', due_on: nextWeek },
      'mentor',
    )
    expect(badOwner.status).toBe(400)
    const page = await get(`${KB}/${cohortId}`, 'admin')
    expect(page.body).toContain('data-overdue="yes"')
  })
})

describe('the plan: evidence and sign-off', () => {
  const plan = () => `${KB}/${cohortId}/plans/${K[0]?.id}`
  const milestone = () =>
    owner(
      async (db) =>
        (
          await db
            .selectFrom('plan_milestones')
            .select('id')
            .where('application_id', '=', K[0]?.id ?? '')
            .where('key', '=', 'businessModel')
            .executeTakeFirstOrThrow()
        ).id,
    )

  it('names the OPD that owns the issue in the pilot milestone', async () => {
    const page = await get(plan(), 'mentor')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Rencana uji coba disepakati dengan')
  })

  it('refuses a sign-off without evidence (409); Bappeda cannot sign off (403)', async () => {
    const id = await milestone()
    expect((await post(plan(), { intent: 'signOff', milestone: id }, 'mentor')).status).toBe(409)
    expect((await post(plan(), { intent: 'signOff', milestone: id }, 'admin')).status).toBe(403)
  })

  it('checks an evidence file by its content (400, localised) and keeps a real PDF', async () => {
    const id = await milestone()
    const fake = new FormData()
    fake.set('intent', 'evidence')
    fake.set('milestone', id)
    fake.set('file', new File([new TextEncoder().encode('MZ not a pdf')], 'kanvas.pdf', { type: 'application/pdf' }))
    const bad = await postMultipart(plan(), fake, 'mentor')
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Hanya berkas PDF, PNG atau JPEG')
    const good = new FormData()
    good.set('intent', 'evidence')
    good.set('milestone', id)
    good.set('text', 'Kanvas model bisnis versi 3.')
    good.set(
      'file',
      new File([new TextEncoder().encode('%PDF-1.4\n%kanvas\n')], 'kanvas.pdf', { type: 'application/pdf' }),
    )
    expect((await postMultipart(plan(), good, 'mentor')).status).toBe(302)
  })

  it('a mentor signs off once (who and when kept); again is 409', async () => {
    const id = await milestone()
    expect((await post(plan(), { intent: 'signOff', milestone: id }, 'mentor')).status).toBe(302)
    const row = await owner((db) =>
      db.selectFrom('plan_milestones').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    )
    expect(row.signed_off_by).toBe(mentorId)
    expect(row.signed_off_at).not.toBeNull()
    expect((await post(plan(), { intent: 'signOff', milestone: id }, 'mentor')).status).toBe(409)
    expect(await audits('mentoring.milestone_signed_off')).toBe(1)
  })
})

describe('what finalists see', () => {
  it('their own plan, sessions, the notes meant for them and their action items; never internal notes', async () => {
    const overview = await get(`/p/kalbar/apply/${K[0]?.id}`, 'k1')
    expect(overview.body).toContain(`/p/kalbar/apply/${K[0]?.id}/mentoring`)
    const page = await get(`/p/kalbar/apply/${K[0]?.id}/mentoring`, 'k1')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Perjelas segmen pelanggan utama.')
    expect(page.body).not.toContain('Tim masih lemah di keuangan.')
    expect(page.body).toContain('Kirim proyeksi arus kas')
    expect(page.body).not.toContain('Siapkan daftar investor')
    expect(page.body).toContain('Disetujui oleh Dewi Mentor')
  })

  it('another finalist’s page is 404, across finalists and across provinces; the staff pages are closed to them', async () => {
    expect((await get(`/p/kalbar/apply/${K[0]?.id}/mentoring`, 'k2')).status).toBe(404)
    expect((await get(`/p/kalbar/apply/${K[0]?.id}/mentoring`, 's1')).status).toBe(404)
    expect((await get(`/p/sulsel/apply/${K[0]?.id}/mentoring`, 's1')).status).toBe(404)
    expect((await get(`${KB}/${cohortId}`, 'k1')).status).toBe(403)
    expect((await get(`${KB}/${cohortId}/plans/${K[0]?.id}`, 'k1')).status).toBe(403)
  })

  it('a finalist gives evidence on their own milestones; empty is 400, a signed-off one 409, another’s 404', async () => {
    const [deck, model] = await owner((db) =>
      Promise.all(
        ['pitchDeck', 'businessModel'].map(
          async (key) =>
            (
              await db
                .selectFrom('plan_milestones')
                .select('id')
                .where('application_id', '=', K[0]?.id ?? '')
                .where('key', '=', key)
                .executeTakeFirstOrThrow()
            ).id,
        ),
      ),
    )
    const path = `/p/kalbar/apply/${K[0]?.id}/mentoring`
    const empty = await post(path, { intent: 'evidence', milestone: deck ?? '' }, 'k1')
    expect(empty.status).toBe(400)
    expect(empty.body).toContain('Isi uraian, tautan atau berkas sebagai bukti.')
    expect((await post(path, { intent: 'evidence', milestone: model ?? '', text: 'Versi baru' }, 'k1')).status).toBe(
      409,
    )
    expect(
      (await post(path, { intent: 'evidence', milestone: deck ?? '', link: 'https://example.id/deck' }, 'k2')).status,
    ).toBe(404)
    expect(
      (await post(path, { intent: 'evidence', milestone: deck ?? '', link: 'https://example.id/deck' }, 'k1')).status,
    ).toBe(302)
    const row = await owner((db) =>
      db
        .selectFrom('plan_milestones')
        .selectAll()
        .where('id', '=', deck ?? '')
        .executeTakeFirstOrThrow(),
    )
    expect(row.evidence_link).toBe('https://example.id/deck')
    expect(row.evidence_by).toBe(K[0]?.applicant.id)
    expect(await audits('mentoring.evidence_added')).toBe(2)
  })

  it('the evidence file goes to the finalist whose plan it is and the cohort, never to another finalist', async () => {
    const file = await owner(
      async (db) =>
        (
          await db
            .selectFrom('plan_milestones')
            .select('evidence_file_id')
            .where('evidence_file_id', 'is not', null)
            .executeTakeFirstOrThrow()
        ).evidence_file_id,
    )
    const path = `${KB}/files/${file}`
    expect((await get(path, 'k1')).status).toBe(200)
    expect((await get(path, 'mentor')).status).toBe(200)
    expect((await get(path, 'k2')).status).toBe(404)
    expect((await get(path, 'otherMentor')).status).toBe(404)
    expect((await get(path, 'otherAdmin')).status).toBe(404)
  })
})

describe('ministry and ERAT', () => {
  it('read every cohort, from the national list, and change nothing', async () => {
    const list = await get('/national/mentoring', 'erat')
    expect(list.status).toBe(200)
    expect(list.body).toContain(`/p/kalbar/mentoring/${cohortId}`)
    expect(list.body).toContain(`/p/sulsel/mentoring/${sulselCohortId}`)
    for (const as of ['ministry', 'erat']) {
      const page = await get(`${KB}/${cohortId}`, as)
      expect(page.status).toBe(200)
      expect(page.body).toContain('Anda dapat membaca kelompok ini tetapi tidak mengubahnya.')
      expect(page.body).not.toContain('Jadwalkan sesi')
      expect((await post(`${KB}/${cohortId}`, { intent: 'sync' }, as)).status).toBe(403)
    }
    expect((await get('/national/mentoring', 'admin')).status).toBe(403)
  })

  it('an ERAT coordinator invited to a cohort (an existing account) leads that cohort and only that one', async () => {
    const invited = await post(
      `${KB}/${cohortId}`,
      {
        intent: 'invite',
        name: 'Demo USAID-ERAT',
        email: 'ERAT@demo.winner.id',
        kind: 'erat_coordinator',
        organisation: 'USAID-ERAT Kalimantan',
      },
      'admin',
    )
    expect(invited.status).toBe(302)
    const mail = (await mails('mentoring.invitation')).find((m) => m.to_email === 'erat@demo.winner.id')
    const link = /http:\/\/localhost(\/p\/kalbar\/mentoring\/invite\/\S+)/.exec(mail?.body_text ?? '')?.[1] ?? ''
    // The address has an account: the page asks to sign in as it, and another account cannot take the link.
    expect((await get(link)).body).toContain('erat@demo.winner.id')
    expect((await post(link, {}, 'admin')).status).toBe(403)
    const accepted = await post(link, {}, 'erat')
    expect(accepted.status).toBe(302)
    who.erat = { Cookie: sessionCookieFrom(accepted.res) ?? '' }
    expect((await post(`${KB}/${cohortId}`, { intent: 'sync' }, 'erat')).status).toBe(302)
    expect((await post(`${KB}/${otherCohortId}`, { intent: 'sync' }, 'erat')).status).toBe(403)
    expect((await post(`/p/sulsel/mentoring/${sulselCohortId}`, { intent: 'sync' }, 'erat')).status).toBe(403)
    // Still ERAT everywhere else: the national list, read-only.
    expect((await get('/national/mentoring', 'erat')).status).toBe(200)
  })
})

describe('both languages', () => {
  it('renders the cohort, session, plan and finalist pages in English without raw keys', async () => {
    const pages: [string, string][] = [
      [`${KB}/${cohortId}?lng=en`, 'Mentoring Kalimantan Barat'],
      [`${KB}/${cohortId}/sessions/${pastSession}?lng=en`, 'Attendance'],
      [`${KB}/${cohortId}/plans/${K[0]?.id}?lng=en`, 'Business model refined'],
      [`/p/kalbar/apply/${K[0]?.id}/mentoring?lng=en`, 'Your mentoring'],
    ]
    for (const [path, text] of pages) {
      const page = await get(path, path.includes('/apply/') ? 'k1' : 'admin')
      expect(page.status, path).toBe(200)
      expect(page.body, path).toContain(text)
      expect(page.body, path).not.toMatch(/mentoring:[a-z]/)
    }
  })
})

describe('reminders', () => {
  it('mails everyone expected the day before a session and the owner of an overdue item, once', async () => {
    const sent = await sendMentoringReminders(t.db, now, 'http://localhost')
    const reminders = await mails('mentoring.sessionReminder')
    // The upcoming session expects one mentor and three finalists; the past one gets nothing.
    expect(reminders.map((m) => m.to_email).sort()).toEqual(
      ['dewi.mentor@example.id', ...K.map((f) => f.applicant.email)].sort(),
    )
    expect(reminders[0]?.body_text).toContain('https://meet.example.id/winner-kalbar')
    const overdue = await mails('mentoring.overdue')
    expect(overdue.map((m) => m.to_email)).toEqual([K[0]?.applicant.email])
    expect(overdue[0]?.body_text).toContain('Kirim proyeksi arus kas')
    expect(sent).toBe(5)
    expect(await sendMentoringReminders(t.db, new Date(now.getTime() + HOUR), 'http://localhost')).toBe(0)
    expect((await mails('mentoring.sessionReminder')).length).toBe(4)
  })

  it('a session more than a day ahead waits; a finalist whose place is not published yet gets nothing', async () => {
    const later = await post(
      `${KB}/${cohortId}`,
      {
        intent: 'session',
        starts_at: local(new Date(now.getTime() + 60 * HOUR)),
        duration_minutes: '60',
        mode: 'offline',
        place: 'Pontianak',
        agenda: 'Latihan pitch',
        mentors: mentorId,
        finalists: K[2]?.id ?? '',
      },
      'mentor',
    )
    expect(later.status).toBe(302)
    expect(await sendMentoringReminders(t.db, now, 'http://localhost')).toBe(0)
    // As if the selection were confirmed and not yet published: the finalist's application is still under review.
    const setStatus = (status: 'in_review' | 'finalist') =>
      owner((db) =>
        withTenant(db, { provinceId: kalbar.province.id }, (trx) =>
          trx
            .updateTable('applications')
            .set({ status })
            .where('id', '=', K[2]?.id ?? '')
            .execute(),
        ),
      )
    await setStatus('in_review')
    const before = new Set((await mails('mentoring.sessionReminder')).map((m) => m.id))
    expect(await sendMentoringReminders(t.db, new Date(now.getTime() + 40 * HOUR), 'http://localhost')).toBe(1)
    const sent = (await mails('mentoring.sessionReminder')).filter((m) => !before.has(m.id))
    expect(sent.map((m) => m.to_email)).toEqual(['dewi.mentor@example.id'])
    await setStatus('finalist')
  })
})
