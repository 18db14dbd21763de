import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { detectLanguage } from '#app/i18n/detect.ts'
import { notFound } from '#app/modules/errors/errors.ts'
import { listActiveProvinces } from '#app/modules/tenancy/province.queries.server.ts'
import { registerApplicant } from './accounts.server.ts'
import { registerSchema } from './auth.schema.ts'
import { getViewer, landingPath, requestMeta } from './viewer.server.ts'

// Loader and action shared by /register and /p/:province/register.

export async function registerLoader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context)
  if (viewer) throw redirect(landingPath(viewer.memberships))
  const provinces = (await listActiveProvinces(context.db, null)).map((p) => ({ slug: p.slug, name: p.name }))
  const fixed = params.province ? provinces.find((p) => p.slug === params.province) : undefined
  if (params.province && !fixed) throw notFound('province')
  return { provinces, fixed: fixed ?? null }
}

export async function registerAction({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: registerSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }), done: null }, { status: 400 })
  }
  const { province: slug, ...input } = submission.value
  const province = (await listActiveProvinces(context.db, null)).find((p) => p.slug === slug)
  if (!province) {
    return data(
      {
        result: submission.reply({ fieldErrors: { province: ['auth:errors.province'] }, hideFields: ['password'] }),
        done: null,
      },
      { status: 400 },
    )
  }
  const { language } = detectLanguage(new URL(request.url), {
    cookie: request.headers.get('Cookie'),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
  await registerApplicant(
    context.db,
    { ...input, phone: input.phone ?? null, locale: language, provinceId: province.id },
    requestMeta(request, context),
  )
  context.kickMail?.()
  // The same answer whether or not the address already had an account.
  return data({ result: submission.reply({ resetForm: true }), done: { email: input.email } })
}
