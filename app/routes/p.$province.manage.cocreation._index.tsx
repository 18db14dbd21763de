import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { canManageCoCreation, canReadCoCreation } from '#app/modules/cocreation/access.ts'
import { loadEventList } from '#app/modules/cocreation/cocreation.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { EmptyState, Pager } from '#app/ui/page-parts.tsx'

export const handle: RouteHandle = {
  title: 'pages.cocreation' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadCoCreation)
  const requested = parsePage(new URL(request.url).searchParams)
  const list = await loadEventList(context.db, province.id, requested)
  return { province, ...list, mayManage: canManageCoCreation(viewer.ability, province) }
}

export default function CocreationEvents() {
  const { province, events, page, pageCount, mayManage } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'cocreation', 'catalogue'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/manage/cocreation`
  const newLink = mayManage ? <Link to={`${base}/new`}>{t('cocreation:events.new')}</Link> : undefined
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/manage`}>{t('catalogue:backToManage')}</Link>
      </p>
      <h1>{t('cocreation:events.title', { name: province.name })}</h1>
      <p className="muted">{t('cocreation:events.intro')}</p>
      {events.length === 0 ? (
        <EmptyState action={newLink}>
          {mayManage ? t('cocreation:events.emptyManage') : t('cocreation:events.empty')}
        </EmptyState>
      ) : (
        <>
          {newLink ? <p>{newLink}</p> : null}
          <ul className="rows">
            {events.map((e) => (
              <li key={e.id}>
                <div>
                  <Link to={`${base}/${e.id}`}>
                    <strong>
                      {t('cocreation:events.heading', { date: formatDate(e.held_on, lng), place: e.place })}
                    </strong>
                  </Link>
                  <p className="muted small">
                    {t('cocreation:events.organisedBy', {
                      kind: t(`cocreation:organisers.${e.organiser_kind}`),
                      name: e.organiser_name,
                    })}
                    {' · '}
                    {t('cocreation:events.agencyCount', { present: e.present, count: e.invited })}
                    {' · '}
                    {t('cocreation:events.finalistCount', { count: e.finalists })}
                    {e.next_meeting_on
                      ? ` · ${t('cocreation:events.nextMeetingOn', { date: formatDate(e.next_meeting_on, lng) })}`
                      : ''}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `?page=${p}`} />
    </main>
  )
}
