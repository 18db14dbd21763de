import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { invalid, refusal, slugParam } from '#app/modules/errors/errors.ts'
import { canManageProvinces, canReadProgramme } from '#app/modules/programme/access.ts'
import {
  provinceEditFormSchema,
  provinceEditSchema,
  provinceStatusSchema,
} from '#app/modules/programme/programme.schema.ts'
import {
  checkLogo,
  LOGO_MAX_BYTES,
  LOGO_REFUSAL,
  loadProvince,
  removeLogo,
  replaceLogo,
  setProvinceActive,
  updateProvince,
} from '#app/modules/programme/provinces.server.ts'
import { readUploadForm } from '#app/modules/storage/upload.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'
import { ProvinceFields } from '#app/ui/province-fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.province' as const,
  crumbs: [
    { title: 'pages.national', to: '/national' },
    { title: 'pages.provinces', to: '/national/provinces' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadProgramme)
  const province = await loadProvince(context.db, slugParam(params, 'province'))
  const url = new URL(request.url)
  return {
    province: {
      ...province,
      contact_name: province.contact_name ?? '',
      contact_email: province.contact_email ?? '',
      contact_phone: province.contact_phone ?? '',
    },
    onboarded: url.searchParams.get('onboarded')?.slice(0, 254) ?? null,
    mayManage: canManageProvinces(viewer.ability),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canManageProvinces)
  const slug = slugParam(params, 'province')
  const actor = { userId: viewer.user.id, ip: requestMeta(request, context).ip }
  const upload = await readUploadForm(request, LOGO_MAX_BYTES)
  const intent = upload.fields.get('intent')
  if (intent !== 'save') {
    const status = parseWithZod(upload.fields, { schema: provinceStatusSchema })
    if (status.status !== 'success') throw invalid('errors.genericBody')
    const { intent } = status.value
    const province = await loadProvince(context.db, slug)
    if (intent === 'removeLogo') await removeLogo(context.db, actor, province.id)
    else await setProvinceActive(context.db, actor, slug, intent === 'reactivate')
    context.invalidatePortal()
    const done = {
      removeLogo: 'national:provinces.logoRemoved' as const,
      deactivate: 'national:provinces.deactivated' as const,
      reactivate: 'national:provinces.reactivated' as const,
    }[intent]
    return { result: undefined, done }
  }
  const submission = parseWithZod(upload.fields, { schema: provinceEditSchema })
  if (submission.status !== 'success' || upload.tooLarge) {
    const fieldErrors: Record<string, string[]> = upload.tooLarge ? { logo: [LOGO_REFUSAL.keys.tooLarge] } : {}
    return data({ result: submission.reply({ fieldErrors }), done: null }, { status: 400 })
  }
  const province = await loadProvince(context.db, slug)
  const logo = upload.files.get('logo')
  try {
    // A wrong logo refuses the whole form before anything changes.
    if (logo) checkLogo(actor, logo)
    await updateProvince(context.db, actor, slug, submission.value)
    if (logo) await replaceLogo(context.db, actor, province.id, logo)
  } catch (error) {
    const no = refusal(error)
    return data({ result: submission.reply(no.replyOptions()), done: null }, { status: 400 })
  }
  context.invalidatePortal()
  return { result: submission.reply(), done: 'national:provinces.saved' as const }
}

export default function ProvincePage() {
  const { province, onboarded, mayManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'national'])
  const text = useErrorText()
  const [form, fields] = useForm<z.input<typeof provinceEditFormSchema>>({
    id: 'province',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: provinceEditFormSchema }),
    shouldValidate: 'onBlur',
    defaultValue: province,
  })
  return (
    <main id="main" className="page narrow">
      <h1>{province.name}</h1>
      <p className="muted">
        {province.slug} · {t('national:provinces.bpsCode')} {province.bps_code} ·{' '}
        {province.active ? t('national:provinces.active') : t('national:provinces.inactive')}
      </p>
      {onboarded ? (
        <FormMessage kind="ok">{t('national:provinces.onboarded', { email: onboarded })}</FormMessage>
      ) : null}
      {actionData?.done ? <FormMessage kind="ok">{text(actionData.done)}</FormMessage> : null}
      {province.active ? (
        <p>
          <Link to={`/p/${province.slug}`}>{t('national:provinces.portalLink')}</Link>
          {' · '}
          <Link to={`/p/${province.slug}/manage`}>{t('national:provinces.manageLink')}</Link>
        </p>
      ) : null}
      {province.logo_file_id && province.active ? (
        <img
          src={`/p/${province.slug}/logo`}
          alt={t('national:provinces.logoAlt', { name: province.name })}
          height={64}
        />
      ) : null}
      {mayManage ? (
        <>
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="box">
            <FormErrorSummary form={form} />
            <h2>{t('national:provinces.editHeading')}</h2>
            <input type="hidden" name="intent" value="save" />
            <ProvinceFields fields={fields} />
            <button type="submit">{t('national:save')}</button>
          </Form>
          {province.logo_file_id ? (
            <Form method="post">
              <button type="submit" name="intent" value="removeLogo" className="secondary">
                {t('national:provinces.removeLogo')}
              </button>
            </Form>
          ) : null}
          <section className="box" aria-labelledby="status">
            <h2 id="status">{t('national:provinces.statusHeading')}</h2>
            <p>{province.active ? t('national:provinces.deactivateHint') : t('national:provinces.reactivateHint')}</p>
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value={province.active ? 'deactivate' : 'reactivate'}
                className="secondary"
              >
                {province.active ? t('national:provinces.deactivate') : t('national:provinces.reactivate')}
              </button>
            </Form>
          </section>
        </>
      ) : (
        <dl>
          <dt>{t('national:provinces.timeZone')}</dt>
          <dd>{t(`national:provinces.zones.${province.time_zone as 'Asia/Jakarta'}`)}</dd>
          <dt>{t('national:provinces.contact')}</dt>
          <dd>
            {[province.contact_name, province.contact_email, province.contact_phone].filter(Boolean).join(' · ') || '—'}
          </dd>
        </dl>
      )}
    </main>
  )
}
