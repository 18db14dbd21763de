import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { invalid, refusal, slugParam } from '#app/modules/errors/errors.ts'
import { canManageIssues, canReadProgramme } from '#app/modules/programme/access.ts'
import { issueEditSchema, issueStatusSchema } from '#app/modules/programme/programme.schema.ts'
import { changeIssueStatus, loadIssue, updateIssue } from '#app/modules/programme/programme.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'
import { IssueFields } from '#app/ui/issue-fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.nationalIssue' as const,
  crumbs: [
    { title: 'pages.national', to: '/national' },
    { title: 'pages.nationalIssues', to: '/national/issues' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadProgramme)
  const issue = await loadIssue(context.db, slugParam(params, 'issue'))
  return {
    issue: { ...issue, used: Number(issue.used) },
    created: new URL(request.url).searchParams.has('created'),
    mayManage: canManageIssues(viewer.ability),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canManageIssues)
  const code = slugParam(params, 'issue')
  const actor = { userId: viewer.user.id, ip: requestMeta(request, context).ip }
  const formData = await request.formData()
  if (formData.get('intent') !== 'save') {
    const status = parseWithZod(formData, { schema: issueStatusSchema })
    if (status.status !== 'success') throw invalid('errors.genericBody')
    const { intent } = status.value
    try {
      await changeIssueStatus(context.db, actor, code, intent, context.now())
    } catch (error) {
      const no = refusal(error)
      return data({ result: undefined, done: null, refused: no.key }, { status: 409 })
    }
    context.invalidatePortal()
    if (intent === 'delete') return redirect('/national/issues?deleted=1')
    const done =
      intent === 'retire' ? ('national:issues.retiredDone' as const) : ('national:issues.restoredDone' as const)
    return { result: undefined, done, refused: null }
  }
  const submission = parseWithZod(formData, { schema: issueEditSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply(), done: null, refused: null }, { status: 400 })
  }
  await updateIssue(context.db, actor, code, submission.value)
  context.invalidatePortal()
  return { result: submission.reply(), done: 'national:issues.saved' as const, refused: null }
}

export default function NationalIssue() {
  const { issue, created, mayManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'national'])
  const lng = i18n.language as Language
  const text = useErrorText()
  const [form, fields] = useForm({
    id: 'issue',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: issueEditSchema }),
    shouldValidate: 'onBlur',
    defaultValue: issue,
  })
  return (
    <main id="main" className="page narrow">
      <h1>{lng === 'en' ? issue.name_en : issue.name_id}</h1>
      <p className="muted">
        <code>{issue.code}</code> · {t('national:issues.usedCount', { count: issue.used })}
        {issue.retired_at
          ? ` · ${t('national:issues.retiredOn', { date: formatDateTime(new Date(issue.retired_at), lng, 'Asia/Jakarta') })}`
          : ''}
      </p>
      {created ? <FormMessage kind="ok">{t('national:issues.created')}</FormMessage> : null}
      {actionData?.done ? <FormMessage kind="ok">{text(actionData.done)}</FormMessage> : null}
      {actionData?.refused ? <FormMessage kind="error">{text(actionData.refused)}</FormMessage> : null}
      {mayManage ? (
        <>
          <Form method="post" {...getFormProps(form)} className="box">
            <FormErrorSummary form={form} />
            <h2>{t('national:issues.editHeading')}</h2>
            <input type="hidden" name="intent" value="save" />
            <IssueFields fields={fields} />
            <button type="submit">{t('national:save')}</button>
          </Form>
          <section className="box" aria-labelledby="lifecycle">
            <h2 id="lifecycle">{t('national:issues.lifecycleHeading')}</h2>
            <p>{t('national:issues.lifecycleHint')}</p>
            <Form method="post">
              {issue.retired_at ? (
                <button type="submit" name="intent" value="restore" className="secondary">
                  {t('national:issues.restore')}
                </button>
              ) : (
                <button type="submit" name="intent" value="retire" className="secondary">
                  {t('national:issues.retire')}
                </button>
              )}{' '}
              {issue.used === 0 ? (
                <button type="submit" name="intent" value="delete" className="secondary">
                  {t('national:issues.delete')}
                </button>
              ) : null}
            </Form>
          </section>
        </>
      ) : (
        <dl>
          <dt>{t('national:issues.descriptionId')}</dt>
          <dd>{issue.description_id || '—'}</dd>
          <dt>{t('national:issues.descriptionEn')}</dt>
          <dd>{issue.description_en || '—'}</dd>
          <dt>{t('national:issues.icon')}</dt>
          <dd>{issue.icon}</dd>
        </dl>
      )}
    </main>
  )
}
