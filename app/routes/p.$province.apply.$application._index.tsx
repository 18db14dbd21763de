import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime, formatNumber } from '#app/i18n/format.ts'
import { canApply } from '#app/modules/applications/application-access.ts'
import { SECTIONS, sectionProgress } from '#app/modules/applications/application-sections.ts'
import { loadStatusPage } from '#app/modules/applications/submission.server.ts'
import { WITHDRAW_REASON_MAX } from '#app/modules/applications/submission-rules.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { loadOwnFinalNight } from '#app/modules/final-night/results.server.ts'
import { loadOwnOutcome } from '#app/modules/selection/outcome.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { CallClosedNotice } from '#app/ui/call-details.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { FinalistNightPanel } from '#app/ui/final-night.tsx'
import { OutcomePanel } from '#app/ui/outcome-panel.tsx'
import { ProgressBar } from '#app/ui/page-parts.tsx'

// Apply pages ship no React, only public enhancements (docs/decisions/005).
export const handle: RouteHandle = {
  hydrate: false,
  enhance: true,
  title: 'pages.application' as const,
  crumbs: [{ title: 'pages.applyHome', to: '/p/:province/apply' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const owner = { provinceId: province.id, userId: viewer.user.id }
  const page = await loadStatusPage(context.db, owner, idParam(params, 'application'), context.now())
  const { application: a } = page
  // Nothing of the selection shows before it is published (issue 7).
  const outcome = await loadOwnOutcome(context.db, owner, a.id)
  // A finalist on stage at the Final Night (issue 14): when and where, and the awards once published.
  const finalNight = outcome?.outcome === 'finalist' ? await loadOwnFinalNight(context.db, owner, a.id) : null
  const values: Record<string, string> = {}
  for (const section of SECTIONS) {
    for (const f of section.fields) {
      const v = a[f.name]
      values[f.name] = v === null ? '' : String(v)
    }
  }
  return {
    province,
    id: a.id,
    status: a.status,
    updatedAt: a.updated_at,
    issue: { id: a.issue_title_id, en: a.issue_title_en },
    values,
    indicators: page.indicators,
    sections: page.sections,
    editability: page.editability,
    closesAt: page.closesAt,
    helpdesk: page.helpdesk,
    receipt: a.receipt_number,
    timeline: page.timeline,
    withdrawable: page.withdrawable,
    saved: new URL(request.url).searchParams.has('saved'),
    withdrawn: new URL(request.url).searchParams.has('withdrawn'),
    outcome,
    finalNight,
  }
}

export default function ApplicationOverviewPage() {
  const {
    province,
    id,
    status,
    updatedAt,
    issue,
    values,
    indicators,
    sections,
    editability,
    closesAt,
    helpdesk,
    saved,
    receipt,
    timeline,
    withdrawable,
    withdrawn,
    outcome,
    finalNight,
  } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'apply', 'selection', 'mentoring', 'mou'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/apply`
  const when = (d: Date | string) => formatDateTime(new Date(d), lng, province.time_zone)
  const editable = editability === 'editable'
  const progress = sectionProgress(sections)
  return (
    <main id="main" className="page">
      <h1>{lng === 'en' ? issue.en : issue.id}</h1>
      <p className="muted">
        {t(`apply:status.${status}`)} · {t('apply:home.lastSaved', { date: when(updatedAt) })}
        {editable && closesAt ? ` · ${t('apply:home.openUntil', { date: when(closesAt) })}` : ''}
      </p>
      {saved ? <FormMessage kind="ok">{t('apply:form.saved')}</FormMessage> : null}
      {withdrawn ? <FormMessage kind="ok">{t('apply:withdraw.done')}</FormMessage> : null}
      {editable || status !== 'draft' ? null : editability === 'callClosed' ? (
        <CallClosedNotice closesAt={closesAt} timeZone={province.time_zone} helpdesk={helpdesk} />
      ) : (
        <FormMessage kind="error">{t(`apply:readOnly.${editability}`)}</FormMessage>
      )}
      {editable ? (
        <>
          <ProgressBar
            value={progress.complete}
            max={progress.total}
            label={t('apply:home.progress', { complete: progress.complete, total: progress.total })}
          />
          <p>
            {progress.resume ? (
              <Link to={`${base}/${id}/${progress.resume}`}>
                {t('apply:home.resume', { section: t(`apply:sections.${progress.resume}.title`) })}
              </Link>
            ) : (
              <Link to={`${base}/${id}/submit`}>{t('apply:submit.link')}</Link>
            )}
          </p>
          {progress.resume ? (
            <p>
              <Link to={`${base}/${id}/submit`}>{t('apply:submit.link')}</Link>
            </p>
          ) : null}
        </>
      ) : null}
      <p>
        <Link to={`${base}/profile`}>{t('apply:home.profile')}</Link>
      </p>
      <p>
        <Link to={`${base}/${id}/attachments`}>{t('apply:attachments.link')}</Link>
      </p>
      {outcome ? <OutcomePanel outcome={outcome} /> : null}
      {outcome?.outcome === 'finalist' ? (
        <p id="mentoring-link">
          <Link to={`/p/${province.slug}/apply/${id}/mentoring`}>{t('mentoring:own.link')}</Link>
        </p>
      ) : null}
      {outcome?.outcome === 'finalist' ? (
        <p id="mous-link">
          <Link to={`/p/${province.slug}/apply/${id}/mous`}>{t('mou:own.link')}</Link>
        </p>
      ) : null}
      {finalNight ? <FinalistNightPanel night={finalNight} matchmaking={`${base}/${id}/final-night`} /> : null}

      {status !== 'draft' ? (
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{t('apply:timeline.title')}</h2>
          {receipt ? (
            <p>
              <Link to={`${base}/${id}/receipt`}>{t('apply:timeline.receipt', { receipt })}</Link>
            </p>
          ) : null}
          <ol className="timeline">
            {timeline.map((step) =>
              step.kind === 'done' ? (
                <li key={`${step.status}-${String(step.at)}`}>
                  <strong>{t(`apply:timeline.steps.${step.status}` as 'apply:timeline.steps.submitted')}</strong> ·{' '}
                  {when(step.at)}
                  {step.note ? (
                    <p className="muted small pre-wrap">{t('apply:timeline.reason', { reason: step.note })}</p>
                  ) : null}
                </li>
              ) : (
                <li key={step.status} className="muted">
                  {t(`apply:timeline.steps.${step.status}`)} ({t('apply:timeline.upcoming')})
                </li>
              ),
            )}
          </ol>
          {withdrawable ? (
            <Form method="post" action={`${base}/${id}/withdraw`}>
              <h3>{t('apply:withdraw.title')}</h3>
              <p className="muted small">{t('apply:withdraw.intro')}</p>
              <input type="hidden" name="application" value={id} />
              <label htmlFor="withdraw-reason">{t('apply:withdraw.reason')}</label>
              <p id="withdraw-hint" className="muted small">
                {t('apply:withdraw.hint', { max: WITHDRAW_REASON_MAX })}
              </p>
              <textarea
                id="withdraw-reason"
                name="reason"
                rows={3}
                required
                maxLength={WITHDRAW_REASON_MAX}
                aria-describedby="withdraw-hint"
              />
              <p className="nav">
                <button type="submit" className="secondary">
                  {t('apply:withdraw.button')}
                </button>
              </p>
            </Form>
          ) : null}
        </section>
      ) : null}

      <ol className="sections">
        {sections.map((s) => {
          const def = SECTIONS.find((d) => d.key === s.key)
          return (
            <li key={s.key}>
              <h2>
                {t(`apply:sections.${s.key}.title`)}{' '}
                <span className="muted small">({t(`apply:state.${s.state}`)})</span>
              </h2>
              {s.key === 'issue' ? <p>{lng === 'en' ? issue.en : issue.id}</p> : null}
              {def?.fields.map((f) => (
                <div key={f.name}>
                  <h3 className="small">{t(`apply:fields.${f.name}.label`)}</h3>
                  <p className="pre-wrap">
                    {f.kind === 'count' && values[f.name]
                      ? formatNumber(Number(values[f.name]), lng)
                      : values[f.name] || '—'}
                  </p>
                </div>
              ))}
              {s.key === 'impact' && indicators.length > 0 ? (
                <ul>
                  {indicators.map((ind, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: indicators are shown in their stored order
                    <li key={`${i}-${ind.name}`}>
                      {`${ind.name}: ${ind.baseline} → ${ind.target} ${ind.unit}`.trim()}
                    </li>
                  ))}
                </ul>
              ) : null}
              {editable ? (
                <p>
                  <Link to={`${base}/${id}/${s.key}`}>{t('apply:overview.edit')}</Link>
                </p>
              ) : null}
            </li>
          )
        })}
      </ol>
    </main>
  )
}
