import { audit } from '#app/modules/audit/audit.server.ts'
import { invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import {
  findFgdSession,
  findIssue,
  listAvailableNationalIssues,
  listFgdSessions,
  listIndicators,
  listIssues,
  listOpds,
  listSupportingOpdIds,
  opdIdsInProvince,
} from './catalogue.queries.server.ts'
import type { IndicatorInput, IssueCreateInput, IssueEditInput } from './catalogue.schema.ts'
import {
  isForeignKeyViolation,
  isUniqueViolation,
  nextPriority,
  nextStatus,
  refusal,
  supportingWithoutLead,
} from './issue-rules.ts'
import type { CatalogueActor } from './opds.server.ts'

const activeOpds = async (trx: Trx, provinceId: string) =>
  (await listOpds(trx, provinceId)).map((o) => ({ id: o.id, name: o.name, short_name: o.short_name, active: o.active }))

/** The issue list of the edition and what a new issue can be made from. */
export function loadIssuesPage(db: DB, provinceId: string, editionId: string | null) {
  return withTenant(db, { provinceId }, async (trx) => ({
    issues: editionId ? await listIssues(trx, provinceId, editionId) : [],
    nationalIssues: editionId ? await listAvailableNationalIssues(trx, provinceId, editionId) : [],
    opds: (await activeOpds(trx, provinceId)).filter((o) => o.active),
  }))
}

/** One issue with its indicators, supporting OPDs and the FGD records it can be validated by. */
export async function loadIssue(db: DB, provinceId: string, issueId: string) {
  const page = await withTenant(db, { provinceId }, async (trx) => {
    const issue = await findIssue(trx, provinceId, issueId)
    if (!issue) return null
    return {
      issue,
      indicators: await listIndicators(trx, provinceId, issueId),
      supporting: await listSupportingOpdIds(trx, provinceId, issueId),
      opds: await activeOpds(trx, provinceId),
      fgdSessions: await listFgdSessions(trx, provinceId, issue.edition_id),
    }
  })
  if (!page) throw notFound('issue')
  return page
}

/** Answers 404 (NotFound) unless the issue is one of this province's. */
export async function requireIssue(db: DB, provinceId: string, issueId: string): Promise<void> {
  const issue = await withTenant(db, { provinceId }, (trx) => findIssue(trx, provinceId, issueId))
  if (!issue) throw notFound('issue')
}

async function lockIssue(trx: Trx, provinceId: string, issueId: string) {
  const issue = await trx
    .selectFrom('province_issues')
    .select(['id', 'status', 'edition_id', 'lead_opd_id', 'title_id'])
    .where('province_id', '=', provinceId)
    .where('id', '=', issueId)
    .forUpdate()
    .executeTakeFirst()
  if (!issue) throw notFound('issue')
  return issue
}

/** The lead must be an OPD of this province (else 404) and still active (else a field error). */
async function checkOpds(trx: Trx, provinceId: string, lead: string, supporting: readonly string[], oldLead?: string) {
  const ids = [...new Set([lead, ...supporting])]
  const found = await opdIdsInProvince(trx, provinceId, ids)
  if (found.length !== ids.length) throw notFound('opd')
  const leadRow = found.find((o) => o.id === lead)
  if (!leadRow?.active && lead !== oldLead) throw invalid('catalogue:issues.inactiveOpd', 'lead_opd')
}

/** Starts a draft issue from a national issue not yet chosen this edition (and not retired). */
export async function createIssue(
  db: DB,
  actor: CatalogueActor,
  editionId: string,
  input: IssueCreateInput,
): Promise<string> {
  try {
    return await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
      const national = await trx
        .selectFrom('national_issues')
        .select(['id', 'retired_at'])
        .where('id', '=', input.national_issue)
        .executeTakeFirst()
      if (!national || national.retired_at) {
        throw invalid('catalogue:issues.nationalUnavailable', 'national_issue')
      }
      await checkOpds(trx, actor.provinceId, input.lead_opd, [])
      const priorities = await trx
        .selectFrom('province_issues')
        .select('priority')
        .where('province_id', '=', actor.provinceId)
        .where('edition_id', '=', editionId)
        .execute()
      const row = await trx
        .insertInto('province_issues')
        .values({
          province_id: actor.provinceId,
          edition_id: editionId,
          national_issue_id: input.national_issue,
          lead_opd_id: input.lead_opd,
          title_id: input.title_id,
          title_en: input.title_en,
          priority: nextPriority(priorities.map((p) => p.priority)),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit(trx, {
        actorId: actor.userId,
        action: 'issue.created',
        objectType: 'province_issue',
        objectId: row.id,
        provinceId: actor.provinceId,
        ip: actor.ip,
        details: { nationalIssueId: input.national_issue, title: input.title_id, leadOpdId: input.lead_opd },
      })
      return row.id
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid('catalogue:issues.nationalUsed', 'national_issue')
    throw error
  }
}

/** Edits texts, owning OPDs and priority; answers whether the public portal changed. */
export async function updateIssue(db: DB, actor: CatalogueActor, issueId: string, input: IssueEditInput) {
  return withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const issue = await lockIssue(trx, actor.provinceId, issueId)
    const supporting = supportingWithoutLead(input.lead_opd, input.supporting)
    await checkOpds(trx, actor.provinceId, input.lead_opd, supporting, issue.lead_opd_id)
    await trx
      .updateTable('province_issues')
      .set({
        title_id: input.title_id,
        title_en: input.title_en,
        description_id: input.description_id ?? '',
        description_en: input.description_en ?? '',
        lead_opd_id: input.lead_opd,
        priority: input.priority,
        updated_at: new Date(),
      })
      .where('province_id', '=', actor.provinceId)
      .where('id', '=', issueId)
      .execute()
    await trx
      .deleteFrom('issue_supporting_opds')
      .where('province_id', '=', actor.provinceId)
      .where('issue_id', '=', issueId)
      .execute()
    if (supporting.length > 0) {
      await trx
        .insertInto('issue_supporting_opds')
        .values(supporting.map((opd_id) => ({ province_id: actor.provinceId, issue_id: issueId, opd_id })))
        .execute()
    }
    await audit(trx, {
      actorId: actor.userId,
      action: 'issue.updated',
      objectType: 'province_issue',
      objectId: issueId,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: {
        title: input.title_id,
        leadOpdId: input.lead_opd,
        supportingOpdIds: supporting,
        priority: input.priority,
      },
    })
    return issue.status === 'published'
  })
}

/** Adds a baseline indicator (e.g. stunting prevalence 27.8 % in 2022, SSGI). */
export async function addIndicator(db: DB, actor: CatalogueActor, issueId: string, input: IndicatorInput) {
  return withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const issue = await lockIssue(trx, actor.provinceId, issueId)
    const last = await trx
      .selectFrom('issue_indicators')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('province_id', '=', actor.provinceId)
      .where('issue_id', '=', issueId)
      .executeTakeFirst()
    const row = await trx
      .insertInto('issue_indicators')
      .values({
        province_id: actor.provinceId,
        issue_id: issueId,
        name_id: input.name_id,
        name_en: input.name_en,
        value: input.value,
        unit: input.unit,
        year: input.year,
        source: input.source,
        position: Number(last?.max ?? 0) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, {
      actorId: actor.userId,
      action: 'issue.indicator_added',
      objectType: 'province_issue',
      objectId: issueId,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { indicatorId: row.id, name: input.name_id, value: input.value, unit: input.unit, year: input.year },
    })
    return issue.status === 'published'
  })
}

/** Removes a baseline indicator of this issue (another issue's or province's id: not found). */
export async function removeIndicator(db: DB, actor: CatalogueActor, issueId: string, indicatorId: string) {
  return withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const issue = await lockIssue(trx, actor.provinceId, issueId)
    const row = await trx
      .deleteFrom('issue_indicators')
      .where('province_id', '=', actor.provinceId)
      .where('issue_id', '=', issueId)
      .where('id', '=', indicatorId)
      .returning(['id', 'name_id'])
      .executeTakeFirst()
    if (!row) throw notFound('indicator')
    await audit(trx, {
      actorId: actor.userId,
      action: 'issue.indicator_removed',
      objectType: 'province_issue',
      objectId: issueId,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { indicatorId, name: row.name_id },
    })
    return issue.status === 'published'
  })
}

/**
 * Marks an issue validated by an FGD record of this province and edition; the
 * record's date and place become the issue's validation date and place.
 */
export async function validateIssue(db: DB, actor: CatalogueActor, issueId: string, fgdId: string): Promise<void> {
  await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const issue = await lockIssue(trx, actor.provinceId, issueId)
    const problem = refusal(issue.status, 'validate')
    if (problem) throw refused(problem)
    const fgd = await findFgdSession(trx, actor.provinceId, fgdId)
    if (!fgd) throw notFound('fgd')
    if (fgd.edition_id !== issue.edition_id) throw invalid('catalogue:issues.fgdOtherEdition', 'fgd')
    await trx
      .updateTable('province_issues')
      .set({
        status: nextStatus(issue.status, 'validate'),
        fgd_id: fgd.id,
        validated_on: fgd.held_on,
        validation_place: fgd.place,
        updated_at: new Date(),
      })
      .where('province_id', '=', actor.provinceId)
      .where('id', '=', issueId)
      .execute()
    await audit(trx, {
      actorId: actor.userId,
      action: 'issue.validated',
      objectType: 'province_issue',
      objectId: issueId,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { fgdId: fgd.id, heldOn: fgd.held_on, place: fgd.place },
    })
  })
}

/**
 * Publishes or unpublishes an issue. Asking for the status it already has changes
 * nothing (a form submitted twice), and answers false.
 */
export async function setIssuePublished(
  db: DB,
  actor: CatalogueActor,
  issueId: string,
  publish: boolean,
): Promise<boolean> {
  return withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const issue = await lockIssue(trx, actor.provinceId, issueId)
    const action = publish ? 'publish' : 'unpublish'
    const target = nextStatus(issue.status, action)
    // Already where the user wants it: published, or (unpublishing) not on the portal.
    if (publish ? issue.status === 'published' : issue.status !== 'published') return false
    const problem = refusal(issue.status, action)
    if (problem) throw refused(problem)
    await trx
      .updateTable('province_issues')
      .set({ status: target, updated_at: new Date() })
      .where('province_id', '=', actor.provinceId)
      .where('id', '=', issueId)
      .execute()
    await audit(trx, {
      actorId: actor.userId,
      action: publish ? 'issue.published' : 'issue.unpublished',
      objectType: 'province_issue',
      objectId: issueId,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { from: issue.status, to: target },
    })
    return true
  })
}

/**
 * Deletes a draft or validated issue. A published one is refused (unpublish it
 * first); one that applications point at is refused by its foreign keys (23503),
 * so the rule holds once applications exist.
 */
export async function deleteIssue(db: DB, actor: CatalogueActor, issueId: string): Promise<void> {
  try {
    await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
      const issue = await lockIssue(trx, actor.provinceId, issueId)
      const problem = refusal(issue.status, 'delete')
      if (problem) throw refused(problem)
      await trx
        .deleteFrom('province_issues')
        .where('province_id', '=', actor.provinceId)
        .where('id', '=', issueId)
        .execute()
      await audit(trx, {
        actorId: actor.userId,
        action: 'issue.deleted',
        objectType: 'province_issue',
        objectId: issueId,
        provinceId: actor.provinceId,
        ip: actor.ip,
        details: { title: issue.title_id, status: issue.status },
      })
    })
  } catch (error) {
    if (isForeignKeyViolation(error)) throw refused('catalogue:issues.refused.hasApplications')
    throw error
  }
}
