import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { canReadApplications } from '#app/modules/intake/access.ts'
import { filterSearch, INCOMING_STATUSES, parseFilters, VENTURE_STAGES } from '#app/modules/intake/filters.ts'
import { loadIncomingPage } from '#app/modules/intake/intake.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { Pager } from '#app/ui/page-parts.tsx'

export const handle: RouteHandle = {
  title: 'pages.incoming' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadApplications)
  const url = new URL(request.url)
  const filters = parseFilters(url.searchParams)
  const page = await loadIncomingPage(
    context.db,
    { provinceId: province.id, ability: viewer.ability },
    filters,
    parsePage(url.searchParams),
  )
  return { province, filters, ...page }
}

export default function IncomingApplications() {
  const { province, filters, edition, perIssue, issues, regencies, applications, total, page, pageCount } =
    useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'manage', 'venture', 'apply'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/manage`
  const filtered = filterSearch(filters) !== ''
  return (
    <main id="main" className="page">
      <h1>{t('manage:incoming.title', { name: province.name })}</h1>
      {!edition ? (
        <p className="empty">{t('manage:incoming.noEdition')}</p>
      ) : (
        <>
          <p className="muted">{t('manage:incoming.intro', { edition: edition.name })}</p>
          <section aria-labelledby="per-issue">
            <h2 id="per-issue">{t('manage:incoming.perIssue')}</h2>
            {perIssue.length === 0 ? (
              <p className="empty">{t('manage:incoming.noIssues')}</p>
            ) : (
              <ul className="rows">
                {perIssue.map((i) => (
                  <li key={i.id}>
                    <Link to={`${base}/applications${filterSearch({ issue: i.id })}`}>
                      {lng === 'en' ? i.title_en : i.title_id}
                    </Link>
                    <strong>{t('manage:incoming.submittedCount', { count: i.count })}</strong>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <Form method="get" className="box" aria-label={t('manage:incoming.filters')}>
            <div className="field">
              <label htmlFor="q">{t('manage:incoming.search')}</label>
              <p className="hint" id="q-hint">
                {t('manage:incoming.searchHint')}
              </p>
              <input
                id="q"
                name="q"
                type="search"
                defaultValue={filters.q ?? ''}
                maxLength={100}
                aria-describedby="q-hint"
              />
            </div>
            <div className="field">
              <label htmlFor="issue">{t('manage:incoming.issue')}</label>
              <select id="issue" name="issue" defaultValue={filters.issue ?? ''}>
                <option value="">{t('manage:incoming.any')}</option>
                {issues.map((i) => (
                  <option key={i.id} value={i.id}>
                    {lng === 'en' ? i.title_en : i.title_id}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="regency">{t('manage:incoming.regency')}</label>
              <select id="regency" name="regency" defaultValue={filters.regency ?? ''}>
                <option value="">{t('manage:incoming.any')}</option>
                {regencies.map((r) => (
                  <option key={r.code} value={r.code}>
                    {t(`venture:regency.${r.kind}`, { name: r.name })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="status">{t('manage:incoming.status')}</label>
              <select id="status" name="status" defaultValue={filters.status ?? ''}>
                <option value="">{t('manage:incoming.any')}</option>
                {INCOMING_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`apply:status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="stage">{t('manage:incoming.stage')}</label>
              <select id="stage" name="stage" defaultValue={filters.stage ?? ''}>
                <option value="">{t('manage:incoming.any')}</option>
                {VENTURE_STAGES.map((s) => (
                  <option key={s} value={s}>
                    {t(`venture:stage.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t('manage:incoming.apply')}</button>{' '}
            {filtered ? <Link to={`${base}/applications`}>{t('manage:incoming.clear')}</Link> : null}
          </Form>

          <p>
            {t('manage:incoming.total', { count: total })}{' '}
            <a href={`${base}/applications.csv${filterSearch(filters)}`} download>
              {t('manage:incoming.export')}
            </a>
          </p>

          {applications.length === 0 ? (
            <p className="empty">{filtered ? t('manage:incoming.noMatch') : t('manage:incoming.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('manage:incoming.receipt')}</th>
                    <th scope="col">{t('manage:incoming.submittedAt')}</th>
                    <th scope="col">{t('manage:incoming.venture')}</th>
                    <th scope="col">{t('manage:incoming.applicant')}</th>
                    <th scope="col">{t('manage:incoming.issue')}</th>
                    <th scope="col">{t('manage:incoming.regency')}</th>
                    <th scope="col">{t('manage:incoming.stage')}</th>
                    <th scope="col">{t('manage:incoming.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {applications.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link to={`${base}/applications/${a.id}`}>{a.receipt_number}</Link>
                      </td>
                      <td>{a.submitted_at ? formatDateTime(new Date(a.submitted_at), lng, province.time_zone) : ''}</td>
                      <td>{a.venture_name}</td>
                      <td>{a.applicant_name}</td>
                      <td>{lng === 'en' ? a.issue_title_en : a.issue_title_id}</td>
                      <td>
                        {a.regency_name && a.regency_kind
                          ? t(`venture:regency.${a.regency_kind}`, { name: a.regency_name })
                          : '—'}
                      </td>
                      <td>{t(`venture:stage.${a.stage}`)}</td>
                      <td>{t(`apply:status.${a.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <Pager page={page} pageCount={pageCount} href={(p) => `${base}/applications${filterSearch(filters, p)}`} />
        </>
      )}
    </main>
  )
}
