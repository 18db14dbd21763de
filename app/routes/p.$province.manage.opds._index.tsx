import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canManageOpds, canReadOpds } from '#app/modules/catalogue/access.ts'
import { opdRowSchema, opdSchema } from '#app/modules/catalogue/catalogue.schema.ts'
import { createOpd, deleteOpd, loadOpds, loadRegencyChoices, setOpdActive } from '#app/modules/catalogue/opds.server.ts'
import { invalid, refusal } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'
import { OpdForm } from '#app/ui/opd-form.tsx'

export const handle: RouteHandle = {
  title: 'pages.opds' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadOpds)
  return {
    province,
    opds: await loadOpds(context.db, province.id),
    regencies: await loadRegencyChoices(context.db, province.id),
    mayManage: canManageOpds(viewer.ability, province),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageOpds)
  const actor = { provinceId: province.id, userId: viewer.user.id, ip: requestMeta(request, context).ip }
  const formData = await request.formData()
  if (formData.get('intent') !== 'create') {
    const row = parseWithZod(formData, { schema: opdRowSchema })
    if (row.status !== 'success') throw invalid('errors.genericBody')
    const { intent, opd } = row.value
    try {
      if (intent === 'delete') await deleteOpd(context.db, actor, opd)
      else await setOpdActive(context.db, actor, opd, intent === 'reactivate')
    } catch (error) {
      const no = refusal(error)
      return data({ result: undefined, done: null, refused: no.key }, { status: 409 })
    }
    return { result: undefined, done: `catalogue:opds.done.${intent}`, refused: null }
  }
  const submission = parseWithZod(formData, { schema: opdSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), done: null, refused: null }, { status: 400 })
  try {
    await createOpd(context.db, actor, submission.value)
  } catch (error) {
    const no = refusal(error)
    if (!no.field) throw no
    return data(
      { result: submission.reply({ fieldErrors: { [no.field]: [no.key] } }), done: null, refused: null },
      { status: 400 },
    )
  }
  return { result: submission.reply({ resetForm: true }), done: 'catalogue:opds.done.create', refused: null }
}

export default function OpdDirectory() {
  const { province, opds, regencies, mayManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'catalogue'])
  const text = useErrorText()
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/manage`}>{t('catalogue:backToManage')}</Link>
      </p>
      <h1>{t('catalogue:opds.title', { name: province.name })}</h1>
      <p className="muted">{t('catalogue:opds.intro')}</p>
      {actionData?.done ? <FormMessage kind="ok">{text(actionData.done)}</FormMessage> : null}
      {actionData?.refused ? <FormMessage kind="error">{text(actionData.refused)}</FormMessage> : null}
      {opds.length === 0 ? (
        <p className="empty">{t('catalogue:opds.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('catalogue:opds.shortName')}</th>
                <th scope="col">{t('catalogue:opds.name')}</th>
                <th scope="col">{t('catalogue:opds.level')}</th>
                <th scope="col">{t('catalogue:opds.head')}</th>
                <th scope="col">{t('catalogue:opds.contact')}</th>
                <th scope="col">{t('catalogue:opds.status')}</th>
                {mayManage ? <th scope="col">{t('catalogue:actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {opds.map((o) => (
                <tr key={o.id}>
                  <td>
                    <strong>{o.short_name}</strong>
                  </td>
                  <td>{o.name}</td>
                  <td>
                    {o.level === 'regency'
                      ? t('catalogue:opds.atRegency', { name: o.regency_name ?? '', code: o.regency_code })
                      : t('catalogue:opds.levels.province')}
                  </td>
                  <td>{o.head_name ?? '—'}</td>
                  <td>{[o.contact_email, o.contact_phone].filter(Boolean).join(' · ') || '—'}</td>
                  <td>
                    {o.active ? t('catalogue:opds.active') : t('catalogue:opds.inactive')}
                    {o.leads > 0 ? (
                      <span className="muted small"> · {t('catalogue:opds.leads', { count: o.leads })}</span>
                    ) : null}
                  </td>
                  {mayManage ? (
                    <td>
                      <Link to={`/p/${province.slug}/manage/opds/${o.id}`}>{t('catalogue:edit')}</Link>{' '}
                      <Form method="post" className="inline">
                        <input type="hidden" name="opd" value={o.id} />
                        <button
                          type="submit"
                          name="intent"
                          value={o.active ? 'deactivate' : 'reactivate'}
                          className="secondary"
                        >
                          {o.active ? t('catalogue:opds.deactivate') : t('catalogue:opds.reactivate')}
                        </button>
                      </Form>{' '}
                      {o.leads === 0 && o.reviewers === 0 ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="opd" value={o.id} />
                          <button type="submit" name="intent" value="delete" className="secondary">
                            {t('catalogue:delete')}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayManage ? <OpdForm lastResult={actionData?.result} regencies={regencies} /> : null}
    </main>
  )
}
