import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canManageRegencies, canReadRegencies } from '#app/modules/cocreation/access.ts'
import { regencySchema } from '#app/modules/cocreation/cocreation.schema.ts'
import { loadRegencyPage } from '#app/modules/cocreation/regencies.server.ts'
import { regencyAction } from '#app/modules/cocreation/regency-page.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ErrorSummary, FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, TextField } from '#app/ui/fields.tsx'
import { EmptyState, Pager } from '#app/ui/page-parts.tsx'

export const handle: RouteHandle = {
  title: 'pages.regencies' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadRegencies)
  const requested = parsePage(new URL(request.url).searchParams)
  const list = await loadRegencyPage(context.db, province.id, requested)
  return { province, ...list, mayManage: canManageRegencies(viewer.ability, province) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageRegencies)
  return regencyAction(request, context, province, viewer)
}

export default function Regencies() {
  const { province, regencies, total, page, pageCount, mayManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'cocreation', 'catalogue'])
  const [form, fields] = useForm({
    id: 'regency',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: regencySchema }),
    shouldValidate: 'onBlur',
  })
  const base = `/p/${province.slug}/manage`
  // Each problem of an import names its line; all link to the file field (the file is chosen again).
  const importErrors = [
    ...(actionData?.importError
      ? [{ fieldId: 'regency-file', text: t(actionData.importError as 'cocreation:regencies.import.missing') }]
      : []),
    ...(actionData?.problems ?? []).map((p) => ({
      fieldId: 'regency-file',
      text: t(p.key as 'cocreation:regencies.errors.code', p.values),
    })),
  ]
  return (
    <main id="main" className="page">
      <p>
        <Link to={base}>{t('catalogue:backToManage')}</Link>
      </p>
      <h1>{t('cocreation:regencies.title', { name: province.name })}</h1>
      <p className="muted">{t('cocreation:regencies.intro', { code: province.bps_code })}</p>
      {actionData?.done ? (
        <FormMessage kind="ok">
          {t(actionData.done as 'cocreation:regencies.added', {
            added: actionData.count?.added ?? 0,
            unchanged: actionData.count?.unchanged ?? 0,
          })}
        </FormMessage>
      ) : null}
      {total === 0 ? (
        <EmptyState>{mayManage ? t('cocreation:regencies.emptyManage') : t('cocreation:regencies.empty')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t('cocreation:regencies.caption', { count: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cocreation:regencies.code')}</th>
                <th scope="col">{t('cocreation:regencies.name')}</th>
                <th scope="col">{t('cocreation:regencies.kind')}</th>
                <th scope="col">{t('cocreation:regencies.agencies')}</th>
              </tr>
            </thead>
            <tbody>
              {regencies.map((r) => (
                <tr key={r.code}>
                  <td>{r.code}</td>
                  <td>{r.name}</td>
                  <td>{t(`catalogue:opds.kinds.${r.kind}`)}</td>
                  <td>{r.agencies}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `?page=${p}`} />
      {mayManage ? (
        <>
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="box">
            <FormErrorSummary
              form={form}
              labels={{ code: t('cocreation:regencies.code'), name: t('cocreation:regencies.name') }}
            />
            <h2>{t('cocreation:regencies.addHeading')}</h2>
            <input type="hidden" name="intent" value="add" />
            <TextField
              field={fields.code}
              label={t('cocreation:regencies.code')}
              hint={t('cocreation:regencies.codeHint', { code: province.bps_code })}
              maxLength={4}
            />
            <TextField
              field={fields.name}
              label={t('cocreation:regencies.name')}
              hint={t('cocreation:regencies.nameHint')}
              maxLength={120}
            />
            <button type="submit">{t('cocreation:regencies.add')}</button>
          </Form>
          <Form method="post" encType="multipart/form-data" className="box">
            <ErrorSummary title={t('cocreation:regencies.import.refused')} items={importErrors} />
            <h2>{t('cocreation:regencies.import.heading')}</h2>
            <p className="muted">{t('cocreation:regencies.import.help', { code: province.bps_code })}</p>
            <pre>{`code,name\n${province.bps_code}01,…\n${province.bps_code}71,…`}</pre>
            <input type="hidden" name="intent" value="import" />
            <div className="field">
              <label htmlFor="regency-file">{t('cocreation:regencies.import.file')}</label>
              <input id="regency-file" name="file" type="file" accept=".csv,text/csv" />
            </div>
            <button type="submit" className="secondary">
              {t('cocreation:regencies.import.submit')}
            </button>
          </Form>
        </>
      ) : null}
    </main>
  )
}
