import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { canManageIssues, canReadProgramme } from '#app/modules/programme/access.ts'
import { issueCreateSchema } from '#app/modules/programme/programme.schema.ts'
import { createIssue, loadIssues } from '#app/modules/programme/programme.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, TextField } from '#app/ui/fields.tsx'
import { IssueFields } from '#app/ui/issue-fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.nationalIssues' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadProgramme)
  const url = new URL(request.url)
  return {
    issues: await loadIssues(context.db),
    deleted: url.searchParams.has('deleted'),
    mayManage: canManageIssues(viewer.ability),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canManageIssues)
  const submission = parseWithZod(await request.formData(), { schema: issueCreateSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    await createIssue(context.db, { userId: viewer.user.id, ip: requestMeta(request, context).ip }, submission.value)
  } catch (error) {
    const no = refusal(error)
    return data({ result: submission.reply(no.replyOptions()) }, { status: 400 })
  }
  context.invalidatePortal()
  return redirect(`/national/issues/${submission.value.code}?created=1`)
}

export default function NationalIssues() {
  const { issues, deleted, mayManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'national'])
  const [form, fields] = useForm({
    id: 'issue',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: issueCreateSchema }),
    shouldValidate: 'onBlur',
    defaultValue: { icon: 'circle' },
  })
  const en = i18n.language === 'en'
  return (
    <main id="main" className="page">
      <p>
        <Link to="/national">{t('national:back')}</Link>
      </p>
      <h1>{t('national:issues.title')}</h1>
      <p className="muted">{t('national:issues.intro')}</p>
      {deleted ? <FormMessage kind="ok">{t('national:issues.deleted')}</FormMessage> : null}
      {issues.length === 0 ? (
        <p className="empty">{t('national:issues.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('national:issues.name')}</th>
                <th scope="col">{t('national:issues.code')}</th>
                <th scope="col">{t('national:issues.icon')}</th>
                <th scope="col">{t('national:issues.used')}</th>
                <th scope="col">{t('national:issues.statusLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((issue) => (
                <tr key={issue.id}>
                  <td>
                    <Link to={issue.code}>{en ? issue.name_en : issue.name_id}</Link>
                  </td>
                  <td>
                    <code>{issue.code}</code>
                  </td>
                  <td>{issue.icon}</td>
                  <td>{t('national:issues.usedCount', { count: Number(issue.used) })}</td>
                  <td>{issue.retired_at ? t('national:issues.retired') : t('national:issues.inUseStatus')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayManage ? (
        <Form method="post" {...getFormProps(form)} className="box">
          <FormErrorSummary form={form} labels={{ code: t('national:issues.code') }} />
          <h2>{t('national:issues.newHeading')}</h2>
          <TextField
            field={fields.code}
            label={t('national:issues.code')}
            hint={t('national:issues.codeHint')}
            maxLength={41}
          />
          <IssueFields fields={fields} />
          <button type="submit">{t('national:issues.create')}</button>
        </Form>
      ) : null}
    </main>
  )
}
