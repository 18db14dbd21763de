import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'

/** The province's phase in the edition (id and number), if it is scheduled. */
export function findPhase(db: DB, editionId: string, provinceId: string) {
  return db
    .selectFrom('phase_provinces')
    .innerJoin('phases', 'phases.id', 'phase_provinces.phase_id')
    .select(['phases.id', 'phases.number'])
    .where('phase_provinces.edition_id', '=', editionId)
    .where('phase_provinces.province_id', '=', provinceId)
    .executeTakeFirst()
}

export function listNationalIssues(db: DB) {
  return db.selectFrom('national_issues').select(['id', 'code', 'name_id', 'name_en']).orderBy('position').execute()
}

/** Published call windows of every province for the edition (national read scope); drafts are not public. */
export function listCallWindows(trx: Trx, editionId: string) {
  return trx
    .selectFrom('calls')
    .select(['province_id', 'opens_at', 'closes_at'])
    .where('edition_id', '=', editionId)
    .where('status', '=', 'published')
    .execute()
}

/** Published-issue counts per province for the edition (national read scope). */
export function countPublishedIssues(trx: Trx, editionId: string) {
  return trx
    .selectFrom('province_issues')
    .select(['province_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('edition_id', '=', editionId)
    .where('status', '=', 'published')
    .groupBy('province_id')
    .execute()
}

/** A province's published issues for the edition, with owning OPD and national issue. */
export function listPublishedIssues(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('province_issues as pi')
    .innerJoin('opds', (join) =>
      join.onRef('opds.province_id', '=', 'pi.province_id').onRef('opds.id', '=', 'pi.lead_opd_id'),
    )
    .innerJoin('national_issues as ni', 'ni.id', 'pi.national_issue_id')
    .select([
      'pi.id',
      'pi.title_id',
      'pi.title_en',
      'pi.description_id',
      'pi.description_en',
      'pi.validated_on',
      'pi.validation_place',
      'opds.name as opd_name',
      'opds.short_name as opd_short_name',
      'ni.code as national_code',
      'ni.name_id as national_name_id',
      'ni.name_en as national_name_en',
    ])
    .where('pi.province_id', '=', provinceId)
    .where('pi.edition_id', '=', editionId)
    .where('pi.status', '=', 'published')
    .orderBy('pi.priority')
    .execute()
}

/** A province's published calls for the edition with what applicants need to know; drafts are not public. */
export function listProvinceCalls(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('calls')
    .select([
      'id',
      'opens_at',
      'closes_at',
      'eligibility_id',
      'eligibility_en',
      'faq_id',
      'faq_en',
      'max_applications',
      'helpdesk_phone',
      'helpdesk_whatsapp',
      'helpdesk_email',
    ])
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
    .where('status', '=', 'published')
    .orderBy('opens_at')
    .execute()
}

/** Baseline indicators of the province's published issues in the edition, in their order. */
export function listPublishedIndicators(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('issue_indicators as ii')
    .innerJoin('province_issues as pi', (join) =>
      join.onRef('pi.province_id', '=', 'ii.province_id').onRef('pi.id', '=', 'ii.issue_id'),
    )
    .select(['ii.id', 'ii.issue_id', 'ii.name_id', 'ii.name_en', 'ii.value', 'ii.unit', 'ii.year', 'ii.source'])
    .where('ii.province_id', '=', provinceId)
    .where('pi.edition_id', '=', editionId)
    .where('pi.status', '=', 'published')
    .orderBy('ii.issue_id')
    .orderBy('ii.position')
    .orderBy('ii.name_id')
    .execute()
}

/** Supporting OPDs of the province's published issues in the edition. */
export function listPublishedSupportingOpds(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('issue_supporting_opds as s')
    .innerJoin('province_issues as pi', (join) =>
      join.onRef('pi.province_id', '=', 's.province_id').onRef('pi.id', '=', 's.issue_id'),
    )
    .innerJoin('opds', (join) => join.onRef('opds.province_id', '=', 's.province_id').onRef('opds.id', '=', 's.opd_id'))
    .select(['s.issue_id', 'opds.name', 'opds.short_name'])
    .where('s.province_id', '=', provinceId)
    .where('pi.edition_id', '=', editionId)
    .where('pi.status', '=', 'published')
    .orderBy('opds.short_name')
    .execute()
}

/** The national milestones of one phase of the edition, in date order (public configuration). */
export function listMilestones(db: DB, editionId: string, phaseId: string) {
  return db
    .selectFrom('milestones')
    .select(['kind', 'starts_on', 'ends_on', 'note'])
    .where('edition_id', '=', editionId)
    .where('phase_id', '=', phaseId)
    .orderBy('starts_on')
    .orderBy('ends_on', (ob) => ob.asc().nullsFirst())
    .execute()
}
