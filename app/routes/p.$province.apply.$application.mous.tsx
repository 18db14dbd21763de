import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { loadOwnMous } from '#app/modules/cocreation/mou.server.ts'
import { canOpenOwnMous } from '#app/modules/cocreation/mou-access.ts'
import { type MouReply, mouPageContext, runOwnReport } from '#app/modules/cocreation/mou-page.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { MouDone, MouStatus, MouTextArea, ReplySummary } from '#app/ui/mou.tsx'
import { EmptyState, StatusBadge } from '#app/ui/page-parts.tsx'

// A finalist venture's own MoUs with government agencies (issue 15), from its finalist
// application: the agencies, the deliverables (overdue shown), the quarterly reports it
// has written and those it has to write. Another applicant's application, or one that is
// not a finalist, is 404.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.ownMous' as const,
  crumbs: [
    { title: 'pages.applyHome', to: '/p/:province/apply' },
    { title: 'pages.application', to: '/p/:province/apply/:application' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenOwnMous)
  const id = idParam(params, 'application')
  const own = await loadOwnMous(
    context.db,
    { provinceId: province.id, userId: viewer.user.id },
    id,
    context.now(),
    province.time_zone,
  )
  return { province: { slug: province.slug }, id, ...own }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenOwnMous)
  const c = mouPageContext(request, context, viewer, province)
  const outcome = await runOwnReport(c, idParam(params, 'application'), await request.formData())
  if ('redirect' in outcome) {
    context.kickMail?.()
    return redirect(outcome.redirect)
  }
  return data<MouReply>(outcome.reply, { status: outcome.status })
}

export default function OwnMous() {
  const { province, id, venture, mous } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as MouReply | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation(['common', 'mou'])
  const lng = i18n.language as Language
  const day = (d: string) => formatDate(d, lng)
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/apply/${id}`}>{t('mou:own.back')}</Link>
      </p>
      <h1>{t('mou:own.title')}</h1>
      <p className="muted">{venture}</p>
      <MouDone done={search.get('done')} />
      {mous.length === 0 ? <EmptyState>{t('mou:own.empty')}</EmptyState> : null}
      {mous.map((m) => (
        <section key={m.id} aria-labelledby={`mou-${m.id}`} className="box">
          <h2 id={`mou-${m.id}`}>{m.title}</h2>
          <p>
            <MouStatus status={m.status} /> {t('mou:detail.period', { from: day(m.starts_on), to: day(m.ends_on) })}
          </p>
          <p>{m.parties.map((p) => p.name).join(', ')}</p>
          {m.signed_file_id ? (
            <p>
              <a href={`/p/${province.slug}/apply/${id}/mous/${m.id}/document`}>
                {t('mou:detail.signedOn', { date: day(m.signed_on ?? m.starts_on) })}
              </a>
            </p>
          ) : null}
          <p className="pre-wrap">{m.scope}</p>

          <h3>{t('mou:deliverables.heading')}</h3>
          {m.deliverables.length === 0 ? (
            <p className="empty">{t('mou:deliverables.empty')}</p>
          ) : (
            <ul className="deliverables">
              {m.deliverables.map((d) => (
                <li key={d.id}>
                  {d.title} — {day(d.due_on)}{' '}
                  <StatusBadge>
                    {d.done_at
                      ? t('mou:deliverables.done')
                      : d.overdue
                        ? t('mou:deliverables.overdue')
                        : t('mou:deliverables.open')}
                  </StatusBadge>
                </li>
              ))}
            </ul>
          )}

          <h3>{t('mou:own.toWrite')}</h3>
          {m.toWrite.length === 0 ? <p className="muted">{t('mou:own.nothingToWrite')}</p> : null}
          {m.toWrite.map((q) => {
            const form = `report:${m.id}:${q.quarter}`
            const returned = m.reports.find((r) => r.quarter === q.quarter)
            return (
              <Form method="post" key={q.quarter} className="box">
                <h4>
                  {t('mou:reports.quarter', { quarter: q.quarter, from: day(q.period.from), to: day(q.period.to) })}
                </h4>
                {returned ? <p>{t('mou:own.returnedNote')}</p> : null}
                <ReplySummary reply={reply} form={form} labels={{ body: t('mou:own.body') }} />
                <input type="hidden" name="intent" value="report" />
                <input type="hidden" name="mou" value={m.id} />
                <input type="hidden" name="quarter" value={q.quarter} />
                <MouTextArea
                  form={form}
                  name="body"
                  label={t('mou:own.body')}
                  reply={reply}
                  initial={returned?.body ?? ''}
                  rows={5}
                  maxLength={4000}
                />
                <button type="submit">{t('mou:own.send')}</button>
              </Form>
            )
          })}

          <h3>{t('mou:own.yourReports')}</h3>
          {m.reports.length === 0 ? (
            <p className="muted">{t('mou:reports.empty')}</p>
          ) : (
            <ol className="rows">
              {m.reports.map((r) => (
                <li key={r.id}>
                  <strong>
                    {t('mou:reports.quarter', {
                      quarter: r.quarter,
                      from: day(r.period.from),
                      to: day(r.period.to),
                    })}
                  </strong>{' '}
                  <StatusBadge>{t(`mou:reports.status.${r.status}`)}</StatusBadge>
                  <p className="pre-wrap">{r.body}</p>
                  {r.review_comment ? <p>{t('mou:reports.comment', { comment: r.review_comment })}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </main>
  )
}
