import type { Kysely } from 'kysely'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { buildCohort, type MentoringActor } from '#app/modules/mentoring/mentoring.server.ts'
import { addEvidence, signOff } from '#app/modules/mentoring/plans.server.ts'
import {
  addAction,
  addNote,
  scheduleSession,
  setActionState,
  takeAttendance,
} from '#app/modules/mentoring/sessions.server.ts'
import { defineAbilityFor } from '#app/modules/permissions/abilities.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database } from '../schema.ts'
import { DEMO_PASSWORD } from './demo-accounts.ts'

// A mentoring cohort mid-way for the demo (issue 14), in a province that has published
// finalists in the demo edition (found by query: the demo's provinces may change).
// Made through the mentoring workflows (build, sessions, attendance, notes, action
// items, evidence, sign-off), so the data is valid by construction: two sessions past
// with attendance and notes, one upcoming, some milestones signed off, one action item
// overdue. Its two mentors are demo accounts (`mentor1.<slug>@demo.winner.id`,
// `mentor2.<slug>@…`, the demo password). Idempotent: a province whose cohort exists is
// left alone; nothing happens while no province has published finalists.

const DAY = 24 * 60 * 60 * 1000

export const demoMentorEmail = (n: 1 | 2, slug: string) => `mentor${n}.${slug}@demo.winner.id`

export async function seedDemoMentoring(db: Kysely<Database>, now = new Date()): Promise<void> {
  const edition = await db.selectFrom('editions').select('id').where('slug', '=', 'demo-current').executeTakeFirst()
  if (!edition) return
  const candidates = await withTenant(db, { national: true }, (trx) =>
    trx
      .selectFrom('selections as s')
      .innerJoin('calls as k', (j) => j.onRef('k.province_id', '=', 's.province_id').onRef('k.id', '=', 's.call_id'))
      .innerJoin('provinces as p', 'p.id', 's.province_id')
      .select(['p.id', 'p.slug', 'p.name', 'p.time_zone'])
      .where('k.edition_id', '=', edition.id)
      .where('s.status', '=', 'published')
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('selection_entries as se')
            .select('se.application_id')
            .whereRef('se.province_id', '=', 's.province_id')
            .whereRef('se.call_id', '=', 's.call_id')
            .where('se.stage', '=', 'finalist'),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('mentoring_cohorts as c')
              .select('c.id')
              .whereRef('c.province_id', '=', 's.province_id')
              .where('c.edition_id', '=', edition.id),
          ),
        ),
      )
      .orderBy('p.slug')
      .execute(),
  )
  const province = candidates[0]
  if (!province) return
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', `bappeda.${province.slug}@demo.winner.id`)
    .executeTakeFirst()
  if (!admin) return

  const bappeda: MentoringActor = {
    userId: admin.id,
    ability: defineAbilityFor({ userId: admin.id, memberships: [{ role: 'province_admin', provinceId: province.id }] }),
    ip: null,
  }
  const cohortId = await buildCohort(db, bappeda, province, edition.id)

  // Two mentors named on the cohort, as an accepted invitation would leave them.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const mentors: MentoringActor[] = []
  const people = [
    {
      n: 1 as const,
      name: 'Demo Mentor Ahli',
      kind: 'expert' as const,
      organisation: 'Inkubator Bisnis Sosial (demo)',
      expertise: ['model bisnis', 'keuangan'],
    },
    {
      n: 2 as const,
      name: 'Demo Mentor OPD',
      kind: 'opd_staff' as const,
      organisation: `Bappeda ${province.name} (demo)`,
      expertise: ['kebijakan daerah', 'uji coba'],
    },
  ]
  for (const p of people) {
    const email = demoMentorEmail(p.n, province.slug)
    const user =
      (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) ??
      (await db
        .insertInto('users')
        .values({ email, name: p.name, phone: null, locale: 'id', password_hash: passwordHash, email_verified_at: now })
        .returning('id')
        .executeTakeFirstOrThrow())
    await withTenant(db, { provinceId: province.id }, async (trx) => {
      await trx
        .insertInto('memberships')
        .values({ user_id: user.id, role: 'mentor', province_id: province.id, opd_id: null })
        .onConflict((oc) => oc.doNothing())
        .execute()
      await trx
        .insertInto('cohort_mentors')
        .values({
          province_id: province.id,
          cohort_id: cohortId,
          user_id: user.id,
          kind: p.kind,
          organisation: p.organisation,
          expertise: p.expertise,
          added_by: admin.id,
        })
        .onConflict((oc) => oc.doNothing())
        .execute()
    })
    mentors.push({
      userId: user.id,
      ability: defineAbilityFor({ userId: user.id, memberships: [{ role: 'mentor', provinceId: province.id }] }),
      ip: null,
    })
  }
  const [lead, opd] = mentors as [MentoringActor, MentoringActor]

  const finalists = await withTenant(db, { provinceId: province.id }, (trx) =>
    trx
      .selectFrom('cohort_finalists as f')
      .innerJoin('applications as a', (j) =>
        j.onRef('a.province_id', '=', 'f.province_id').onRef('a.id', '=', 'f.application_id'),
      )
      .select(['a.id', 'a.applicant_id'])
      .where('f.province_id', '=', province.id)
      .where('f.cohort_id', '=', cohortId)
      .orderBy('a.receipt_number')
      .execute(),
  )
  const local = (days: number, hhmm: string) =>
    `${instantToLocal(new Date(now.getTime() + days * DAY), province.time_zone).slice(0, 10)}T${hhmm}`
  const day = (days: number) => local(days, '00:00').slice(0, 10)
  const everyone = {
    mentors: mentors.map((m) => m.userId),
    finalists: finalists.map((f) => f.id),
  }

  const sessions = [
    {
      days: -14,
      mode: 'offline' as const,
      place: `Kantor Bappeda ${province.name}`,
      agenda: 'Perkenalan, tujuan pendampingan, model bisnis tiap finalis (demo).',
    },
    {
      days: -7,
      mode: 'online' as const,
      link: 'https://meet.example.id/winner-demo',
      agenda: 'Rencana uji coba bersama OPD pemilik isu (demo).',
    },
    {
      days: 2,
      mode: 'online' as const,
      link: 'https://meet.example.id/winner-demo',
      agenda: 'Latihan pitch untuk Final Night (demo).',
    },
  ]
  const ids: string[] = []
  for (const s of sessions) {
    ids.push(
      await scheduleSession(db, lead, province, cohortId, {
        intent: 'session',
        starts_at: local(s.days, '09:00'),
        duration_minutes: 120,
        mode: s.mode,
        link: s.link,
        place: s.place,
        agenda: s.agenda,
        ...everyone,
      }),
    )
  }
  const [first, second] = ids as [string, string, string]
  const present = [...everyone.mentors, ...finalists.map((f) => f.applicant_id)]
  await takeAttendance(db, lead, province, { cohortId, sessionId: first }, present, now)
  await takeAttendance(db, opd, province, { cohortId, sessionId: second }, present.slice(0, -1), now)
  await addNote(
    db,
    lead,
    province,
    { cohortId, sessionId: first },
    {
      audience: 'finalists',
      body: 'Data demo. Perjelas siapa pelanggan yang membayar dan siapa penerima manfaat; keduanya bisa berbeda.',
    },
  )
  await addNote(
    db,
    lead,
    province,
    { cohortId, sessionId: first },
    {
      audience: 'internal',
      body: 'Data demo. Dua tim masih lemah di proyeksi keuangan; perlu sesi khusus.',
    },
  )
  await addNote(
    db,
    opd,
    province,
    { cohortId, sessionId: second },
    {
      audience: 'finalists',
      body: 'Data demo. OPD bersedia menjadi mitra uji coba bila lokasi dan indikator disepakati bersama.',
    },
  )

  const [f1, f2] = finalists
  if (f1) {
    await addAction(db, lead, province, cohortId, {
      title: 'Kirim proyeksi arus kas 12 bulan (demo)',
      owner: f1.applicant_id,
      due_on: day(-3),
      application: f1.id,
      session: first,
    })
  }
  if (f2) {
    await addAction(db, opd, province, cohortId, {
      title: 'Sepakati lokasi uji coba dengan OPD (demo)',
      owner: f2.applicant_id,
      due_on: day(5),
      application: f2.id,
      session: second,
    })
  }
  await addAction(db, lead, province, cohortId, {
    title: 'Undang calon investor ke latihan pitch (demo)',
    owner: lead.userId,
    due_on: day(-1),
    session: first,
  })
  const done = await withTenant(db, { provinceId: province.id }, (trx) =>
    trx
      .selectFrom('mentoring_actions')
      .select('id')
      .where('province_id', '=', province.id)
      .where('owner_id', '=', lead.userId)
      .executeTakeFirstOrThrow(),
  )
  await setActionState(db, lead, province, cohortId, done.id, 'done', now)

  // Business models refined and signed off for the first two finalists; the first's pitch deck has evidence only.
  for (const [i, f] of [f1, f2].entries()) {
    if (!f) continue
    const plan = await withTenant(db, { provinceId: province.id }, (trx) =>
      trx
        .selectFrom('plan_milestones')
        .select(['id', 'key'])
        .where('province_id', '=', province.id)
        .where('application_id', '=', f.id)
        .execute(),
    )
    const model = plan.find((m) => m.key === 'businessModel')
    if (model) {
      await addEvidence(
        db,
        lead,
        province,
        { cohortId, applicationId: f.id },
        {
          milestone: model.id,
          text: 'Data demo. Kanvas model bisnis versi akhir, dibahas pada sesi pertama.',
          link: undefined,
        },
        null,
        now,
      )
      await signOff(db, lead, province, { cohortId, applicationId: f.id }, model.id, now)
    }
    const deck = plan.find((m) => m.key === 'pitchDeck')
    if (deck && i === 0) {
      await addEvidence(
        db,
        opd,
        province,
        { cohortId, applicationId: f.id },
        { milestone: deck.id, text: undefined, link: 'https://example.id/demo/pitch-deck' },
        null,
        now,
      )
    }
  }
}
