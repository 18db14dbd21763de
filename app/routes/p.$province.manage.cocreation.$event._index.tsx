import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { canManageCoCreation, canReadCoCreation } from '#app/modules/cocreation/access.ts'
import { loadEvent } from '#app/modules/cocreation/cocreation.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { EmptyState, StatusBadge } from '#app/ui/page-parts.tsx'

export const handle: RouteHandle = {
  title: 'pages.cocreationEvent' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.cocreation', to: '/p/:province/manage/cocreation' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadCoCreation)
  const found = await loadEvent(context.db, province.id, idParam(params, 'event'))
  return { province, ...found, mayManage: canManageCoCreation(viewer.ability, province) }
}

export default function CocreationEvent() {
  const { province, event, agencies, finalists, topics, mayManage } = useLoaderData<typeof loader>()
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation(['common', 'cocreation', 'catalogue'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/manage/cocreation/${event.id}`
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/manage/cocreation`}>{t('cocreation:events.back')}</Link>
      </p>
      <h1>{t('cocreation:events.heading', { date: formatDate(event.held_on, lng), place: event.place })}</h1>
      {search.get('saved') ? <FormMessage kind="ok">{t('cocreation:events.saved')}</FormMessage> : null}
      {mayManage ? (
        <p>
          <Link to={`${base}/edit`}>{t('cocreation:events.edit')}</Link>
        </p>
      ) : null}
      <dl>
        <dt>{t('cocreation:events.organiser')}</dt>
        <dd>
          {t('cocreation:events.organisedBy', {
            kind: t(`cocreation:organisers.${event.organiser_kind}`),
            name: event.organiser_name,
          })}
        </dd>
        {event.regency_name ? (
          <>
            <dt>{t('cocreation:events.regency')}</dt>
            <dd>
              {t(`catalogue:opds.kinds.${event.regency_kind ?? 'kabupaten'}`)} {event.regency_name} (
              {event.regency_code})
            </dd>
          </>
        ) : null}
        <dt>{t('cocreation:events.topics')}</dt>
        <dd>{topics.length === 0 ? '—' : topics.map((n) => (lng === 'en' ? n.name_en : n.name_id)).join(', ')}</dd>
        <dt>{t('cocreation:events.nextMeeting')}</dt>
        <dd>{event.next_meeting_on ? formatDate(event.next_meeting_on, lng) : t('cocreation:events.noNextMeeting')}</dd>
        <dt>{t('cocreation:events.minutes')}</dt>
        <dd>
          {event.minutes_name ? (
            <a href={`${base}/minutes`} download>
              {t('cocreation:events.downloadMinutes', { name: event.minutes_name })}
            </a>
          ) : (
            t('cocreation:events.noMinutes')
          )}
        </dd>
      </dl>
      <section aria-labelledby="agencies">
        <h2 id="agencies">{t('cocreation:events.agenciesHeading')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('cocreation:events.agency')}</th>
                <th scope="col">{t('catalogue:opds.level')}</th>
                <th scope="col">{t('catalogue:opds.head')}</th>
                <th scope="col">{t('cocreation:events.attendance')}</th>
              </tr>
            </thead>
            <tbody>
              {agencies.map((a) => (
                <tr key={a.id}>
                  <td>
                    <strong>{a.short_name}</strong> — {a.name}
                  </td>
                  <td>{a.regency_name ?? t('catalogue:opds.levels.province')}</td>
                  <td>{a.head_name ?? '—'}</td>
                  <td>
                    <StatusBadge>
                      {a.present ? t('cocreation:events.wasPresent') : t('cocreation:events.wasAbsent')}
                    </StatusBadge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="finalists">
        <h2 id="finalists">{t('cocreation:events.finalistsHeading')}</h2>
        {finalists.length === 0 ? (
          <EmptyState>{t('cocreation:events.noFinalistsPresented')}</EmptyState>
        ) : (
          <ul>
            {finalists.map((f) => (
              <li key={f.id}>
                {f.venture} <span className="muted small">({f.edition})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="outcomes">
        <h2 id="outcomes">{t('cocreation:events.outcomes')}</h2>
        {event.outcomes ? (
          <p className="pre-wrap">{event.outcomes}</p>
        ) : (
          <EmptyState>{t('cocreation:events.noOutcomes')}</EmptyState>
        )}
      </section>
    </main>
  )
}
