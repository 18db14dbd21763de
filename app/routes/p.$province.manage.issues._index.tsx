import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canManageIssues, canReadIssues } from '#app/modules/catalogue/access.ts'
import { issueCreateSchema } from '#app/modules/catalogue/catalogue.schema.ts'
import { createIssue, loadIssuesPage } from '#app/modules/catalogue/issues.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { SelectField } from '#app/ui/catalogue-fields.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, TextField, useErrorText } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.issues' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadIssues)
  const edition = (await findCurrentEdition(context.db)) ?? null
  const page = await loadIssuesPage(context.db, province.id, edition?.id ?? null)
  return { province, edition, ...page, mayManage: canManageIssues(viewer.ability, province) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageIssues)
  const actor = { provinceId: province.id, userId: viewer.user.id, ip: requestMeta(request, context).ip }
  const submission = parseWithZod(await request.formData(), { schema: issueCreateSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), refused: null }, { status: 400 })
  const edition = await findCurrentEdition(context.db)
  if (!edition) return data({ result: submission.reply(), refused: 'catalogue:noEdition' }, { status: 409 })
  try {
    const id = await createIssue(context.db, actor, edition.id, submission.value)
    return redirect(`/p/${province.slug}/manage/issues/${id}`)
  } catch (error) {
    const no = refusal(error)
    if (!no.field) throw no
    return data({ result: submission.reply({ fieldErrors: { [no.field]: [no.key] } }), refused: null }, { status: 400 })
  }
}

export default function ProvinceIssues() {
  const { province, edition, issues, nationalIssues, opds, mayManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'catalogue'])
  const lng = i18n.language as Language
  const text = useErrorText()
  const [form, fields] = useForm({
    id: 'new-issue',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: issueCreateSchema }),
    shouldValidate: 'onBlur',
  })
  const base = `/p/${province.slug}/manage`
  return (
    <main id="main" className="page">
      <h1>{t('catalogue:issues.title', { name: province.name })}</h1>
      <p className="muted">
        {edition ? t('catalogue:issues.intro', { edition: edition.name }) : t('catalogue:noEdition')}
      </p>
      {actionData?.refused ? <FormMessage kind="error">{text(actionData.refused)}</FormMessage> : null}
      {issues.length === 0 ? (
        <p className="empty">{t('catalogue:issues.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('catalogue:issues.priority')}</th>
                <th scope="col">{t('catalogue:issues.issue')}</th>
                <th scope="col">{t('catalogue:issues.national')}</th>
                <th scope="col">{t('catalogue:issues.lead')}</th>
                <th scope="col">{t('catalogue:issues.status')}</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((i) => (
                <tr key={i.id}>
                  <td>{i.priority}</td>
                  <td>
                    <Link to={`${base}/issues/${i.id}`}>{lng === 'en' ? i.title_en : i.title_id}</Link>
                  </td>
                  <td>{lng === 'en' ? i.national_name_en : i.national_name_id}</td>
                  <td>{i.lead_short_name}</td>
                  <td>{t(`catalogue:status.${i.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayManage && edition ? (
        nationalIssues.length === 0 || opds.length === 0 ? (
          <p className="empty">
            {nationalIssues.length === 0 ? t('catalogue:issues.allChosen') : t('catalogue:issues.needOpds')}
          </p>
        ) : (
          <Form method="post" {...getFormProps(form)} className="box">
            <FormErrorSummary
              form={form}
              labels={{
                national_issue: t('catalogue:issues.national'),
                title_id: t('catalogue:issues.titleId'),
                title_en: t('catalogue:issues.titleEn'),
                lead_opd: t('catalogue:issues.lead'),
              }}
            />
            <h2>{t('catalogue:issues.newHeading')}</h2>
            <SelectField
              field={fields.national_issue}
              label={t('catalogue:issues.national')}
              placeholder={t('catalogue:issues.chooseNational')}
              options={nationalIssues.map((n) => ({ value: n.id, label: lng === 'en' ? n.name_en : n.name_id }))}
            />
            <TextField field={fields.title_id} label={t('catalogue:issues.titleId')} maxLength={200} />
            <TextField field={fields.title_en} label={t('catalogue:issues.titleEn')} maxLength={200} />
            <SelectField
              field={fields.lead_opd}
              label={t('catalogue:issues.lead')}
              placeholder={t('catalogue:issues.chooseOpd')}
              options={opds.map((o) => ({ value: o.id, label: `${o.short_name} — ${o.name}` }))}
            />
            <button type="submit">{t('catalogue:issues.create')}</button>
          </Form>
        )
      ) : null}
    </main>
  )
}
