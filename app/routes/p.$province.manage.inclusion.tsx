import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { loadFiguresPage } from '#app/modules/inclusion/figures-page.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FiguresFilters, InclusionFigures } from '#app/ui/inclusion-figures.tsx'

export const handle: RouteHandle = {
  title: 'pages.inclusion' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return loadFiguresPage(request, context, { slug: params.province })
}

export default function ProvinceInclusion() {
  const { editions, edition, province, figures } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'inclusion'])
  return (
    <main id="main" className="page">
      <h1>{t('inclusion:titleProvince', { name: province?.name ?? '' })}</h1>
      <p className="muted">{t('inclusion:intro')}</p>
      <FiguresFilters
        editions={editions}
        edition={edition?.id ?? null}
        files={`/p/${province?.slug ?? ''}/manage/inclusion`}
      />
      {figures ? <InclusionFigures figures={figures} byRegency /> : <p className="empty">{t('inclusion:noEdition')}</p>}
    </main>
  )
}
