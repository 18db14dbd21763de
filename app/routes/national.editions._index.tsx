import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { canManageEditions, canReadProgramme } from '#app/modules/programme/access.ts'
import { editionCreateSchema } from '#app/modules/programme/programme.schema.ts'
import { createEdition, loadEditions } from '#app/modules/programme/programme.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { EditionFields, useEditionLabels } from '#app/ui/edition-fields.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { TextField } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.editions' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadProgramme)
  return { editions: await loadEditions(context.db), mayManage: canManageEditions(viewer.ability) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canManageEditions)
  const submission = parseWithZod(await request.formData(), { schema: editionCreateSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    await createEdition(context.db, { userId: viewer.user.id, ip: requestMeta(request, context).ip }, submission.value)
  } catch (error) {
    const no = refusal(error)
    return data({ result: submission.reply(no.replyOptions()) }, { status: 400 })
  }
  context.invalidatePortal()
  return redirect(`/national/editions/${submission.value.slug}?created=1`)
}

export default function Editions() {
  const { editions, mayManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'national'])
  const editionLabels = useEditionLabels()
  const lng = i18n.language as Language
  const [form, fields] = useForm({
    id: 'edition',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editionCreateSchema }),
    shouldValidate: 'onBlur',
    defaultValue: { status: 'planned' },
  })
  return (
    <main id="main" className="page">
      <p>
        <Link to="/national">{t('national:back')}</Link>
      </p>
      <h1>{t('national:editions.title')}</h1>
      <p className="muted">{t('national:editions.intro')}</p>
      {editions.length === 0 ? (
        <p className="empty">{t('national:editions.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('national:editions.name')}</th>
                <th scope="col">{t('national:editions.period')}</th>
                <th scope="col">{t('national:editions.legalBasis')}</th>
                <th scope="col">{t('national:editions.statusLabel')}</th>
                <th scope="col">{t('national:editions.phasesCount')}</th>
              </tr>
            </thead>
            <tbody>
              {editions.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={e.slug}>{e.name}</Link> <span className="muted">({e.slug})</span>
                  </td>
                  <td>
                    {formatDate(e.starts_on, lng)} – {formatDate(e.ends_on, lng)}
                  </td>
                  <td>{e.legal_basis ?? '—'}</td>
                  <td>{t(`national:editions.status.${e.status}`)}</td>
                  <td>{t('national:editions.phasesProvinces', { phases: e.phases, provinces: e.provinces })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayManage ? (
        <Form method="post" {...getFormProps(form)} className="box">
          <FormErrorSummary
            form={form}
            labels={{
              slug: t('national:editions.slug'),
              ...editionLabels,
            }}
          />
          <h2>{t('national:editions.newHeading')}</h2>
          <TextField
            field={fields.slug}
            label={t('national:editions.slug')}
            hint={t('national:editions.slugHint')}
            maxLength={31}
          />
          <EditionFields fields={fields} />
          <button type="submit">{t('national:editions.create')}</button>
        </Form>
      ) : null}
    </main>
  )
}
