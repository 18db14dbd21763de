import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { ProvinceFixture } from './demo.ts'
import type { Finalist } from './mentoring.ts'

// An innovation record for a published finalist (issue 15), written as the owner the way
// the JIPPNas workflow leaves it, with one application indicator (baseline → target) and
// one baseline indicator on its province issue, for the replication and impact tests.

export interface InnovationFixture {
  id: string
  title: string
  applicationIndicatorId: string
  issueIndicatorId: string
}

export async function recordInnovation(
  owner: DB,
  fx: ProvinceFixture,
  finalist: Finalist,
  options: { title: string; isPublic: boolean; startedOn: string },
): Promise<InnovationFixture> {
  const issue = fx.issues[0]
  if (!issue) throw new Error('the fixture province has no published issue')
  return withTenant(owner, { provinceId: fx.province.id }, async (trx) => {
    const nationalIssue = await trx
      .selectFrom('province_issues')
      .select('national_issue_id')
      .where('province_id', '=', fx.province.id)
      .where('id', '=', issue.id)
      .executeTakeFirstOrThrow()
    const innovation = await trx
      .insertInto('innovations')
      .values({
        province_id: fx.province.id,
        application_id: finalist.id,
        edition_id: fx.editionId,
        title: options.title,
        summary: `Inovasi layanan publik ${finalist.venture} bersama perangkat daerah.`,
        national_issue_id: nationalIssue.national_issue_id,
        province_issue_id: issue.id,
        regency_code: null,
        opd_id: null,
        venture_name: finalist.venture,
        started_on: options.startedOn,
        stop_reason: null,
        is_public: options.isPublic,
        created_by: null,
        updated_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const appIndicator = await trx
      .insertInto('application_indicators')
      .values({
        province_id: fx.province.id,
        application_id: finalist.id,
        name: 'Siswa yang belajar rutin dengan bahan ajar digital',
        baseline: '50',
        target: '400',
        unit: 'siswa',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const issueIndicator = await trx
      .insertInto('issue_indicators')
      .values({
        province_id: fx.province.id,
        issue_id: issue.id,
        name_id: 'Sekolah dengan bahan ajar digital',
        name_en: 'Schools with digital learning material',
        value: 12,
        unit: 'sekolah',
        year: 2023,
        source: 'Dapodik 2023',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return {
      id: innovation.id,
      title: options.title,
      applicationIndicatorId: appIndicator.id,
      issueIndicatorId: issueIndicator.id,
    }
  })
}
