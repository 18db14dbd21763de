import type { Kysely } from 'kysely'
import { runAssignment } from '#app/modules/assignment/assignments.server.ts'
import { callSchema } from '#app/modules/calls/calls.schema.ts'
import { createCall, publishCall, updateCall } from '#app/modules/calls/calls.server.ts'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { fgdSchema, issueCreateSchema, issueEditSchema, opdSchema } from '#app/modules/catalogue/catalogue.schema.ts'
import { createFgd } from '#app/modules/catalogue/fgd.server.ts'
import { createIssue, setIssuePublished, updateIssue, validateIssue } from '#app/modules/catalogue/issues.server.ts'
import { createOpd } from '#app/modules/catalogue/opds.server.ts'
import { defineAbilityFor } from '#app/modules/permissions/abilities.ts'
import { declare, saveScores } from '#app/modules/review-desk/scoring.server.ts'
import { saveReviewSettings } from '#app/modules/review-settings/review-settings.server.ts'
import { loadRubric } from '#app/modules/review-settings/rubric.server.ts'
import { decideScreening } from '#app/modules/screening/screening.server.ts'
import {
  decideSelection,
  markEntry,
  publishSelection,
  submitSelection,
} from '#app/modules/selection/selection.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database } from '../schema.ts'
import { seedApplicants } from './demo-applications.ts'
import type { DemoApplicant } from './demo-applications-data.ts'
import { DAY, isoDate, localDay } from './demo-dates.ts'
import { demoPdf } from './demo-pdf.ts'
import {
  callDetails,
  type DemoStage,
  programmeApplicants,
  programmeIssues,
  programmeOpds,
  programmeProvinces,
  screeningApplicants,
} from './demo-programme-data.ts'

// The provinces of the current demo edition that are further along than Kalbar (open):
// Sulsel's closed call waiting to be screened, Banten's screened and in review with some
// scores in, NTT's finalists awaiting the ministry, Sumut's published (Jatim has not
// started). One province per stage, as the national home names them (oversight/stage.ts). Each is moved along by the same
// workflows Bappeda, the reviewers and the ministry use (screening, rubric, review
// settings, assignment, declaration, scoring, selection), dated after its call closed,
// so the audit log, the timelines and the mails read like a programme that happened.
// Each step first looks whether it was done, so a second run adds nothing.

type DB = Kysely<Database>

const HOUR = 60 * 60 * 1000

/** Demo province, the call the stage is reached on, and who acts. */
interface Target {
  province: { id: string; slug: string; name: string; time_zone: string }
  call: { id: string; closes_at: Date }
  stage: DemoStage
  /** The applicants of the call in receipt order; the first three become the finalists. */
  list: readonly DemoApplicant[]
  origin: string
  /** The review deadline for a call still in review (else 10 days after closing). */
  reviewCloses?: Date
  /** How many applications are screened, in receipt order (default: all). */
  screen?: number
}

/** Seeds the provinces further along. Idempotent. */
export async function seedDemoProgramme(db: DB, origin: string, now = new Date()): Promise<void> {
  const edition = await db.selectFrom('editions').select('id').where('slug', '=', 'demo-current').executeTakeFirst()
  if (!edition) return
  for (const [slug, { window }] of Object.entries(programmeProvinces)) {
    await openProvince(db, slug, edition.id, window, origin, now)
  }
  await fillCallDetails(db, origin, now)

  for (const [slug, { stage }] of Object.entries(programmeProvinces)) {
    const list = programmeApplicants[slug as keyof typeof programmeApplicants]
    await seedApplicants(db, { edition: 'demo-current', slug, list, origin, now })
    const target = await targetOf(db, slug, edition.id, stage, list, origin)
    if (target) await advance(db, target)
  }
  // Banten's call closed with a dozen submissions (demo-applications.ts): all screened,
  // the eligible ones in review with some scores in and the review deadline ahead.
  const banten = await targetOf(db, 'banten', edition.id, 'review', [], origin)
  if (banten) await advance(db, { ...banten, reviewCloses: new Date(now.getTime() + 7 * DAY) })
  // Sulsel's call closed days ago; its submissions wait for Bappeda's screening.
  await seedApplicants(db, { edition: 'demo-current', slug: 'sulsel', list: screeningApplicants, origin, now })
}

/**
 * What Bappeda does before a call opens, through the catalogue and calls workflows: its
 * OPDs, the FGD with its minutes, the issues created, validated at the FGD and published,
 * then the call created with its details and published. Skipped once the province has a
 * call in the edition; each step is skipped when already done.
 */
async function openProvince(
  db: DB,
  slug: string,
  editionId: string,
  window: [number, number],
  origin: string,
  now: Date,
): Promise<void> {
  const province = await db
    .selectFrom('provinces')
    .select(['id', 'slug', 'name', 'time_zone'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow()
  const state = () =>
    withTenant(db, { provinceId: province.id }, async (trx) => ({
      calls: await trx
        .selectFrom('calls')
        .select('id')
        .where('province_id', '=', province.id)
        .where('edition_id', '=', editionId)
        .execute(),
      opds: await trx.selectFrom('opds').select(['id', 'short_name']).where('province_id', '=', province.id).execute(),
      fgd: await trx
        .selectFrom('fgd_sessions')
        .select('id')
        .where('province_id', '=', province.id)
        .where('edition_id', '=', editionId)
        .executeTakeFirst(),
      issues: await trx
        .selectFrom('province_issues as pi')
        .innerJoin('national_issues as ni', 'ni.id', 'pi.national_issue_id')
        .select(['pi.id', 'pi.status', 'ni.code'])
        .where('pi.province_id', '=', province.id)
        .where('pi.edition_id', '=', editionId)
        .execute(),
    }))
  let current = await state()
  if (current.calls.length > 0) return
  const actor = { provinceId: province.id, userId: await userId(db, `bappeda.${slug}@demo.winner.id`), ip: null }
  for (const opd of programmeOpds[slug] ?? []) {
    if (!current.opds.some((o) => o.short_name === opd.short_name)) {
      await createOpd(db, actor, opdSchema.parse({ name: opd.name, short_name: opd.short_name }))
    }
  }
  current = await state()
  const heldOn = isoDate(now.getTime() + (window[0] - 7) * DAY)
  const fgd =
    current.fgd?.id ??
    (await createFgd(
      db,
      actor,
      editionId,
      fgdSchema.parse({
        held_on: heldOn,
        place: `Kantor Bappeda ${province.name} (demo)`,
        facilitator: 'Kementerian PANRB bersama USAID-ERAT (demo)',
        summary: 'Data demo. Isu strategis provinsi dibahas bersama OPD terkait dan disepakati.',
        participants: current.opds.map((o) => o.id),
      }),
      { name: `notulen-fgd-${slug}-demo.pdf`, bytes: demoPdf(['Notulen FGD validasi isu strategis - DATA DEMO']) },
    ))
  const national = await db.selectFrom('national_issues').select(['id', 'code']).execute()
  for (const [i, issue] of (programmeIssues[slug] ?? []).entries()) {
    const lead = current.opds.find((o) => o.short_name === issue.lead)
    const code = national.find((n) => n.code === issue.issue)
    if (!lead || !code) throw new Error(`seed: unknown OPD ${issue.lead} or issue ${issue.issue}`)
    let found = current.issues.find((x) => x.code === issue.issue)
    if (!found) {
      const id = await createIssue(
        db,
        actor,
        editionId,
        issueCreateSchema.parse({
          national_issue: code.id,
          title_id: issue.title_id,
          title_en: issue.title_en,
          lead_opd: lead.id,
        }),
      )
      await updateIssue(
        db,
        actor,
        id,
        issueEditSchema.parse({
          intent: 'save',
          title_id: issue.title_id,
          title_en: issue.title_en,
          description_id: issue.description_id,
          description_en: issue.description_en,
          lead_opd: lead.id,
          priority: i + 1,
        }),
      )
      found = { id, status: 'draft', code: issue.issue }
    }
    if (found.status === 'draft') await validateIssue(db, actor, found.id, fgd)
    if (found.status !== 'published') await setIssuePublished(db, actor, found.id, true)
  }
  const callActor = { userId: actor.userId, ip: null, now, origin }
  const callId = await createCall(
    db,
    province,
    callActor,
    callSchema.parse({
      opens_at: instantToLocal(localDay(now, window[0], '00:00', province.time_zone), province.time_zone),
      closes_at: instantToLocal(localDay(now, window[1], '23:59', province.time_zone), province.time_zone),
      ...callDetails(slug),
    }),
  )
  await publishCall(db, province, callActor, callId)
}

/** The province's call of the edition and its people, or null when the call is missing (edited away). */
export async function targetOf(
  db: DB,
  slug: string,
  editionId: string,
  stage: DemoStage,
  list: readonly DemoApplicant[],
  origin: string,
): Promise<Target | null> {
  const province = await db
    .selectFrom('provinces')
    .select(['id', 'slug', 'name', 'time_zone'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow()
  const call = await withTenant(db, { provinceId: province.id }, (trx) =>
    trx
      .selectFrom('calls')
      .select(['id', 'closes_at'])
      .where('province_id', '=', province.id)
      .where('edition_id', '=', editionId)
      .where('status', '=', 'published')
      .executeTakeFirst(),
  )
  return call ? { province, call, stage, list, origin } : null
}

/**
 * Eligibility, FAQ and help desk on every published call of the demo and 2023 editions
 * that has none yet, saved by the admin through the calls workflow (dates unchanged).
 */
async function fillCallDetails(db: DB, origin: string, now: Date): Promise<void> {
  const calls = await db
    .selectFrom('calls as c')
    .innerJoin('provinces as p', 'p.id', 'c.province_id')
    .innerJoin('editions as e', 'e.id', 'c.edition_id')
    .select(['c.id', 'c.opens_at', 'c.closes_at', 'p.id as province_id', 'p.slug', 'p.name', 'p.time_zone'])
    .where('e.slug', 'in', ['demo-current', '2023'])
    .where('c.eligibility_id', '=', '')
    .execute()
  for (const c of calls) {
    const province = { id: c.province_id, slug: c.slug, name: c.name, time_zone: c.time_zone }
    const admin = await userId(db, `bappeda.${c.slug}@demo.winner.id`)
    await updateCall(db, province, { userId: admin, ip: null, now, origin }, c.id, {
      opens_at: instantToLocal(c.opens_at, c.time_zone),
      closes_at: instantToLocal(c.closes_at, c.time_zone),
      ...callDetails(c.slug),
    })
  }
}

async function userId(db: DB, email: string): Promise<string> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  return row.id
}

const ORDER: DemoStage[] = ['screening', 'review', 'awaiting', 'published']
const reached = (stage: DemoStage, step: DemoStage) => ORDER.indexOf(stage) >= ORDER.indexOf(step)

/** Moves one province's call to its stage through the workflows, each step dated after the close. */
export async function advance(db: DB, t: Target): Promise<void> {
  const { province, call, origin } = t
  const closed = call.closes_at.getTime()
  const at = (days: number, hours = 0) => new Date(closed + days * DAY + hours * HOUR)
  const admin = await userId(db, `bappeda.${province.slug}@demo.winner.id`)
  const adminActor = (when: Date) => ({ userId: admin, ip: null, now: when, origin })

  // Screening: the first `screen` in receipt order (all by default); the last of them is not eligible.
  const apps = await withTenant(db, { provinceId: province.id }, (trx) =>
    trx
      .selectFrom('applications')
      .select(['id', 'status'])
      .where('province_id', '=', province.id)
      .where('call_id', '=', call.id)
      .where('status', '!=', 'draft')
      .orderBy('receipt_number')
      .execute(),
  )
  const toScreen = apps.slice(0, t.screen ?? apps.length)
  for (const [i, app] of toScreen.entries()) {
    if (app.status !== 'submitted') continue
    // The last one screened is not eligible: it shows the applicant's mail and the reason.
    const ineligible = i === toScreen.length - 1 && toScreen.length > 3
    await decideScreening(
      db,
      province,
      adminActor(at(1, i)),
      app.id,
      ineligible
        ? {
            decision: 'ineligible',
            reason: 'issue_mismatch',
            note: 'Data demo. Usulan belum menjawab isu strategis yang dipilih.',
          }
        : { decision: 'eligible', reason: undefined, note: '' },
    )
  }
  if (!reached(t.stage, 'review')) return

  // Review: the default rubric (what opening the editor creates), blind review by two
  // reviewers per application with a deadline, then one assignment run.
  await loadRubric(db, province, { id: call.id, now: at(2) }, { createDefault: true })
  const settings = await withTenant(db, { provinceId: province.id }, (trx) =>
    trx
      .selectFrom('calls')
      .select(['review_closes_at', 'review_started_at'])
      .where('province_id', '=', province.id)
      .where('id', '=', call.id)
      .executeTakeFirstOrThrow(),
  )
  const reviewCloses = t.reviewCloses ?? at(10)
  if (settings.review_closes_at === null) {
    await saveReviewSettings(db, province, adminActor(at(2)), call.id, {
      review_closes_at: instantToLocal(reviewCloses, province.time_zone),
      blind_review: true,
      share_scores: false,
      reviewers_per_application: 2,
    })
  }
  if (settings.review_started_at === null) await runAssignment(db, province, adminActor(at(2, 1)), call.id)

  // Scores: in review, about half are in; later, all. Stronger scores for the applicants
  // listed first, who become the finalists.
  const assignments = await withTenant(db, { provinceId: province.id }, (trx) =>
    trx
      .selectFrom('review_assignments as ra')
      .innerJoin('applications as a', (j) =>
        j.onRef('a.id', '=', 'ra.application_id').onRef('a.province_id', '=', 'ra.province_id'),
      )
      .innerJoin('memberships as m', (j) =>
        j
          .onRef('m.user_id', '=', 'ra.reviewer_id')
          .onRef('m.province_id', '=', 'ra.province_id')
          .on('m.role', '=', 'reviewer'),
      )
      .select(['ra.application_id', 'ra.reviewer_id', 'ra.declared_at', 'ra.scored_at', 'a.receipt_number', 'm.opd_id'])
      .where('ra.province_id', '=', province.id)
      .where('a.call_id', '=', call.id)
      .orderBy('a.receipt_number')
      .orderBy('ra.reviewer_id')
      .execute(),
  )
  const receipts = apps.map((a) => a.id)
  const criteria = await withTenant(db, { provinceId: province.id }, (trx) =>
    trx
      .selectFrom('rubric_criteria')
      .select('id')
      .where('province_id', '=', province.id)
      .where('call_id', '=', call.id)
      .orderBy('position')
      .execute(),
  )
  const reviewers = [...new Set(assignments.map((a) => a.reviewer_id))].sort()
  for (const [n, a] of assignments.entries()) {
    if (a.scored_at) continue
    const rank = receipts.indexOf(a.application_id)
    // In review: the first complete, the next two half scored, the rest waiting.
    const scoreIt = t.stage !== 'review' || rank < 1 || (rank < 3 && n % 2 === 0)
    // In review, some declared and not yet scored: they show as "to do" in the queue.
    if (!scoreIt && n % 4 !== 1) continue
    const reviewer = {
      provinceId: province.id,
      userId: a.reviewer_id,
      opdId: a.opd_id,
      ip: null,
      ability: defineAbilityFor({
        userId: a.reviewer_id,
        memberships: [{ role: 'reviewer', provinceId: province.id, opdId: a.opd_id }],
      }),
    }
    const when = at(3 + (n % 5), n % 7)
    if (!a.declared_at) {
      await declare(db, reviewer, a.application_id, { conflict: 'none' }, when, {
        origin,
        slug: province.slug,
        provinceName: province.name,
      })
    }
    if (!scoreIt) continue
    const base = Math.max(2, 5 - Math.floor(rank / 2))
    const r = reviewers.indexOf(a.reviewer_id)
    const form: [string, string][] = criteria.flatMap((c, k) => [
      [`score.${c.id}`, String(Math.min(5, Math.max(1, base - ((k + r) % 2))))],
      [`comment.${c.id}`, k === 0 ? 'Data demo. Catatan penilai untuk kriteria ini.' : ''],
    ])
    await saveScores(db, reviewer, a.application_id, [...form, ['intent', 'save']], when)
  }
  if (!reached(t.stage, 'awaiting')) return

  // Selection: the first three eligible are the finalists, the next one shortlisted.
  const selection = await withTenant(db, { provinceId: province.id }, (trx) =>
    trx
      .selectFrom('selections')
      .select('status')
      .where('province_id', '=', province.id)
      .where('call_id', '=', call.id)
      .executeTakeFirst(),
  )
  const status = selection?.status ?? 'open'
  const decided = at(12)
  if (status === 'open') {
    const eligible = await withTenant(db, { provinceId: province.id }, (trx) =>
      trx
        .selectFrom('applications')
        .select('id')
        .where('province_id', '=', province.id)
        .where('call_id', '=', call.id)
        .where('status', '=', 'in_review')
        .orderBy('receipt_number')
        .execute(),
    )
    for (const [i, app] of eligible.slice(0, 4).entries()) {
      const finalist = i < 3
      await markEntry(
        db,
        { userId: admin, ip: null },
        province,
        {
          application: app.id,
          stage: finalist ? 'finalist' : 'shortlisted',
          justification: finalist
            ? 'Data demo. Nilai tertinggi dari dua penilai dan solusi paling sesuai dengan isu strategis provinsi.'
            : '',
        },
        decided,
      )
    }
    await submitSelection(db, { userId: admin, ip: null }, province, at(12, 2))
  }
  if (!reached(t.stage, 'published')) return
  const ministry = await userId(db, 'ministry@demo.winner.id')
  if (status === 'open' || status === 'awaiting_confirmation') {
    await decideSelection(db, { userId: ministry, ip: null }, province, { kind: 'confirm' }, at(14))
  }
  if (status !== 'published') await publishSelection(db, { userId: admin, ip: null }, province, origin, at(15))
}
