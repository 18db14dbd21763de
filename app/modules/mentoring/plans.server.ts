import { audit } from '#app/modules/audit/audit.server.ts'
import { invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { postgresStorage } from '#app/modules/storage/storage.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { canSignOff, canWorkOnCohort } from './access.ts'
import { listFinalists, listMentors } from './mentoring.queries.server.ts'
import type { EvidenceInput } from './mentoring.schema.ts'
import { cohortFor, type MentoringActor, type ProvinceRef, readableCohort, rightsOn } from './mentoring.server.ts'
import {
  findEvidenceOwner,
  findMilestone,
  findOwnCohortPlace,
  insertMilestone,
  listMilestones,
  setEvidence,
  signOffMilestone,
} from './plans.queries.server.ts'
import { listFinalistActions, listNotes, listSessionsOf } from './sessions.queries.server.ts'

const EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const
// The finalists' mentoring plans (issue 14): milestones, evidence (text, link, or a file
// checked by content) from mentors, Bappeda or the finalist, a mentor's sign-off; and
// what a finalist sees of their own mentoring. One transaction per step, audited.

async function cohortFinalist(trx: Trx, provinceId: string, cohortId: string, applicationId: string) {
  const finalists = await listFinalists(trx, provinceId, cohortId)
  const finalist = finalists.find((f) => f.id === applicationId)
  if (!finalist) throw notFound('finalist')
  return finalist
}

/** A finalist's plan in the cohort with the viewer's rights. */
export function loadPlanPage(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  cohortId: string,
  applicationId: string,
) {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await readableCohort(trx, actor, province.id, cohortId)
    const finalist = await cohortFinalist(trx, province.id, cohort.id, applicationId)
    const milestones = await listMilestones(trx, province.id, cohort.id, finalist.id)
    return {
      cohort: { id: cohort.id, edition: cohort.edition_name },
      may: rightsOn(actor, cohort),
      finalist,
      milestones,
    }
  })
}

/** Adds a milestone of its own to a finalist's plan (Bappeda, mentors). */
export function addMilestone(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  ids: { cohortId: string; applicationId: string },
  title: string,
): Promise<void> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, ids.cohortId, canWorkOnCohort)
    const finalist = await cohortFinalist(trx, province.id, cohort.id, ids.applicationId)
    const row = await insertMilestone(trx, {
      provinceId: province.id,
      cohortId: cohort.id,
      applicationId: finalist.id,
      title,
      createdBy: actor.userId,
    })
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.milestone_added',
      objectType: 'plan_milestone',
      objectId: row.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { applicationId: finalist.id, title },
    })
  })
}

/**
 * Records a milestone's evidence: words, a link and/or a file (checked by content by
 * storage). At least one is needed; a signed-off milestone keeps its evidence.
 */
export function addEvidence(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  ids: { cohortId: string; applicationId: string },
  input: Omit<EvidenceInput, 'intent'>,
  file: { name: string; bytes: Uint8Array } | null,
  now: Date,
): Promise<void> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, ids.cohortId, canWorkOnCohort)
    await recordEvidence(
      trx,
      { userId: actor.userId, ip: actor.ip, provinceId: province.id },
      cohort.id,
      ids.applicationId,
      input,
      file,
      now,
    )
  })
}

/**
 * A finalist gives evidence on their own plan (their pitch deck, the pilot agreement),
 * for a mentor to sign off; another applicant's application is 404.
 */
export function addOwnEvidence(
  db: DB,
  owner: { provinceId: string; userId: string; ip: string | null },
  applicationId: string,
  input: Omit<EvidenceInput, 'intent'>,
  file: { name: string; bytes: Uint8Array } | null,
  now: Date,
): Promise<void> {
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const place = await findOwnCohortPlace(trx, owner.provinceId, owner.userId, applicationId)
    if (!place?.cohort_id) throw notFound('mentoring')
    await recordEvidence(trx, owner, place.cohort_id, place.id, input, file, now)
  })
}

/** Stores a milestone's evidence (the file checked by content); at least one of text, link, file; audited. */
async function recordEvidence(
  trx: Trx,
  by: { userId: string; ip: string | null; provinceId: string },
  cohortId: string,
  applicationId: string,
  input: Omit<EvidenceInput, 'intent'>,
  file: { name: string; bytes: Uint8Array } | null,
  now: Date,
): Promise<void> {
  const milestone = await findMilestone(trx, by.provinceId, cohortId, applicationId, input.milestone)
  if (!milestone) throw notFound('milestone')
  if (milestone.signed_off_at) throw refused('mentoring:errors.alreadySigned')
  if (!input.text && !input.link && !file) throw invalid('mentoring:errors.evidence', 'text')
  const stored = file
    ? await postgresStorage.put(trx, by.provinceId, {
        bytes: file.bytes,
        name: file.name,
        createdBy: by.userId,
        accept: EVIDENCE_TYPES,
        refusal: {
          field: 'file',
          keys: {
            empty: 'mentoring:errors.fileEmpty',
            tooLarge: 'mentoring:errors.fileTooLarge',
            type: 'mentoring:errors.fileType',
          },
        },
      })
    : null
  await setEvidence(trx, by.provinceId, milestone.id, {
    text: input.text ?? null,
    link: input.link ?? null,
    fileId: stored?.id ?? milestone.evidence_file_id,
    by: by.userId,
    at: now,
  })
  await audit(trx, {
    actorId: by.userId,
    action: 'mentoring.evidence_added',
    objectType: 'plan_milestone',
    objectId: milestone.id,
    provinceId: by.provinceId,
    ip: by.ip,
    details: { applicationId, text: !!input.text, link: input.link ?? null, file: stored?.id ?? null },
  })
}

/** A mentor signs a milestone off (who and when kept); refused without evidence or when already signed. */
export function signOff(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  ids: { cohortId: string; applicationId: string },
  milestoneId: string,
  now: Date,
): Promise<void> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, ids.cohortId, canSignOff)
    const milestone = await findMilestone(trx, province.id, cohort.id, ids.applicationId, milestoneId)
    if (!milestone) throw notFound('milestone')
    if (milestone.signed_off_at) throw refused('mentoring:errors.alreadySigned')
    if (!milestone.evidence_text && !milestone.evidence_link && !milestone.evidence_file_id) {
      throw refused('mentoring:errors.noEvidence')
    }
    await signOffMilestone(trx, province.id, milestone.id, actor.userId, now)
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.milestone_signed_off',
      objectType: 'plan_milestone',
      objectId: milestone.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { applicationId: ids.applicationId },
    })
  })
}

/**
 * What a finalist sees of their mentoring, once their finalist place is published: their
 * plan, their sessions with the notes meant for finalists, their action items and
 * mentors. Another applicant's application, or one not in a cohort, is 404.
 */
export function loadOwnMentoring(db: DB, owner: { provinceId: string; userId: string }, applicationId: string) {
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const place = await findOwnCohortPlace(trx, owner.provinceId, owner.userId, applicationId)
    if (!place) throw notFound('mentoring')
    const cohortId = place.cohort_id
    if (!cohortId) return { started: false as const }
    const [milestones, sessions, actions, mentors, finalist] = await Promise.all([
      listMilestones(trx, owner.provinceId, cohortId, place.id),
      listSessionsOf(trx, owner.provinceId, cohortId, owner.userId),
      listFinalistActions(trx, owner.provinceId, cohortId, place.id, owner.userId),
      listMentors(trx, owner.provinceId, cohortId),
      listFinalists(trx, owner.provinceId, cohortId).then((all) => all.find((f) => f.id === place.id)),
    ])
    const notes = await listNotes(
      trx,
      owner.provinceId,
      sessions.map((s) => s.id),
      false,
    )
    return {
      started: true as const,
      venture: finalist?.venture ?? '',
      opd: finalist?.opd_name ?? '',
      milestones,
      sessions: sessions.map((s) => ({ ...s, notes: notes.filter((n) => n.session_id === s.id) })),
      actions,
      mentors: mentors.map(({ email: _, ...m }) => m),
    }
  })
}

/** An evidence file for whoever may read its cohort, or the finalist whose plan it is; else 404. */
export function loadEvidenceFile(db: DB, actor: MentoringActor, provinceId: string, fileId: string) {
  return withTenant(db, { provinceId }, async (trx) => {
    const holder = await findEvidenceOwner(trx, provinceId, fileId)
    if (!holder) throw notFound('file')
    const ownPlan = holder.applicant_id === actor.userId && holder.status === 'finalist'
    // Anyone else must be able to read the cohort (a mentor of another cohort: 404).
    if (!ownPlan) await readableCohort(trx, actor, provinceId, holder.cohort_id)
    const file = await postgresStorage.get(trx, provinceId, fileId)
    if (!file) throw notFound('file')
    return file
  })
}
