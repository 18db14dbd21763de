import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canInviteProvinceAdmins } from '#app/modules/auth/access.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { canManageProvinces, canReadProgramme } from '#app/modules/programme/access.ts'
import { provinceOnboardFormSchema, provinceOnboardSchema } from '#app/modules/programme/programme.schema.ts'
import {
  LOGO_MAX_BYTES,
  LOGO_REFUSAL,
  loadProvinces,
  onboardProvince,
} from '#app/modules/programme/provinces.server.ts'
import { readUploadForm } from '#app/modules/storage/upload.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { TextField } from '#app/ui/fields.tsx'
import { ProvinceFields } from '#app/ui/province-fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.provinces' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

// Onboarding creates the tenant and invites its first Bappeda admin in one go.
const mayOnboard = (ability: Parameters<typeof canManageProvinces>[0]) =>
  canManageProvinces(ability) && canInviteProvinceAdmins(ability)

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadProgramme)
  return { provinces: await loadProvinces(context.db), mayManage: mayOnboard(viewer.ability) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, mayOnboard)
  const upload = await readUploadForm(request, LOGO_MAX_BYTES)
  const submission = parseWithZod(upload.fields, { schema: provinceOnboardSchema })
  // The file cannot be sent back: say what was wrong with it, keep every typed field.
  if (submission.status !== 'success' || upload.tooLarge) {
    const fieldErrors: Record<string, string[]> = upload.tooLarge ? { logo: [LOGO_REFUSAL.keys.tooLarge] } : {}
    return data({ result: submission.reply({ fieldErrors }) }, { status: 400 })
  }
  const meta = requestMeta(request, context)
  try {
    await onboardProvince(
      context.db,
      { userId: viewer.user.id, ip: meta.ip, name: viewer.user.name, locale: viewer.user.locale },
      submission.value,
      upload.files.get('logo'),
      meta,
    )
  } catch (error) {
    const no = refusal(error)
    return data({ result: submission.reply(no.replyOptions()) }, { status: 400 })
  }
  context.kickMail?.()
  context.invalidatePortal()
  return redirect(
    `/national/provinces/${submission.value.slug}?onboarded=${encodeURIComponent(submission.value.admin_email)}`,
  )
}

export default function Provinces() {
  const { provinces, mayManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'national'])
  const [form, fields] = useForm({
    id: 'onboard',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: provinceOnboardFormSchema }),
    shouldValidate: 'onBlur',
    defaultValue: { time_zone: 'Asia/Jakarta' },
  })
  return (
    <main id="main" className="page">
      <p>
        <Link to="/national">{t('national:back')}</Link>
      </p>
      <h1>{t('national:provinces.title')}</h1>
      <p className="muted">{t('national:provinces.intro')}</p>
      {provinces.length === 0 ? (
        <p className="empty">{t('national:provinces.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('national:provinces.name')}</th>
                <th scope="col">{t('national:provinces.bpsCode')}</th>
                <th scope="col">{t('national:provinces.timeZone')}</th>
                <th scope="col">{t('national:provinces.contact')}</th>
                <th scope="col">{t('national:provinces.admins')}</th>
                <th scope="col">{t('national:provinces.statusLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {provinces.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={p.slug}>{p.name}</Link> <span className="muted">({p.slug})</span>
                  </td>
                  <td>{p.bps_code}</td>
                  <td>{t(`national:provinces.zones.${p.time_zone as 'Asia/Jakarta'}`)}</td>
                  <td>{p.contact_name ?? '—'}</td>
                  <td>{p.admins}</td>
                  <td>{p.active ? t('national:provinces.active') : t('national:provinces.inactive')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayManage ? (
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="box">
          <FormErrorSummary
            form={form}
            labels={{
              slug: t('national:provinces.slug'),
              admin_name: t('national:provinces.adminName'),
              admin_email: t('national:provinces.adminEmail'),
            }}
          />
          <h2>{t('national:provinces.onboardHeading')}</h2>
          <p className="hint">{t('national:provinces.onboardHint')}</p>
          <TextField
            field={fields.slug}
            label={t('national:provinces.slug')}
            hint={t('national:provinces.slugHint')}
            maxLength={31}
          />
          <ProvinceFields fields={fields} />
          <fieldset>
            <legend>{t('national:provinces.adminLegend')}</legend>
            <TextField field={fields.admin_name} label={t('national:provinces.adminName')} maxLength={120} />
            <TextField
              field={fields.admin_email}
              label={t('national:provinces.adminEmail')}
              type="email"
              maxLength={254}
            />
          </fieldset>
          <button type="submit">{t('national:provinces.onboard')}</button>
        </Form>
      ) : null}
    </main>
  )
}
