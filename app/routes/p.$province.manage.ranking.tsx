import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { isUuid, notFound } from '#app/modules/errors/errors.ts'
import { canManageSelection, canReadRanking } from '#app/modules/selection/access.ts'
import { formatFigure } from '#app/modules/selection/leaderboard.ts'
import { chooseRankingMethod, loadRanking } from '#app/modules/selection/ranking.server.ts'
import { methodSchema } from '#app/modules/selection/selection.schema.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { Pager } from '#app/ui/page-parts.tsx'

export const handle: RouteHandle = {
  title: 'pages.ranking' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadRanking)
  const url = new URL(request.url)
  const issueParam = url.searchParams.get('issue') ?? ''
  const issue = isUuid(issueParam) ? issueParam.toLowerCase() : null
  const page = parsePage(url.searchParams)
  const ranking = await loadRanking(context.db, province.id, context.now(), { issue, page })
  return {
    province,
    issue,
    canManage: canManageSelection(viewer.ability, province),
    changed: url.searchParams.has('method-saved'),
    ...ranking,
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageSelection)
  const submission = parseWithZod(await request.formData(), { schema: methodSchema })
  if (submission.status !== 'success') return data({ error: 'selection:errors.invalid' as const }, { status: 400 })
  const meta = requestMeta(request, context)
  const done = await chooseRankingMethod(
    context.db,
    { provinceId: province.id, userId: viewer.user.id, ip: meta.ip },
    submission.value.method,
    meta.now,
  )
  if (!done) throw notFound()
  return redirect(`/p/${province.slug}/manage/ranking?method-saved=1`)
}

export default function RankingPage() {
  const page = useLoaderData<typeof loader>()
  const { province, canManage, changed } = page
  const { t, i18n } = useTranslation(['common', 'selection', 'apply'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/manage`
  const fig = (v: number | null | undefined) => formatFigure(v, lng)
  // Translated once per page, not once per row.
  const disagreement = t('selection:ranking.disagreement')
  const tie = t('selection:ranking.tie')
  return (
    <main id="main" className="page">
      <p>
        <Link to={base}>{t('selection:back')}</Link>
      </p>
      <h1>{t('selection:ranking.title', { name: province.name })}</h1>
      {!page.call ? (
        <p className="empty">{t('selection:noCall')}</p>
      ) : (
        <>
          {changed ? <FormMessage kind="ok">{t('selection:ranking.methodSaved')}</FormMessage> : null}
          <section aria-labelledby="method-heading" className="box">
            <h2 id="method-heading">{t('selection:ranking.method')}</h2>
            <p>
              <strong data-method={page.call.method}>{t(`selection:ranking.methods.${page.call.method}`)}</strong>
            </p>
            <p className="muted small">{t(`selection:ranking.methodHelp.${page.call.method}`)}</p>
            {canManage ? (
              <Form method="post">
                <input type="hidden" name="intent" value="method" />
                <input type="hidden" name="method" value={page.call.method === 'zscore' ? 'mean' : 'zscore'} />
                <button type="submit" className="secondary">
                  {t('selection:ranking.switchTo', {
                    method: t(`selection:ranking.methods.${page.call.method === 'zscore' ? 'mean' : 'zscore'}`),
                  })}
                </button>
              </Form>
            ) : null}
          </section>

          <section aria-labelledby="progress-heading">
            <h2 id="progress-heading">{t('selection:ranking.progress')}</h2>
            <p id="progress">
              {t('selection:ranking.progressLine', {
                complete: page.progress.complete,
                expected: page.progress.expected,
                applications: page.progress.applications,
              })}
            </p>
            <p id="agreement">
              {t('selection:ranking.alpha', { alpha: page.alpha === null ? '—' : fig(page.alpha) })}{' '}
              <span className="muted small">{t('selection:ranking.alphaHelp')}</span>
            </p>
            <p>
              {t('selection:ranking.flagged', {
                disagreement: page.flagged.disagreement,
                tie: page.flagged.tie,
              })}
            </p>
          </section>

          <Form method="get" className="box" aria-label={t('selection:ranking.filter')}>
            <label htmlFor="issue">{t('selection:ranking.issue')}</label>
            <select id="issue" name="issue" defaultValue={page.issue ?? ''}>
              <option value="">{t('selection:ranking.allIssues')}</option>
              {page.issues.map((i) => (
                <option key={i.id} value={i.id}>
                  {lng === 'en' ? i.title_en : i.title_id}
                </option>
              ))}
            </select>{' '}
            <button type="submit" className="secondary">
              {t('selection:ranking.show')}
            </button>
          </Form>

          <p>
            {t('selection:ranking.total', { count: page.total })}{' '}
            <a href={`${base}/ranking.csv${page.issue ? `?issue=${page.issue}` : ''}`} download>
              {t('selection:ranking.exportCsv')}
            </a>{' '}
            ·{' '}
            <a href={`${base}/ranking.xlsx${page.issue ? `?issue=${page.issue}` : ''}`} download>
              {t('selection:ranking.exportXlsx')}
            </a>
          </p>

          {page.rows.length === 0 ? (
            <p className="empty">{t('selection:ranking.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table id="leaderboard">
                <caption>
                  {t('selection:ranking.caption', {
                    from: page.offset + 1,
                    to: page.offset + page.rows.length,
                    total: page.total,
                  })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('selection:ranking.rank')}</th>
                    <th scope="col">{t('selection:ranking.receipt')}</th>
                    <th scope="col">{t('selection:ranking.venture')}</th>
                    <th scope="col">{t('selection:ranking.issue')}</th>
                    <th scope="col">{t('selection:ranking.reviews')}</th>
                    <th scope="col">{t('selection:ranking.mean')}</th>
                    <th scope="col">{t('selection:ranking.spread')}</th>
                    <th scope="col">{t('selection:ranking.normalised')}</th>
                    <th scope="col">{t('selection:ranking.flags')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((e) => (
                    <tr key={e.id} data-application={e.id}>
                      <td data-cell="rank">{e.rank}</td>
                      <td>{e.receipt}</td>
                      <td>{e.venture}</td>
                      <td>{lng === 'en' ? e.issue.en : e.issue.id}</td>
                      <td data-cell="reviews">{e.reviews}</td>
                      <td data-cell="mean">{fig(e.mean)}</td>
                      <td data-cell="spread">{fig(e.spread)}</td>
                      <td data-cell="normalised">{fig(e.normalised)}</td>
                      <td data-cell="flags">
                        {e.disagreement ? <span className="badge">{disagreement}</span> : null}
                        {e.disagreement && e.tie ? ' ' : null}
                        {e.tie ? <span className="badge">{tie}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            page={page.page}
            pageCount={page.pageCount}
            href={(n) => `?${pageQuery(page.issue, n)}`}
            label={t('selection:ranking.pages')}
          />
        </>
      )}
    </main>
  )
}

function pageQuery(issue: string | null, page: number) {
  const q = new URLSearchParams()
  if (issue) q.set('issue', issue)
  q.set('page', String(page))
  return q.toString()
}
