import { audit } from '#app/modules/audit/audit.server.ts'
import { invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { invalidateEditionCache } from '#app/modules/tenancy/edition.queries.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import {
  findEditionBySlug,
  findIssueByCode,
  findPhase,
  listEditions,
  listIssuesWithUsage,
  listMilestones,
  listPhaseProvinces,
  listPhases,
  listProvinces,
} from './programme.queries.server.ts'
import type {
  EditionCreateInput,
  EditionEditInput,
  IssueCreateInput,
  IssueEditInput,
  MilestoneInput,
} from './programme.schema.ts'
import {
  isForeignKeyViolation,
  issueDeletionRefusal,
  isUniqueViolation,
  milestoneProblem,
  nextPhaseNumber,
  sortMilestones,
} from './programme-rules.ts'

// Editions, phases, milestones and national issues: the ministry's programme
// configuration. Writes happen only in the national scope (RLS), each with an audit
// entry in the same transaction. National entries carry no province (the audit log's
// policy): the province, where there is one, is named in the details.

/** Who changes the configuration, for the audit log. */
export interface ProgrammeActor {
  userId: string
  ip: string | null
}

const national = <T>(db: DB, fn: (trx: Trx) => Promise<T>) => withTenant(db, { national: true }, fn)

const log = (trx: Trx, actor: ProgrammeActor, action: string, objectType: string, objectId: string, details = {}) =>
  audit(trx, { actorId: actor.userId, action, objectType, objectId, provinceId: null, ip: actor.ip, details })

// ---- editions ----

/** Every edition for the list page. */
export function loadEditions(db: DB) {
  return national(db, listEditions)
}

/** Creates an edition; a slug already in use is refused on its field. */
export async function createEdition(db: DB, actor: ProgrammeActor, input: EditionCreateInput): Promise<string> {
  try {
    const id = await national(db, async (trx) => {
      if (await findEditionBySlug(trx, input.slug)) throw invalid('national:errors.editionTaken', 'slug')
      const row = await trx
        .insertInto('editions')
        .values({
          slug: input.slug,
          name: input.name,
          starts_on: input.starts_on,
          ends_on: input.ends_on,
          legal_basis: input.legal_basis ?? null,
          status: input.status,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await log(trx, actor, 'edition.created', 'edition', row.id, { ...input })
      return row.id
    })
    invalidateEditionCache()
    return id
  } catch (error) {
    // Two ministry users racing for the same slug: the second gets the same answer.
    if (isUniqueViolation(error)) throw invalid('national:errors.editionTaken', 'slug')
    throw error
  }
}

/** One edition with its phases, their provinces and milestones, and provinces still to place. */
export async function loadEditionPage(db: DB, slug: string) {
  return national(db, async (trx) => {
    const edition = await findEditionBySlug(trx, slug)
    if (!edition) throw notFound('edition')
    const [phases, placed, milestones, provinces] = await Promise.all([
      listPhases(trx, edition.id),
      listPhaseProvinces(trx, edition.id),
      listMilestones(trx, edition.id),
      listProvinces(trx),
    ])
    const placedIds = new Set(placed.map((p) => p.id))
    return {
      edition,
      phases: phases.map((phase) => ({
        ...phase,
        provinces: placed.filter((p) => p.phase_id === phase.id),
        milestones: sortMilestones(milestones.filter((m) => m.phase_id === phase.id)),
      })),
      unplaced: provinces.filter((p) => p.active && !placedIds.has(p.id)).map((p) => ({ id: p.id, name: p.name })),
      nextPhase: nextPhaseNumber(phases.map((p) => p.number)),
    }
  })
}

async function editionOrNotFound(trx: Trx, slug: string) {
  const edition = await findEditionBySlug(trx, slug)
  if (!edition) throw notFound('edition')
  return edition
}

/** Changes an edition's name, period, legal basis and status (its slug stays: links use it). */
export async function updateEdition(db: DB, actor: ProgrammeActor, slug: string, input: EditionEditInput) {
  await national(db, async (trx) => {
    const before = await editionOrNotFound(trx, slug)
    // Milestones already set must stay inside the period.
    const outside = await trx
      .selectFrom('milestones')
      .select('id')
      .where('edition_id', '=', before.id)
      .where((eb) =>
        eb.or([
          eb('starts_on', '<', input.starts_on),
          eb('starts_on', '>', input.ends_on),
          eb('ends_on', '>', input.ends_on),
        ]),
      )
      .executeTakeFirst()
    if (outside) throw invalid('national:errors.milestonesOutside', 'starts_on')
    const values = {
      name: input.name,
      starts_on: input.starts_on,
      ends_on: input.ends_on,
      legal_basis: input.legal_basis ?? null,
      status: input.status,
    }
    await trx.updateTable('editions').set(values).where('id', '=', before.id).execute()
    const { id, slug: _slug, ...old } = before
    await log(trx, actor, 'edition.updated', 'edition', id, { before: old, after: values })
  })
  invalidateEditionCache()
}

// ---- phases ----

/** Adds a phase with the given number; a number already used in the edition is refused. */
export async function addPhase(db: DB, actor: ProgrammeActor, slug: string, number: number) {
  try {
    await national(db, async (trx) => {
      const edition = await editionOrNotFound(trx, slug)
      const taken = (await listPhases(trx, edition.id)).some((p) => p.number === number)
      if (taken) throw invalid('national:errors.phaseTaken', 'number')
      const row = await trx
        .insertInto('phases')
        .values({ edition_id: edition.id, number })
        .returning('id')
        .executeTakeFirstOrThrow()
      await log(trx, actor, 'phase.created', 'phase', row.id, { edition: edition.slug, number })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid('national:errors.phaseTaken', 'number')
    throw error
  }
}

/** Removes a phase without provinces (its milestones go with it). */
export async function removePhase(db: DB, actor: ProgrammeActor, slug: string, phaseId: string) {
  await national(db, async (trx) => {
    const edition = await editionOrNotFound(trx, slug)
    const phase = await findPhase(trx, edition.id, phaseId)
    if (!phase) throw notFound('phase')
    const placed = await trx
      .selectFrom('phase_provinces')
      .select('province_id')
      .where('edition_id', '=', edition.id)
      .where('phase_id', '=', phase.id)
      .executeTakeFirst()
    if (placed) throw refused('national:phases.notEmpty')
    await trx.deleteFrom('phases').where('edition_id', '=', edition.id).where('id', '=', phase.id).execute()
    await log(trx, actor, 'phase.deleted', 'phase', phase.id, { edition: edition.slug, number: phase.number })
  })
}

/** Puts an active province into a phase of the edition (moving it from another phase). */
export async function assignProvince(db: DB, actor: ProgrammeActor, slug: string, phaseId: string, provinceId: string) {
  await national(db, async (trx) => {
    const edition = await editionOrNotFound(trx, slug)
    const phase = await findPhase(trx, edition.id, phaseId)
    const province = await trx
      .selectFrom('provinces')
      .select(['id', 'slug'])
      .where('id', '=', provinceId)
      .where('active', '=', true)
      .executeTakeFirst()
    if (!phase || !province) throw notFound('phase or province')
    // phase_provinces is insert/delete only for the runtime role: a move is both.
    await trx
      .deleteFrom('phase_provinces')
      .where('edition_id', '=', edition.id)
      .where('province_id', '=', province.id)
      .execute()
    await trx
      .insertInto('phase_provinces')
      .values({ edition_id: edition.id, phase_id: phase.id, province_id: province.id })
      .execute()
    await log(trx, actor, 'phase.province_assigned', 'phase', phase.id, {
      edition: edition.slug,
      number: phase.number,
      province: province.slug,
    })
  })
}

/** Takes a province out of the edition's phases. */
export async function unassignProvince(db: DB, actor: ProgrammeActor, slug: string, provinceId: string) {
  await national(db, async (trx) => {
    const edition = await editionOrNotFound(trx, slug)
    const removed = await trx
      .deleteFrom('phase_provinces')
      .where('edition_id', '=', edition.id)
      .where('province_id', '=', provinceId)
      .returning('phase_id')
      .executeTakeFirst()
    if (!removed) throw notFound('placement')
    const province = await trx.selectFrom('provinces').select('slug').where('id', '=', provinceId).executeTakeFirst()
    await log(trx, actor, 'phase.province_unassigned', 'phase', removed.phase_id, {
      edition: edition.slug,
      province: province?.slug ?? provinceId,
    })
  })
}

// ---- milestones ----

/**
 * Sets a phase's milestone of one kind (adds it, or changes the one already there):
 * inside the edition's period and in programme order (programme-rules.ts).
 */
export async function setMilestone(db: DB, actor: ProgrammeActor, slug: string, input: MilestoneInput) {
  await national(db, async (trx) => {
    const edition = await editionOrNotFound(trx, slug)
    const phase = await findPhase(trx, edition.id, input.phase)
    if (!phase) throw notFound('phase')
    const others = (await listMilestones(trx, edition.id)).filter((m) => m.phase_id === phase.id)
    const candidate = { kind: input.kind, starts_on: input.starts_on, ends_on: input.ends_on ?? null }
    const problem = milestoneProblem(candidate, others, edition)
    if (problem) throw invalid(problem.key, problem.field)
    const values = { ...candidate, note: input.note ?? null }
    const row = await trx
      .insertInto('milestones')
      .values({ edition_id: edition.id, phase_id: phase.id, ...values })
      .onConflict((oc) => oc.columns(['phase_id', 'kind']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow()
    const before = others.find((m) => m.kind === input.kind)
    await log(trx, actor, 'milestone.set', 'milestone', row.id, {
      edition: edition.slug,
      phase: phase.number,
      before: before ? { starts_on: before.starts_on, ends_on: before.ends_on, note: before.note } : null,
      after: values,
    })
  })
}

/** Removes one milestone of the edition. */
export async function removeMilestone(db: DB, actor: ProgrammeActor, slug: string, milestoneId: string) {
  await national(db, async (trx) => {
    const edition = await editionOrNotFound(trx, slug)
    const row = await trx
      .deleteFrom('milestones')
      .where('edition_id', '=', edition.id)
      .where('id', '=', milestoneId)
      .returning(['kind', 'starts_on', 'ends_on'])
      .executeTakeFirst()
    if (!row) throw notFound('milestone')
    await log(trx, actor, 'milestone.removed', 'milestone', milestoneId, { edition: edition.slug, ...row })
  })
}

// ---- national issues ----

/** Every national issue, retired ones included, with usage counts. */
export function loadIssues(db: DB) {
  return national(db, listIssuesWithUsage)
}

/** One national issue by its code, or NotFound (404). */
export async function loadIssue(db: DB, code: string) {
  const issue = await national(db, (trx) => findIssueByCode(trx, code))
  if (!issue) throw notFound('national issue')
  return issue
}

/** Adds a national issue after the last one; a code already in use is refused on its field. */
export async function createIssue(db: DB, actor: ProgrammeActor, input: IssueCreateInput): Promise<string> {
  try {
    return await national(db, async (trx) => {
      if (await findIssueByCode(trx, input.code)) throw invalid('national:errors.codeTaken', 'code')
      const last = await trx
        .selectFrom('national_issues')
        .select((eb) => eb.fn.max('position').as('max'))
        .executeTakeFirst()
      const row = await trx
        .insertInto('national_issues')
        .values({
          code: input.code,
          position: (last?.max ?? 0) + 1,
          name_id: input.name_id,
          name_en: input.name_en,
          description_id: input.description_id ?? '',
          description_en: input.description_en ?? '',
          icon: input.icon,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await log(trx, actor, 'national_issue.created', 'national_issue', row.id, { ...input })
      return row.id
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid('national:errors.codeTaken', 'code')
    throw error
  }
}

/** Changes a national issue's names, descriptions and icon (its code stays). */
export async function updateIssue(db: DB, actor: ProgrammeActor, code: string, input: IssueEditInput) {
  await national(db, async (trx) => {
    const before = await findIssueByCode(trx, code)
    if (!before) throw notFound('national issue')
    const values = {
      name_id: input.name_id,
      name_en: input.name_en,
      description_id: input.description_id ?? '',
      description_en: input.description_en ?? '',
      icon: input.icon,
    }
    await trx.updateTable('national_issues').set(values).where('id', '=', before.id).execute()
    await log(trx, actor, 'national_issue.updated', 'national_issue', before.id, {
      code,
      before: {
        name_id: before.name_id,
        name_en: before.name_en,
        description_id: before.description_id,
        description_en: before.description_en,
        icon: before.icon,
      },
      after: values,
    })
  })
}

/**
 * Retires a national issue (provinces can no longer choose it for a new edition,
 * existing choices stay), restores it, or deletes one no province ever used.
 */
export async function changeIssueStatus(
  db: DB,
  actor: ProgrammeActor,
  code: string,
  intent: 'retire' | 'restore' | 'delete',
  now: Date,
): Promise<void> {
  try {
    await changeIssueStatusIn(db, actor, code, intent, now)
  } catch (error) {
    // A province chose the issue between the usage count and the delete.
    if (isForeignKeyViolation(error)) throw refused('national:issues.inUse')
    throw error
  }
}

function changeIssueStatusIn(
  db: DB,
  actor: ProgrammeActor,
  code: string,
  intent: 'retire' | 'restore' | 'delete',
  now: Date,
) {
  return national(db, async (trx) => {
    const issue = await findIssueByCode(trx, code)
    if (!issue) throw notFound('national issue')
    if (intent === 'delete') {
      const refusal = issueDeletionRefusal(Number(issue.used))
      if (refusal) throw refused(refusal)
      await trx.deleteFrom('national_issues').where('id', '=', issue.id).execute()
    } else {
      await trx
        .updateTable('national_issues')
        .set({ retired_at: intent === 'retire' ? now : null })
        .where('id', '=', issue.id)
        .execute()
    }
    const action = { retire: 'retired', restore: 'restored', delete: 'deleted' }[intent]
    await log(trx, actor, `national_issue.${action}`, 'national_issue', issue.id, { code, name_id: issue.name_id })
  })
}
