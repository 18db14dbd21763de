import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { zoneAbbreviation } from '#app/modules/calls/zoned-time.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { canManageReview, canReadReview } from '#app/modules/review/manage-access.ts'
import { callField, callQuery } from '#app/modules/review/review-params.ts'
import { settingsSchema } from '#app/modules/review-settings/review-settings.schema.ts'
import { loadReviewOverview, saveReviewSettings } from '#app/modules/review-settings/review-settings.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ErrorSummary } from '#app/ui/error-summary.tsx'
import { FieldErrors, FormMessage, useErrorText } from '#app/ui/fields.tsx'
import { CallPicker, ReviewNav } from '#app/ui/review-nav.tsx'

export const handle: RouteHandle = {
  title: 'pages.reviewSettings' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

type Reply = { errors?: Record<string, string[] | null>; done?: boolean; values?: Record<string, string> }

/** What was typed, to show it again after a refusal (a page rendered without JavaScript starts afresh). */
const typed = (form: FormData) =>
  Object.fromEntries(
    ['review_closes_at', 'reviewers_per_application', 'blind_review', 'share_scores'].map((k) => [
      k,
      String(form.get(k) ?? ''),
    ]),
  )

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadReview)
  const url = new URL(request.url)
  const overview = await loadReviewOverview(context.db, province, {
    id: callQuery(url.searchParams),
    now: context.now(),
  })
  return {
    province,
    overview,
    zone: zoneAbbreviation(context.now(), province.time_zone),
    mayManage: canManageReview(viewer.ability, province),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageReview)
  const form = await request.formData()
  const callId = callField(form)
  const submission = parseWithZod(form, { schema: settingsSchema })
  if (submission.status !== 'success') {
    return data<Reply>({ errors: submission.reply().error ?? {}, values: typed(form) }, { status: 400 })
  }
  const meta = requestMeta(request, context)
  try {
    await saveReviewSettings(
      context.db,
      province,
      { userId: viewer.user.id, ip: meta.ip, now: meta.now, origin: meta.origin },
      callId,
      submission.value,
    )
  } catch (error) {
    const no = refusal(error)
    if (!no.field) throw no
    return data<Reply>({ errors: { [no.field]: [no.key] }, values: typed(form) }, { status: no.status })
  }
  return data<Reply>({ done: true })
}

export default function ReviewOverview() {
  const { province, overview, zone, mayManage } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const { t, i18n } = useTranslation(['common', 'screening'])
  const lng = i18n.language as Language
  const call = overview?.call
  const errors = (name: string) => reply?.errors?.[name] ?? undefined
  const text = useErrorText()
  const again = reply?.values
  const base = `/p/${province.slug}/manage`
  return (
    <main id="main" className="page">
      <ReviewNav slug={province.slug} />
      <h1>{t('screening:review.title')}</h1>
      {!overview || !call || !overview.progress || !overview.local ? (
        <p className="empty">{t('screening:noCall')}</p>
      ) : (
        <>
          <CallPicker calls={overview.calls} current={call.id} timeZone={province.time_zone} />
          <section aria-labelledby="progress" className="box">
            <h2 id="progress">{t('screening:review.progress.title')}</h2>
            <dl className="facts">
              <dt>{t('screening:review.progress.screened')}</dt>
              <dd>
                <Link to={`${base}/screening`}>
                  {t('screening:review.progress.screenedValue', {
                    screened: overview.progress.screened,
                    pending: overview.progress.pending,
                  })}
                </Link>
              </dd>
              <dt>{t('screening:review.progress.eligible')}</dt>
              <dd>{overview.progress.eligible}</dd>
              <dt>{t('screening:review.progress.assigned')}</dt>
              <dd>{overview.progress.assigned}</dd>
              <dt>{t('screening:review.progress.scored')}</dt>
              <dd>{overview.progress.scored}</dd>
              <dt>{t('screening:review.progress.uncovered')}</dt>
              <dd>
                <Link to={`${base}/review/assignments`}>{overview.progress.uncovered}</Link>
              </dd>
              <dt>{t('screening:review.progress.started')}</dt>
              <dd>
                {call.review_started_at
                  ? formatDateTime(new Date(call.review_started_at), lng, province.time_zone)
                  : t('screening:review.progress.notStarted')}
              </dd>
            </dl>
          </section>
          {reply?.done ? <FormMessage kind="ok">{t('screening:done.settingsSaved')}</FormMessage> : null}
          {mayManage ? (
            <Form method="post" className="box" aria-labelledby="settings">
              <h2 id="settings">{t('screening:review.settings.title')}</h2>
              <ErrorSummary
                items={(
                  [
                    ['review_closes_at', t('screening:review.settings.deadline', { zone })],
                    ['reviewers_per_application', t('screening:review.settings.perApplication')],
                  ] as const
                ).flatMap(([name, label]) =>
                  errors(name)?.length
                    ? [{ fieldId: name, text: `${label}: ${(errors(name) ?? []).map(text).join(' ')}` }]
                    : [],
                )}
              />
              <input type="hidden" name="call" value={call.id} />
              <div className="field">
                <label htmlFor="review_closes_at">{t('screening:review.settings.deadline', { zone })}</label>
                <p className="hint" id="review_closes_at-hint">
                  {t('screening:review.settings.deadlineHint', {
                    closes: formatDateTime(new Date(call.closes_at), lng, province.time_zone),
                  })}
                </p>
                <input
                  id="review_closes_at"
                  name="review_closes_at"
                  type="datetime-local"
                  defaultValue={again ? again.review_closes_at : overview.local.review_closes_at}
                  aria-describedby="review_closes_at-hint"
                />
                <FieldErrors id="review_closes_at-error" errors={errors('review_closes_at')} />
              </div>
              <div className="field">
                <label htmlFor="reviewers_per_application">{t('screening:review.settings.perApplication')}</label>
                <input
                  id="reviewers_per_application"
                  name="reviewers_per_application"
                  type="number"
                  min={1}
                  max={10}
                  required
                  defaultValue={again ? again.reviewers_per_application : call.reviewers_per_application}
                />
                <FieldErrors id="reviewers_per_application-error" errors={errors('reviewers_per_application')} />
              </div>
              <div className="field">
                <label>
                  <input
                    type="checkbox"
                    name="blind_review"
                    defaultChecked={again ? again.blind_review === 'on' : call.blind_review}
                  />{' '}
                  {t('screening:review.settings.blind')}
                </label>
                <p className="hint">{t('screening:review.settings.blindHint')}</p>
              </div>
              <div className="field">
                <label>
                  <input
                    type="checkbox"
                    name="share_scores"
                    defaultChecked={again ? again.share_scores === 'on' : call.share_scores}
                  />{' '}
                  {t('screening:review.settings.share')}
                </label>
                <p className="hint">{t('screening:review.settings.shareHint')}</p>
              </div>
              <button type="submit">{t('screening:review.settings.submit')}</button>
            </Form>
          ) : (
            <section className="box" aria-labelledby="settings">
              <h2 id="settings">{t('screening:review.settings.title')}</h2>
              <dl className="facts">
                <dt>{t('screening:review.settings.deadline', { zone })}</dt>
                <dd>
                  {call.review_closes_at
                    ? formatDateTime(new Date(call.review_closes_at), lng, province.time_zone)
                    : t('screening:review.settings.noDeadline')}
                </dd>
                <dt>{t('screening:review.settings.perApplication')}</dt>
                <dd>{call.reviewers_per_application}</dd>
                <dt>{t('screening:review.settings.blind')}</dt>
                <dd>{call.blind_review ? t('screening:yes') : t('screening:no')}</dd>
                <dt>{t('screening:review.settings.share')}</dt>
                <dd>{call.share_scores ? t('screening:yes') : t('screening:no')}</dd>
              </dl>
            </section>
          )}
        </>
      )}
    </main>
  )
}
