import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { idParam } from '#app/modules/errors/errors.ts'
import { loadPublicInnovation } from '#app/modules/jippnas/jippnas.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { IndicatorTable, RecordDetails } from '#app/ui/innovation-record.tsx'

// The public page of a public innovation (issue 15), linked from the JIPPNas payload
// (`public_url`): no sign-in, no JavaScript, small. Anything not public is 404.

export const handle: RouteHandle = { hydrate: false, title: 'pages.publicInnovation' as const }

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { record, indicators } = await loadPublicInnovation(context.db, idParam(params, 'innovation'))
  return {
    record: {
      title: record.title,
      summary: record.summary,
      venture_name: record.venture_name,
      edition_name: record.edition_name,
      province_name: record.province_name,
      national_issue_name_id: record.national_issue_name_id,
      national_issue_name_en: record.national_issue_name_en,
      province_issue_title_id: record.province_issue_title_id,
      province_issue_title_en: record.province_issue_title_en,
      regency_name: record.regency_name,
      opd_name: record.opd_name,
      started_on: record.started_on,
      status: record.status,
      stop_reason: record.stop_reason,
    },
    indicators,
  }
}

export default function PublicInnovation() {
  const { record, indicators } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'jippnas'])
  return (
    <main id="main" className="page narrow">
      <p className="muted">{t('jippnas:public.kicker')}</p>
      <h1>{record.title}</h1>
      <p>{t('jippnas:public.from', { edition: record.edition_name, province: record.province_name })}</p>
      <RecordDetails record={record} />
      <IndicatorTable indicators={indicators} />
    </main>
  )
}
