import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { normaliseEmail } from '#app/modules/auth/accounts.server.ts'
import { generateToken, hashToken } from '#app/modules/auth/tokens.server.ts'
import { forbidden, invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import type { AppAbility } from '#app/modules/permissions/abilities.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { canBuildCohort, canLeadCohort, canReadCohort, canSignOff, canWorkOnCohort } from './access.ts'
import {
  addFinalists,
  findCohort,
  insertCohort,
  insertInvitation,
  isMentorByEmail,
  listAllCohorts,
  listCohorts,
  listConfirmedFinalists,
  listEditionsWithFinalists,
  listFinalists,
  listMentors,
  listPendingInvitations,
} from './mentoring.queries.server.ts'
import type { InviteMentorInput } from './mentoring.schema.ts'
import { enqueueMentoringMail } from './mentoring-mail.server.ts'
import { DEFAULT_MILESTONES } from './mentoring-rules.ts'
import { insertDefaultMilestones, planProgress } from './plans.queries.server.ts'
import { listActions, listSessions } from './sessions.queries.server.ts'

// Mentoring of a province's finalists (issue 14): the cohort (built from the confirmed
// finalists, kept up to date, its page), mentor invitations, the national list, and
// the cohort checks sessions.server.ts and plans.server.ts share. Every step is one
// transaction bound to the province; every change is audited. A cohort the viewer may
// not read does not exist for them (404): a mentor of another cohort, even in the same
// province, finds nothing. Rights are asked of access.ts with the cohort's mentor and
// coordinator ids.

export interface MentoringActor {
  userId: string
  ability: AppAbility
  ip: string | null
}

export interface ProvinceRef {
  id: string
  slug: string
  name: string
  time_zone: string
}

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000
const _EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const

export type Cohort = NonNullable<Awaited<ReturnType<typeof findCohort>>>

/** The cohort, or 404 when it is not in the province or not the viewer's to see. */
export async function readableCohort(
  trx: Trx,
  actor: MentoringActor,
  provinceId: string,
  cohortId: string,
): Promise<Cohort> {
  const cohort = await findCohort(trx, provinceId, cohortId)
  if (!cohort || !canReadCohort(actor.ability, cohort)) throw notFound('cohort')
  return cohort
}

/** The cohort when the viewer may act on it with `may`; 404 if unseen, 403 if only read. */
export async function cohortFor(
  trx: Trx,
  actor: MentoringActor,
  provinceId: string,
  cohortId: string,
  may: (ability: AppAbility, c: Cohort) => boolean,
): Promise<Cohort> {
  const cohort = await readableCohort(trx, actor, provinceId, cohortId)
  if (!may(actor.ability, cohort)) throw forbidden()
  return cohort
}

export const rightsOn = (actor: MentoringActor, cohort: Cohort) => ({
  work: canWorkOnCohort(actor.ability, cohort),
  lead: canLeadCohort(actor.ability, cohort),
  signOff: canSignOff(actor.ability, cohort),
})

/** The province's cohorts the viewer may see, and the editions Bappeda may start one for. */
export function loadMentoringHome(db: DB, actor: MentoringActor, province: ProvinceRef) {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohorts = (await listCohorts(trx, province.id)).filter((c) => canReadCohort(actor.ability, c))
    const buildable = canBuildCohort(actor.ability, province) ? await listEditionsWithFinalists(trx, province.id) : []
    return {
      cohorts: cohorts.map((c) => ({
        id: c.id,
        edition: c.edition_name,
        finalists: Number(c.finalists),
        mentors: c.mentor_ids.length,
        sessions: Number(c.sessions),
      })),
      buildable,
      mayBuild: canBuildCohort(actor.ability, province),
    }
  })
}

/** Adds the edition's confirmed finalists missing from the cohort, each with the default plan. */
async function syncFinalistsIn(
  trx: Trx,
  actor: MentoringActor,
  provinceId: string,
  cohort: { id: string; edition_id: string },
) {
  const finalists = await listConfirmedFinalists(trx, provinceId, cohort.edition_id)
  const added = await addFinalists(
    trx,
    provinceId,
    cohort.id,
    finalists.map((f) => f.application_id),
  )
  await insertDefaultMilestones(trx, provinceId, cohort.id, added, DEFAULT_MILESTONES, actor.userId)
  return added
}

/**
 * Starts the province's cohort of an edition from the finalists of its confirmed or
 * published selection (Bappeda). Refused when there are none or the cohort exists.
 */
export function buildCohort(db: DB, actor: MentoringActor, province: ProvinceRef, editionId: string): Promise<string> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    if (!canBuildCohort(actor.ability, province)) throw forbidden()
    const finalists = await listConfirmedFinalists(trx, province.id, editionId)
    if (finalists.length === 0) throw refused('mentoring:errors.noFinalists')
    const row = await insertCohort(trx, province.id, editionId, actor.userId)
    if (!row) throw refused('mentoring:errors.cohortExists')
    const added = await syncFinalistsIn(trx, actor, province.id, { id: row.id, edition_id: editionId })
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.cohort_built',
      objectType: 'mentoring_cohort',
      objectId: row.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { editionId, finalists: added },
    })
    return row.id
  })
}

/** Brings the cohort's finalists up to date with the selection (Bappeda, a named coordinator); answers how many joined. */
export function syncFinalists(db: DB, actor: MentoringActor, province: ProvinceRef, cohortId: string) {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, cohortId, canLeadCohort)
    const added = await syncFinalistsIn(trx, actor, province.id, cohort)
    if (added.length > 0) {
      await audit(trx, {
        actorId: actor.userId,
        action: 'mentoring.finalists_synced',
        objectType: 'mentoring_cohort',
        objectId: cohort.id,
        provinceId: province.id,
        ip: actor.ip,
        details: { added },
      })
    }
    return added.length
  })
}

/** Everything the cohort page shows, with what the viewer may do there. */
export function loadCohortPage(db: DB, actor: MentoringActor, province: ProvinceRef, cohortId: string, now: Date) {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await readableCohort(trx, actor, province.id, cohortId)
    const may = rightsOn(actor, cohort)
    const [finalists, progress, mentors, sessions, actions] = await Promise.all([
      listFinalists(trx, province.id, cohort.id),
      planProgress(trx, province.id, cohort.id),
      listMentors(trx, province.id, cohort.id),
      listSessions(trx, province.id, cohort.id),
      listActions(trx, province.id, cohort.id),
    ])
    const pending = may.lead ? await listPendingInvitations(trx, province.id, cohort.id, now) : []
    return {
      cohort: { id: cohort.id, edition: cohort.edition_name },
      may,
      finalists: finalists.map((f) => {
        const p = progress.find((x) => x.application_id === f.id)
        return { ...f, milestones: Number(p?.total ?? 0), signed: Number(p?.signed ?? 0) }
      }),
      mentors,
      pending,
      sessions: sessions.map((s) => ({ ...s, expected: Number(s.expected), present: Number(s.present) })),
      actions,
    }
  })
}

export interface InviteContext {
  inviterName: string
  locale: Language
  origin: string
  now: Date
}

/**
 * Invites a mentor to one cohort by mail: a single-use link valid 7 days, written to
 * the outbox in the same transaction (Bappeda or a named ERAT coordinator).
 */
export function inviteMentor(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  cohortId: string,
  input: InviteMentorInput,
  ctx: InviteContext,
): Promise<string> {
  const email = normaliseEmail(input.email)
  const token = generateToken()
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, cohortId, canLeadCohort)
    if (await isMentorByEmail(trx, province.id, cohort.id, email))
      throw invalid('mentoring:errors.alreadyMentor', 'email')
    const row = await insertInvitation(
      trx,
      {
        provinceId: province.id,
        cohortId: cohort.id,
        email,
        name: input.name,
        kind: input.kind,
        organisation: input.organisation,
        expertise: input.expertise,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt: new Date(ctx.now.getTime() + INVITATION_TTL_MS),
      },
      ctx.now,
    )
    const t = getFixedT(ctx.locale)
    await enqueueMentoringMail(trx, {
      to: email,
      name: input.name,
      locale: ctx.locale,
      template: 'invitation',
      params: {
        inviter: ctx.inviterName,
        kind: t(`mentoring:kinds.${input.kind}`),
        province: province.name,
        edition: cohort.edition_name,
        link: `${ctx.origin}/p/${province.slug}/mentoring/invite/${token}`,
      },
    })
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.mentor_invited',
      objectType: 'mentor_invitation',
      objectId: row.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { cohortId: cohort.id, email, kind: input.kind },
    })
    return row.id
  })
}

/** Every province's cohorts for the national overview (read-only). */
export function loadNationalMentoring(db: DB) {
  return withTenant(db, { national: true }, async (trx) =>
    (await listAllCohorts(trx)).map((c) => ({
      ...c,
      finalists: Number(c.finalists),
      mentors: Number(c.mentors),
      sessions: Number(c.sessions),
    })),
  )
}
