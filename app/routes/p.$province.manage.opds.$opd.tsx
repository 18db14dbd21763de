import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canManageOpds, canReadOpds } from '#app/modules/catalogue/access.ts'
import { opdSchema } from '#app/modules/catalogue/catalogue.schema.ts'
import { loadOpd, loadRegencyChoices, updateOpd } from '#app/modules/catalogue/opds.server.ts'
import { idParam, refusal } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { OpdForm } from '#app/ui/opd-form.tsx'

export const handle: RouteHandle = {
  title: 'pages.opd' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.opds', to: '/p/:province/manage/opds' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadOpds)
  const opd = await loadOpd(context.db, province.id, idParam(params, 'opd'))
  const regencies = await loadRegencyChoices(context.db, province.id)
  return { province, opd, regencies, mayManage: canManageOpds(viewer.ability, province) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageOpds)
  const opdId = idParam(params, 'opd')
  const actor = { provinceId: province.id, userId: viewer.user.id, ip: requestMeta(request, context).ip }
  const submission = parseWithZod(await request.formData(), { schema: opdSchema })
  if (submission.status !== 'success') {
    // A guessed id of another province is 404 even when the form is also wrong.
    await loadOpd(context.db, province.id, opdId)
    return data({ result: submission.reply() }, { status: 400 })
  }
  try {
    const renamed = await updateOpd(context.db, actor, opdId, submission.value)
    // The portal names each issue's owning OPD.
    if (renamed) context.invalidatePortal(province.slug)
  } catch (error) {
    const no = refusal(error)
    if (!no.field) throw no
    return data({ result: submission.reply({ fieldErrors: { [no.field]: [no.key] } }) }, { status: 400 })
  }
  return redirect(`/p/${province.slug}/manage/opds`)
}

export default function EditOpd() {
  const { province, opd, regencies, mayManage } = useLoaderData<typeof loader>()
  const regency = regencies.find((r) => r.code === opd.regency_code)
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'catalogue'])
  return (
    <main id="main" className="page narrow">
      <p>
        <Link to={`/p/${province.slug}/manage/opds`}>{t('catalogue:opds.back')}</Link>
      </p>
      <h1>
        {opd.name} ({opd.short_name})
      </h1>
      <p>{opd.active ? t('catalogue:opds.active') : t('catalogue:opds.inactive')}</p>
      {mayManage ? (
        <OpdForm
          lastResult={actionData?.result}
          submitLabel={t('catalogue:save')}
          regencies={regencies}
          defaultValue={{
            level: opd.level,
            regency_code: opd.regency_code ?? undefined,
            name: opd.name,
            short_name: opd.short_name,
            head_name: opd.head_name ?? '',
            contact_email: opd.contact_email ?? '',
            contact_phone: opd.contact_phone ?? '',
          }}
        />
      ) : (
        <dl>
          <dt>{t('catalogue:opds.level')}</dt>
          <dd>
            {opd.level === 'regency'
              ? t('catalogue:opds.atRegency', { name: regency?.name ?? '', code: opd.regency_code })
              : t('catalogue:opds.levels.province')}
          </dd>
          <dt>{t('catalogue:opds.head')}</dt>
          <dd>{opd.head_name ?? '—'}</dd>
          <dt>{t('catalogue:opds.email')}</dt>
          <dd>{opd.contact_email ?? '—'}</dd>
          <dt>{t('catalogue:opds.phone')}</dt>
          <dd>{opd.contact_phone ?? '—'}</dd>
        </dl>
      )}
    </main>
  )
}
