import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { canManageCalls, canReadCalls } from '#app/modules/calls/access.ts'
import { CHECKLIST_ITEMS, type ChecklistItem } from '#app/modules/calls/call-rules.ts'
import { loadChecklist } from '#app/modules/calls/calls.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'

export const handle: RouteHandle = {
  title: 'pages.checklist' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadCalls)
  return {
    province,
    ...(await loadChecklist(context.db, province)),
    mayManage: canManageCalls(viewer.ability, province),
  }
}

/** Where each missing item is fixed, relative to the province's manage area. */
const FIX: Record<ChecklistItem, string> = {
  publishedIssue: 'issues',
  opd: 'opds',
  reviewer: '',
  callDates: 'calls',
}

export default function Checklist() {
  const { province, edition, counts, missing, calls, mayManage } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'calls'])
  const lng = i18n.language as Language
  const count: Record<ChecklistItem, number> = {
    publishedIssue: counts.publishedIssues,
    opd: counts.activeOpds,
    reviewer: counts.reviewers,
    callDates: counts.calls,
  }
  const draft = calls.find((c) => c.status === 'draft')
  const published = calls.find((c) => c.status === 'published')
  const base = `/p/${province.slug}/manage`
  return (
    <main id="main" className="page">
      <h1>{t('calls:checklist.title', { name: province.name })}</h1>
      <p className="muted">
        {edition ? t('calls:checklist.intro', { edition: edition.name }) : t('calls:errors.noEdition')}
      </p>
      <ul className="checklist">
        {CHECKLIST_ITEMS.map((item) => {
          const done = !missing.includes(item)
          return (
            <li key={item} className={done ? 'done' : 'missing'} data-item={item}>
              <span aria-hidden="true">{done ? '✓' : '✗'}</span> <strong>{t(`calls:checklist.items.${item}`)}</strong> —{' '}
              {done ? t('calls:checklist.done', { count: count[item] }) : t('calls:checklist.missing')}
              {!done && mayManage ? (
                <>
                  {' '}
                  <Link to={FIX[item] ? `${base}/${FIX[item]}` : base}>{t(`calls:checklist.fix.${item}`)}</Link>
                </>
              ) : null}
            </li>
          )
        })}
      </ul>
      {missing.length > 0 ? (
        <p className="form-error" role="status">
          {t('calls:checklist.blocked', { count: missing.length })}
        </p>
      ) : published ? (
        <p className="form-ok" role="status">
          {t('calls:checklist.published', {
            opens: formatDateTime(new Date(published.opens_at), lng, province.time_zone),
            closes: formatDateTime(new Date(published.closes_at), lng, province.time_zone),
          })}
        </p>
      ) : (
        <p className="form-ok" role="status">
          {t('calls:checklist.ready')}{' '}
          {draft && mayManage ? <Link to={`${base}/calls/${draft.id}`}>{t('calls:checklist.publishLink')}</Link> : null}
        </p>
      )}
    </main>
  )
}
