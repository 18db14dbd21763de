import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { found, idParam, refusal } from '#app/modules/errors/errors.ts'
import { canReadApplications } from '#app/modules/intake/access.ts'
import { canScreen } from '#app/modules/review/manage-access.ts'
import { screeningListBack } from '#app/modules/review/review-params.ts'
import { decisionSchema } from '#app/modules/screening/screening.schema.ts'
import { decideScreening, loadScreening } from '#app/modules/screening/screening.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { firstErrors } from '#app/modules/validation/form-errors.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'
import { ReviewNav } from '#app/ui/review-nav.tsx'
import { type DecisionErrors, ScreeningForm } from '#app/ui/screening-form.tsx'

export const handle: RouteHandle = {
  title: 'pages.screeningDecision' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.screening', to: '/p/:province/manage/screening' },
  ],
}

type Reply = { errors?: DecisionErrors; refused?: string; values?: Record<string, string>; back?: string }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadApplications)
  const screening = found(await loadScreening(context.db, province.id, idParam(params, 'application')))
  const url = new URL(request.url)
  return {
    province,
    screening,
    screened: url.searchParams.has('screened'),
    // Opened from the list (its links carry the list's call, filter and page): a decision
    // returns there, and "back to the list" keeps them.
    listBack: ['call', 'filter', 'page'].some((k) => url.searchParams.has(k))
      ? screeningListBack(`/p/${province.slug}/manage/screening${url.search}`, province.slug)
      : null,
    mayScreen: canScreen(viewer.ability, province),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canScreen)
  const applicationId = idParam(params, 'application')
  const form = await request.formData()
  const back = backOf(form.get('back'), province.slug)
  const values = {
    decision: String(form.get('decision') ?? ''),
    reason: String(form.get('reason') ?? ''),
    note: String(form.get('note') ?? ''),
  }
  const submission = parseWithZod(form, { schema: decisionSchema })
  if (submission.status !== 'success') {
    const errors: DecisionErrors = firstErrors(submission.error)
    // An unknown id answers 404 before a form error would reveal anything.
    await loadScreening(context.db, province.id, applicationId).then((screening) => found(screening))
    return data<Reply>({ errors, values, back }, { status: 400 })
  }
  const meta = requestMeta(request, context)
  try {
    await decideScreening(
      context.db,
      province,
      { userId: viewer.user.id, ip: meta.ip, now: meta.now, origin: meta.origin },
      applicationId,
      submission.value,
    )
  } catch (error) {
    const no = refusal(error)
    if (no.field) {
      return data<Reply>({ errors: { [no.field]: no.key }, values, back }, { status: no.status })
    }
    return data<Reply>({ refused: no.key, values, back }, { status: no.status })
  }
  context.kickMail?.()
  context.kickMessages?.()
  const base = `/p/${province.slug}/manage`
  if (back === 'detail') return redirect(`${base}/applications/${applicationId}?screened=1`)
  if (back === 'page') return redirect(`${base}/screening/${applicationId}?screened=1`)
  return redirect(back)
}

/**
 * Where the form came from: the application's detail page, this decision page, or the
 * screening list with its filter and page (a checked relative path, see screeningListBack).
 * Anything else returns to this page.
 */
function backOf(value: FormDataEntryValue | null, slug: string): string {
  if (value === 'detail' || value === 'page') return value
  if (value === 'list') return `/p/${slug}/manage/screening?screened=1`
  return screeningListBack(value, slug) ?? 'page'
}

export default function ScreeningDecision() {
  const { province, screening: s, screened, mayScreen, listBack } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const { t, i18n } = useTranslation(['screening', 'apply'])
  const text = useErrorText()
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/manage`
  // A refused decision sent from the list keeps the way back to that list's filter and page.
  const back = reply?.back ?? listBack ?? 'page'
  const listLink = back.startsWith('/') ? back.replace(/[?&]screened=1$/, '') : `${base}/screening`
  return (
    <main id="main" className="page">
      <ReviewNav slug={province.slug} />
      <p>
        <Link to={listLink}>{t('screening:decision.backToList')}</Link>
      </p>
      <h1>{t('screening:decision.title', { venture: s.venture_name })}</h1>
      {screened ? <FormMessage kind="ok">{t('screening:done.screened')}</FormMessage> : null}
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}
      <dl className="facts">
        <dt>{t('screening:decision.receipt')}</dt>
        <dd>{s.receipt_number}</dd>
        <dt>{t('screening:decision.issue')}</dt>
        <dd>{lng === 'en' ? s.issue_title_en : s.issue_title_id}</dd>
        <dt>{t('screening:decision.applicant')}</dt>
        <dd>{s.applicant_name}</dd>
        <dt>{t('screening:decision.status')}</dt>
        <dd>{t(`apply:status.${s.status}`)}</dd>
        {s.screened_at ? (
          <>
            <dt>{t('screening:decision.screenedAt')}</dt>
            <dd>{formatDateTime(new Date(s.screened_at), lng, province.time_zone)}</dd>
          </>
        ) : null}
        {s.screening_reason ? (
          <>
            <dt>{t('screening:decision.reasonLabel')}</dt>
            <dd>{t(`screening:reason.${s.screening_reason}`)}</dd>
          </>
        ) : null}
        {s.screening_note ? (
          <>
            <dt>{t('screening:decision.note')}</dt>
            <dd className="prose">{s.screening_note}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <Link to={`${base}/applications/${s.id}`}>{t('screening:list.details')}</Link>
      </p>
      {mayScreen && s.decidable && (s.status === 'submitted' || s.reversible) ? (
        <>
          {s.status !== 'submitted' ? <p className="hint">{t('screening:decision.reversalHint')}</p> : null}
          <ScreeningForm
            slug={province.slug}
            applicationId={s.id}
            back={back}
            errors={reply?.errors}
            values={reply?.values}
          />
        </>
      ) : s.status !== 'submitted' && mayScreen ? (
        <p className="muted">{t('screening:decision.final')}</p>
      ) : null}
    </main>
  )
}
