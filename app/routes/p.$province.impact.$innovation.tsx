import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatNumber } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam, notFound } from '#app/modules/errors/errors.ts'
import { canConfirmMeasurement, canMeasure, canOpenImpact, canReadImpact } from '#app/modules/impact/access.ts'
import { loadImpact } from '#app/modules/impact/impact.server.ts'
import { type Reply, runImpactIntent } from '#app/modules/impact/impact-page.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { IndicatorPanel } from '#app/ui/impact.tsx'
import { EmptyState, StatusBadge } from '#app/ui/page-parts.tsx'
import { ReplyErrors } from '#app/ui/replication.tsx'

// An innovation's impact (issue 15): each indicator of its finalist application
// (baseline → target) and of its province issue (baseline), with progress against the
// baseline and a chart of the confirmed measurements. The venture enters measurements;
// Bappeda confirms or returns them. Another applicant's innovation is 404.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.innovationImpact' as const,
  crumbs: [{ title: 'pages.impact', to: '/p/:province/impact' }],
}

async function guard(request: Request, context: LoaderFunctionArgs['context'], params: LoaderFunctionArgs['params']) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenImpact)
  const impact = await loadImpact(context.db, province.id, idParam(params, 'innovation'))
  const key = { province_id: province.id, applicant_id: impact.innovation.applicant_id }
  // An applicant's view of another venture's innovation: it does not exist for them.
  if (!canReadImpact(viewer.ability, key)) throw notFound('innovation')
  return { viewer, province, impact, key }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province, impact, key } = await guard(request, context, params)
  return {
    province: { slug: province.slug },
    ...impact,
    canMeasure: canMeasure(viewer.ability, key),
    canConfirm: canConfirmMeasurement(viewer.ability, key),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province, impact, key } = await guard(request, context, params)
  const meta = requestMeta(request, context)
  const outcome = await runImpactIntent(
    {
      db: context.db,
      ability: viewer.ability,
      actor: { provinceId: province.id, userId: viewer.user.id, ip: meta.ip },
      province: { id: province.id, slug: province.slug, time_zone: province.time_zone },
      innovation: { ...key, id: impact.innovation.id },
      now: meta.now,
      origin: context.origin,
    },
    await request.formData(),
  )
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<Reply>(outcome.reply, { status: outcome.status })
}

const DONE = ['measured', 'confirmed', 'returned'] as const

export default function InnovationImpact() {
  const { province, innovation, indicators, pending, canMeasure, canConfirm } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation(['common', 'impact'])
  const lng = i18n.language as Language
  const done = DONE.find((d) => d === search.get('done'))
  const v = reply?.form === 'measure' ? (reply.values ?? {}) : {}
  const labels = {
    indicator: t('impact:measure.indicator'),
    value: t('impact:measure.value'),
    measuredOn: t('impact:measure.measuredOn'),
    source: t('impact:measure.source'),
    note: t('impact:measure.note'),
    reason: t('impact:decide.reason'),
  }
  const err = (name: string) => (reply?.form === 'measure' ? reply.errors?.[name] : undefined)
  const groups = [
    { kind: 'application' as const, heading: t('impact:page.fromApplication') },
    { kind: 'issue' as const, heading: t('impact:page.fromIssue') },
  ]
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/impact`}>{t('impact:page.back')}</Link>
      </p>
      <h1>{innovation.title}</h1>
      <p className="muted">
        {t('impact:page.venture', { name: innovation.venture_name })} ·{' '}
        {t('impact:page.issue', { title: lng === 'en' ? innovation.issue_title_en : innovation.issue_title_id })} ·{' '}
        {t('impact:page.startedOn', { date: formatDate(innovation.started_on, lng) })}
      </p>
      {done ? <FormMessage kind="ok">{t(`impact:done.${done}`)}</FormMessage> : null}
      {pending > 0 ? <p>{t('impact:page.pendingNote', { count: pending })}</p> : null}

      {indicators.length === 0 ? <EmptyState>{t('impact:page.noIndicators')}</EmptyState> : null}
      {groups.map((g) => {
        const list = indicators.filter((i) => i.kind === g.kind)
        if (list.length === 0) return null
        return (
          <section key={g.kind} aria-labelledby={`group-${g.kind}`}>
            <h2 id={`group-${g.kind}`}>{g.heading}</h2>
            {list.map((i) => (
              <div key={i.key}>
                <IndicatorPanel indicator={i} />
                {i.measurements.length > 0 ? (
                  <div className="table-wrap">
                    <table id={`measurements-${i.key.replace(':', '-')}`}>
                      <caption>{t('impact:indicator.measurements')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('impact:indicator.when')}</th>
                          <th scope="col">{t('impact:indicator.value')}</th>
                          <th scope="col">{t('impact:indicator.source')}</th>
                          <th scope="col">{t('impact:indicator.status')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {i.measurements.map((m) => (
                          <tr key={m.id}>
                            <th scope="row">{formatDate(m.measured_on, lng)}</th>
                            <td>{formatNumber(Number(m.value), lng, { maximumFractionDigits: 6 })}</td>
                            <td>
                              {m.source}
                              {m.note ? <p className="muted pre-wrap">{m.note}</p> : null}
                              <p className="muted">
                                {t('impact:indicator.enteredBy')}: {m.entered_by_name}
                              </p>
                            </td>
                            <td>
                              <StatusBadge>{t(`impact:statuses.${m.status}`)}</StatusBadge>
                              {m.return_reason ? (
                                <p className="muted">{t('impact:indicator.reason', { reason: m.return_reason })}</p>
                              ) : null}
                              {canConfirm && m.status === 'entered' ? (
                                <>
                                  <ReplyErrors
                                    reply={reply}
                                    form={`decide:${m.id}`}
                                    labels={labels}
                                    title={t('impact:errors.summary')}
                                  />
                                  <Form method="post">
                                    <input type="hidden" name="measurement" value={m.id} />
                                    <button type="submit" name="intent" value="confirm" className="secondary">
                                      {t('impact:decide.confirm')}
                                    </button>
                                  </Form>
                                  <Form method="post">
                                    <input type="hidden" name="measurement" value={m.id} />
                                    <label htmlFor={`decide:${m.id}-reason`}>{t('impact:decide.reason')}</label>
                                    <input id={`decide:${m.id}-reason`} name="reason" maxLength={1000} />
                                    <button type="submit" name="intent" value="return" className="secondary">
                                      {t('impact:decide.return')}
                                    </button>
                                  </Form>
                                </>
                              ) : null}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : null}
              </div>
            ))}
          </section>
        )
      })}

      {canMeasure && indicators.length > 0 ? (
        <Form method="post" className="box" aria-labelledby="measure-heading" id="measure">
          <h2 id="measure-heading">{t('impact:measure.heading')}</h2>
          <ReplyErrors reply={reply} form="measure" labels={labels} title={t('impact:errors.summary')} />
          <input type="hidden" name="intent" value="measure" />
          <MeasureField id="measure-indicator" label={labels.indicator} errors={err('indicator')}>
            <select id="measure-indicator" name="indicator" defaultValue={v.indicator ?? indicators[0]?.key}>
              {indicators.map((i) => (
                <option key={i.key} value={i.key}>
                  {lng === 'en' ? i.name.en : i.name.id}
                  {i.unit ? ` (${i.unit})` : ''}
                </option>
              ))}
            </select>
          </MeasureField>
          <MeasureField
            id="measure-value"
            label={labels.value}
            hint={t('impact:measure.valueHint')}
            errors={err('value')}
          >
            <input id="measure-value" name="value" inputMode="decimal" defaultValue={v.value ?? ''} required />
          </MeasureField>
          <MeasureField id="measure-measuredOn" label={labels.measuredOn} errors={err('measuredOn')}>
            <input id="measure-measuredOn" name="measuredOn" type="date" defaultValue={v.measuredOn ?? ''} required />
          </MeasureField>
          <MeasureField
            id="measure-source"
            label={labels.source}
            hint={t('impact:measure.sourceHint')}
            errors={err('source')}
          >
            <input id="measure-source" name="source" maxLength={200} defaultValue={v.source ?? ''} required />
          </MeasureField>
          <MeasureField id="measure-note" label={labels.note} errors={err('note')}>
            <textarea id="measure-note" name="note" rows={3} maxLength={1000} defaultValue={v.note ?? ''} />
          </MeasureField>
          <button type="submit">{t('impact:measure.submit')}</button>
        </Form>
      ) : null}
    </main>
  )
}

function MeasureField({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string
  label: string
  hint?: string
  errors: (string[] | null) | undefined
  children: ReactNode
}) {
  const { t } = useTranslation(['common', 'impact'])
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {errors.map((k) => t(k as 'impact:errors.required')).join(' ')}
        </p>
      ) : null}
    </div>
  )
}
