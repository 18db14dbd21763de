import { isLanguage, type Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { expectWritten, found, notFound, refused } from '#app/modules/errors/errors.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { pageWindow } from '#app/modules/validation/paging.ts'
import type { DB } from '#db/client.ts'
import {
  countImpactInnovations,
  decideMeasurementRow,
  findImpactInnovation,
  insertMeasurement,
  listApplicationIndicators,
  listImpactInnovations,
  listIssueIndicators,
  listMeasurements,
  lockMeasurement,
  measurementMailFacts,
} from './impact.queries.server.ts'
import type { MeasurementInput } from './impact.schema.ts'
import { enqueueImpactMail } from './impact-mail.server.ts'
import {
  canDecide,
  changeFromBaseline,
  latestConfirmed,
  measuredOnAllowed,
  parseIndicatorNumber,
  progressTowards,
} from './impact-rules.ts'

// Impact workflows (issue 15): the venture owning an innovation's finalist application
// enters periodic measurements of its indicators, Bappeda confirms or returns them.
// Only confirmed measurements count as progress (docs/decisions/015).

export interface ImpactActor {
  provinceId: string
  userId: string
  ip?: string | null
}
export interface ProvinceZone {
  id: string
  time_zone: string
}

export const PAGE_SIZE = 20

/** A page of the province's innovations (the applicant's own only, when `applicantId` is set). */
export async function loadImpactIndex(db: DB, provinceId: string, applicantId: string | null, page: number) {
  return withTenant(db, { provinceId }, async (trx) => {
    const total = await countImpactInnovations(trx, provinceId, applicantId)
    const { limit, offset, ...shown } = pageWindow(page, total, PAGE_SIZE)
    const rows = await listImpactInnovations(trx, provinceId, applicantId, { limit, offset })
    return {
      rows: rows.map((r) => ({ ...r, pending: Number(r.pending ?? 0), confirmed: Number(r.confirmed ?? 0) })),
      total,
      ...shown,
    }
  })
}

type Measurement = Awaited<ReturnType<typeof listMeasurements>>[number]

export interface IndicatorView {
  key: string
  kind: 'application' | 'issue'
  name: { id: string; en: string }
  unit: string
  baseline: number | null
  target: number | null
  /** As typed in the application ("50 orang"); for issue indicators the year and source of the baseline. */
  baselineText: string
  targetText: string | null
  baselineYear: number | null
  baselineSource: string | null
  measurements: Measurement[]
  latest: Measurement | null
  progress: number | null
  change: { change: number; improving: boolean | null } | null
}

function summarise(base: Omit<IndicatorView, 'latest' | 'progress' | 'change'>): IndicatorView {
  const latest = latestConfirmed(base.measurements)
  const value = latest ? Number(latest.value) : null
  return {
    ...base,
    latest,
    progress: value !== null && base.baseline !== null ? progressTowards(base.baseline, base.target, value) : null,
    change: value !== null && base.baseline !== null ? changeFromBaseline(base.baseline, base.target, value) : null,
  }
}

/** An innovation's impact page: its indicators (application's, then issue's), their measurements and progress. */
export async function loadImpact(db: DB, provinceId: string, innovationId: string) {
  return withTenant(db, { provinceId }, async (trx) => {
    const innovation = found(await findImpactInnovation(trx, provinceId, innovationId), 'innovation')
    const measurements = await listMeasurements(trx, provinceId, innovationId)
    const fromApplication = (await listApplicationIndicators(trx, provinceId, innovation.application_id)).map((i) =>
      summarise({
        key: `app:${i.id}`,
        kind: 'application',
        name: { id: i.name, en: i.name },
        unit: i.unit,
        baseline: parseIndicatorNumber(i.baseline),
        target: parseIndicatorNumber(i.target),
        baselineText: i.baseline,
        targetText: i.target,
        baselineYear: null,
        baselineSource: null,
        measurements: measurements.filter((m) => m.application_indicator_id === i.id),
      }),
    )
    const fromIssue = (await listIssueIndicators(trx, provinceId, innovation.province_issue_id)).map((i) =>
      summarise({
        key: `issue:${i.id}`,
        kind: 'issue',
        name: { id: i.name_id, en: i.name_en },
        unit: i.unit,
        baseline: Number(i.value),
        target: null,
        baselineText: i.value,
        targetText: null,
        baselineYear: i.year,
        baselineSource: i.source,
        measurements: measurements.filter((m) => m.issue_indicator_id === i.id),
      }),
    )
    return {
      innovation,
      indicators: [...fromApplication, ...fromIssue],
      pending: measurements.filter((m) => m.status === 'entered').length,
    }
  })
}

/** The venture enters a measurement of one of its innovation's indicators. */
export async function recordMeasurement(
  db: DB,
  actor: ImpactActor,
  province: ProvinceZone,
  innovationId: string,
  input: MeasurementInput,
  now: Date,
): Promise<string> {
  return withTenant(db, { provinceId: province.id, userId: actor.userId }, async (trx) => {
    const innovation = await findImpactInnovation(trx, province.id, innovationId)
    // Another venture's innovation does not exist for this one.
    if (!innovation || innovation.applicant_id !== actor.userId) throw notFound('innovation')
    const [kind, indicatorId] = input.indicator.split(':') as ['app' | 'issue', string]
    const indicators =
      kind === 'app'
        ? await listApplicationIndicators(trx, province.id, innovation.application_id)
        : await listIssueIndicators(trx, province.id, innovation.province_issue_id)
    if (!indicators.some((i) => i.id === indicatorId)) throw refused('impact:errors.indicator', { field: 'indicator' })
    const today = instantToLocal(now, province.time_zone).slice(0, 10)
    if (!measuredOnAllowed(input.measuredOn, today, innovation.started_on))
      throw refused('impact:errors.measuredOn', { field: 'measuredOn' })
    const row = await insertMeasurement(trx, {
      province_id: province.id,
      innovation_id: innovation.id,
      application_indicator_id: kind === 'app' ? indicatorId : null,
      issue_indicator_id: kind === 'issue' ? indicatorId : null,
      value: input.value,
      measured_on: input.measuredOn,
      source: input.source,
      note: input.note ?? '',
      entered_by: actor.userId,
    })
    await audit(trx, {
      actorId: actor.userId,
      action: 'impact.measured',
      objectType: 'innovation',
      objectId: innovation.id,
      provinceId: province.id,
      ip: actor.ip ?? null,
      details: { measurementId: row.id, indicator: input.indicator, value: input.value, measuredOn: input.measuredOn },
    })
    return row.id
  })
}

/**
 * Bappeda confirms a measurement, or returns it with a reason for the venture to enter
 * anew; whoever entered it is mailed the decision with a link to `page`.
 */
export async function decideMeasurement(
  db: DB,
  actor: ImpactActor,
  innovationId: string,
  measurementId: string,
  decision: { confirm: true } | { confirm: false; reason: string },
  page: string,
): Promise<void> {
  await withTenant(db, { provinceId: actor.provinceId, userId: actor.userId }, async (trx) => {
    const m = found(await lockMeasurement(trx, actor.provinceId, innovationId, measurementId), 'measurement')
    if (!canDecide(m.status)) throw refused('impact:errors.decided')
    expectWritten(
      await decideMeasurementRow(trx, actor.provinceId, m.id, {
        status: decision.confirm ? 'confirmed' : 'returned',
        by: actor.userId,
        reason: decision.confirm ? null : decision.reason,
      }),
      'impact:errors.decided',
    )
    await audit(trx, {
      actorId: actor.userId,
      action: decision.confirm ? 'impact.confirmed' : 'impact.returned',
      objectType: 'innovation',
      objectId: innovationId,
      provinceId: actor.provinceId,
      ip: actor.ip ?? null,
      details: { measurementId: m.id, value: m.value, measuredOn: m.measured_on },
    })
    const to = await measurementMailFacts(trx, actor.provinceId, innovationId, m.entered_by)
    if (to) {
      const locale: Language = isLanguage(to.locale) ? to.locale : 'id'
      await enqueueImpactMail(trx, {
        to: to.email,
        name: to.name,
        locale,
        template: decision.confirm ? 'confirmed' : 'returned',
        params: {
          title: to.title,
          province: to.province_name,
          value: m.value,
          measuredOn: formatDate(m.measured_on, locale),
          reason: decision.confirm ? '' : decision.reason,
          link: page,
        },
      })
    }
  })
}
