import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { loadFiguresPage } from '#app/modules/inclusion/figures-page.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FiguresFilters, InclusionFigures } from '#app/ui/inclusion-figures.tsx'

export const handle: RouteHandle = {
  title: 'pages.inclusion' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export function loader({ request, context }: LoaderFunctionArgs) {
  return loadFiguresPage(request, context, { national: true })
}

export default function NationalInclusion() {
  const { editions, edition, province, provinces, figures } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'inclusion'])
  return (
    <main id="main" className="page">
      <h1>{province ? t('inclusion:titleProvince', { name: province.name }) : t('inclusion:title')}</h1>
      <p className="muted">{t('inclusion:intro')}</p>
      <FiguresFilters
        editions={editions}
        edition={edition?.id ?? null}
        provinces={provinces}
        province={province?.slug ?? null}
        files="/national/inclusion"
      />
      {figures ? (
        <InclusionFigures figures={figures} byRegency={province !== null} />
      ) : (
        <p className="empty">{t('inclusion:noEdition')}</p>
      )}
    </main>
  )
}
