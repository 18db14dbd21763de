import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { instantToLocal, zoneAbbreviation } from '#app/modules/calls/zoned-time.ts'
import type { AppAbility } from '#app/modules/permissions/abilities.ts'
import { accessibleBy } from '#app/modules/permissions/to-sql.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { pageWindow } from '#app/modules/validation/paging.ts'
import type { DB } from '#db/client.ts'
import { toCsv } from './csv.ts'
import { type IncomingFilters, PAGE_SIZE } from './filters.ts'
import {
  countIncoming,
  countSubmittedPerIssue,
  findIncoming,
  listAttachments,
  listIncoming,
  listIncomingForExport,
  listIndicators,
  listIssueOptions,
  listRegencyOptions,
  listTeam,
} from './intake.queries.server.ts'

// Bappeda's view of incoming applications (issue 6): the list with its filters and
// counts, one application in full, and the CSV export, which is audited because it
// carries applicants' personal data (UU 27/2022).

export interface Reader {
  provinceId: string
  ability: AppAbility
}

// reviewer_id: the reviewers' rule (issue 7) is about applications joined with their
// assignment; a bare application has none, so that rule adds nothing here.
const readable = (ability: AppAbility) =>
  accessibleBy(ability, 'read', 'Application', { table: 'a', absent: ['reviewer_id'] })

/** The list page: the current edition's counts per issue, filter options and one page of applications. */
export async function loadIncomingPage(db: DB, reader: Reader, filters: IncomingFilters, page: number) {
  const edition = (await findCurrentEdition(db)) ?? null
  if (!edition) {
    return { edition, perIssue: [], issues: [], regencies: [], applications: [], total: 0, page, pageCount: 0 }
  }
  const access = readable(reader.ability)
  const { provinceId } = reader
  return withTenant(db, { provinceId }, async (trx) => {
    const total = await countIncoming(trx, provinceId, edition.id, access, filters)
    const { page: shown, pageCount, limit, offset } = pageWindow(page, total, PAGE_SIZE)
    const applications = await listIncoming(trx, provinceId, edition.id, access, filters, { limit, offset })
    const perIssue = (await countSubmittedPerIssue(trx, provinceId, edition.id, access)).map((i) => ({
      ...i,
      count: Number(i.count),
    }))
    const issues = await listIssueOptions(trx, provinceId, edition.id)
    const regencies = await listRegencyOptions(trx, provinceId)
    return { edition, perIssue, issues, regencies, applications, total, page: shown, pageCount }
  })
}

/** One submitted or withdrawn application in full, or undefined (drafts, other provinces, unknown ids). */
export async function loadIncomingApplication(db: DB, reader: Reader, id: string) {
  const { provinceId } = reader
  return withTenant(db, { provinceId }, async (trx) => {
    const application = await findIncoming(trx, provinceId, readable(reader.ability), id)
    if (!application) return undefined
    const indicators = await listIndicators(trx, provinceId, id)
    const team = await listTeam(trx, provinceId, application.snapshot_id)
    const files = await listAttachments(trx, provinceId, id)
    const inclusion = {
      size: team.length,
      women: team.filter((m) => m.gender === 'female').length,
      youth: team.filter((m) => m.age_band === 'under_25' || m.age_band === '25_34').length,
    }
    return { application, indicators, team, files, inclusion }
  })
}

export interface Exporter extends Reader {
  userId: string
  ip: string | null
  slug: string
  timeZone: string
  now: Date
}

/**
 * The filtered applications as a CSV document, its header in the reader's language,
 * times in the province's zone; the export is written to the audit log with its filter
 * in the same transaction, so no file leaves without a trace.
 */
export async function exportIncomingCsv(db: DB, exporter: Exporter, filters: IncomingFilters, lng: Language) {
  const t = getFixedT(lng)
  const zone = zoneAbbreviation(exporter.now, exporter.timeZone)
  const header = [
    t('manage:incoming.csv.receipt'),
    t('manage:incoming.csv.submittedAt', { zone }),
    t('manage:incoming.csv.status'),
    t('manage:incoming.csv.issue'),
    t('manage:incoming.csv.venture'),
    t('manage:incoming.csv.legalForm'),
    t('manage:incoming.csv.stage'),
    t('manage:incoming.csv.regency'),
    t('manage:incoming.csv.applicantName'),
    t('manage:incoming.csv.applicantEmail'),
    t('manage:incoming.csv.beneficiaries'),
    t('manage:incoming.csv.teamSize'),
    t('manage:incoming.csv.women'),
  ]
  const edition = await findCurrentEdition(db)
  const { provinceId } = exporter
  const rows = await withTenant(db, { provinceId }, async (trx) => {
    const found = edition
      ? await listIncomingForExport(trx, provinceId, edition.id, readable(exporter.ability), filters)
      : []
    await audit(trx, {
      actorId: exporter.userId,
      action: 'applications.exported',
      objectType: 'province',
      objectId: provinceId,
      provinceId,
      ip: exporter.ip,
      details: { filters: { ...filters }, rows: found.length, edition_id: edition?.id ?? null },
    })
    return found
  })
  const records = rows.map((r) => [
    r.receipt_number,
    r.submitted_at ? instantToLocal(r.submitted_at, exporter.timeZone).replace('T', ' ') : '',
    t(`apply:status.${r.status}`),
    // The Indonesian title on purpose: the issue is named as the province published it.
    r.issue_title_id,
    r.venture_name,
    t(`venture:legalForm.${r.legal_form}`),
    t(`venture:stage.${r.stage}`),
    r.regency_name && r.regency_kind ? t(`venture:regency.${r.regency_kind}`, { name: r.regency_name }) : '',
    r.applicant_name,
    r.applicant_email,
    r.beneficiaries_count,
    Number(r.team_size ?? 0),
    Number(r.women ?? 0),
  ])
  const date = instantToLocal(exporter.now, exporter.timeZone).slice(0, 10)
  return { csv: toCsv(header, records), filename: `applications-${exporter.slug}-${date}.csv` }
}
