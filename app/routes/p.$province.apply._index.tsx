import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { startSchema } from '#app/modules/applications/application.schema.ts'
import { loadApplyHome, startApplication } from '#app/modules/applications/application.server.ts'
import { canApply } from '#app/modules/applications/application-access.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { HelpdeskContacts, hasHelpdesk } from '#app/ui/call-details.tsx'
import { SelectField } from '#app/ui/catalogue-fields.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'
import { EmptyState, ProgressBar, StatusBadge } from '#app/ui/page-parts.tsx'

type Reply = { result?: SubmissionResult<string[]>; refused?: string }

// Apply pages ship no React, only public enhancements (docs/decisions/005).
export const handle: RouteHandle = { hydrate: false, enhance: true, title: 'pages.applyHome' as const }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const home = await loadApplyHome(context.db, { provinceId: province.id, userId: viewer.user.id }, context.now())
  return { province, ...home }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const submission = parseWithZod(await request.formData(), { schema: startSchema })
  if (submission.status !== 'success') return data<Reply>({ result: submission.reply() }, { status: 400 })
  const actor = { provinceId: province.id, userId: viewer.user.id, ip: requestMeta(request, context).ip }
  try {
    const id = await startApplication(context.db, actor, submission.value.issue_id, context.now())
    return redirect(`/p/${province.slug}/apply/${id}/problem`)
  } catch (error) {
    const no = refusal(error)
    return data<Reply>({ refused: no.key }, { status: 409 })
  }
}

export default function ApplyHomePage() {
  const { province, applications, status, block, issues, maxApplications, closesAt, helpdesk } =
    useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const { t, i18n } = useTranslation(['common', 'apply', 'impact'])
  const lng = i18n.language as Language
  const text = useErrorText()
  const base = `/p/${province.slug}/apply`
  const when = (d: Date | string) => formatDateTime(new Date(d), lng, province.time_zone)
  return (
    <main id="main" className="page">
      <h1>{t('apply:home.title', { province: province.name })}</h1>
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}

      <p>
        <Link to={`${base}/profile`}>{t('apply:home.profile')}</Link>
        {' · '}
        <Link to={`/p/${province.slug}/impact`}>{t('impact:applicantLink')}</Link>
      </p>
      <section aria-labelledby="mine">
        <h2 id="mine">{t('apply:home.mine')}</h2>
        {applications.length === 0 ? (
          <EmptyState action={block === null ? t('apply:home.noneAction') : null}>{t('apply:home.none')}</EmptyState>
        ) : (
          <ul className="rows">
            {applications.map((a) => (
              <li key={a.id}>
                <div>
                  <Link to={`${base}/${a.id}`}>{lng === 'en' ? a.title_en : a.title_id}</Link>{' '}
                  <StatusBadge>{t(`apply:status.${a.status}`)}</StatusBadge>
                  <p className="muted small">{t('apply:home.lastSaved', { date: when(a.updated_at) })}</p>
                  <NextStep
                    application={a}
                    base={`${base}/${a.id}`}
                    open={status.kind === 'open'}
                    closesAt={closesAt ? when(closesAt) : null}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="start-heading" className="box">
        <h2 id="start-heading">{t('apply:home.startHeading')}</h2>
        {status.kind === 'open' ? (
          <p className="muted">{t('apply:home.openUntil', { date: when(status.closesAt) })}</p>
        ) : null}
        {block === null ? (
          <StartForm issues={issues} lastResult={reply?.result} lng={lng} />
        ) : block === 'noProfile' ? (
          <p>
            {t('apply:home.block.noProfile')} <Link to={`${base}/profile`}>{t('apply:home.toProfile')}</Link>
          </p>
        ) : block === 'upcoming' && status.kind === 'upcoming' ? (
          <p>{t('apply:home.block.upcoming', { date: when(status.opensAt) })}</p>
        ) : block === 'limit' ? (
          <p>{t('apply:home.block.limitCount', { count: maxApplications })}</p>
        ) : (
          <p>{t(`apply:home.block.${block}`)}</p>
        )}
      </section>

      {helpdesk && hasHelpdesk(helpdesk) ? (
        <section aria-labelledby="helpdesk-heading">
          <h2 id="helpdesk-heading">{t('apply:home.helpdesk')}</h2>
          <HelpdeskContacts helpdesk={helpdesk} />
        </section>
      ) : null}
    </main>
  )
}

type HomeApplication = ReturnType<typeof useLoaderData<typeof loader>>['applications'][number]

/** What to do next with one application: continue a draft, submit it, or follow its outcome. */
function NextStep({
  application: a,
  base,
  open,
  closesAt,
}: {
  application: HomeApplication
  base: string
  open: boolean
  closesAt: string | null
}) {
  const { t } = useTranslation(['common', 'apply'])
  if (a.status === 'draft' && a.progress) {
    const { complete, total, resume } = a.progress
    if (!open) return <p>{t('apply:home.next.draftClosed')}</p>
    return (
      <>
        <ProgressBar value={complete} max={total} label={t('apply:home.progress', { complete, total })} />
        {resume ? (
          <p>
            <Link to={`${base}/${resume}`}>
              {t('apply:home.resume', { section: t(`apply:sections.${resume}.title`) })}
            </Link>
          </p>
        ) : (
          <p>
            <Link to={`${base}/submit`}>{t('apply:home.readyToSubmit', { date: closesAt ?? '' })}</Link>
          </p>
        )}
      </>
    )
  }
  const step =
    a.status === 'submitted' || a.status === 'eligible' || a.status === 'in_review' || a.status === 'shortlisted'
      ? t(`apply:home.next.${a.status}`)
      : null
  return (
    <p>
      {step ? `${step} ` : null}
      <Link to={base}>{t('apply:home.next.outcome')}</Link>
    </p>
  )
}

function StartForm({
  issues,
  lastResult,
  lng,
}: {
  issues: { id: string; title_id: string; title_en: string }[]
  lastResult: SubmissionResult<string[]> | undefined
  lng: Language
}) {
  const { t } = useTranslation(['common', 'apply'])
  const [form, fields] = useForm({
    id: 'start',
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: startSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrorSummary form={form} labels={{ issue_id: t('apply:form.issue') }} />
      <SelectField
        field={fields.issue_id}
        label={t('apply:form.issue')}
        placeholder={t('apply:form.chooseIssue')}
        options={issues.map((i) => ({ value: i.id, label: lng === 'en' ? i.title_en : i.title_id }))}
      />
      <button type="submit">{t('apply:home.start')}</button>
    </Form>
  )
}
