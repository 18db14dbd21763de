import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage } from '#app/i18n/detect.ts'
import { loadMemberships } from '#app/modules/auth/accounts.server.ts'
import { acceptInvitationSchema } from '#app/modules/auth/auth.schema.ts'
import { startSession } from '#app/modules/auth/sessions.server.ts'
import { getViewer, landingPath, requestMeta } from '#app/modules/auth/viewer.server.ts'
import { forbidden, notFound } from '#app/modules/errors/errors.ts'
import { acceptMentorInvitation, findMentorInvitation } from '#app/modules/mentoring/invitations.server.ts'
import { findActiveProvinceBySlug } from '#app/modules/tenancy/province.queries.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage, TextField } from '#app/ui/fields.tsx'

export const handle: RouteHandle = { title: 'pages.mentorInvite' }

// A mentor's invitation link (issue 14), on the pattern of the province invitation page:
// a new address creates its account here, an existing one signs in first.

async function load({ request, context, params }: LoaderFunctionArgs) {
  const province = await findActiveProvinceBySlug(context.db, params.province ?? '')
  if (!province) throw notFound()
  const token = params.token ?? ''
  const invitation =
    token.length <= 200 ? await findMentorInvitation(context.db, province.id, token, context.now()) : null
  const viewer = await getViewer(request, context)
  return { province, token, invitation, viewer }
}

export async function loader(args: LoaderFunctionArgs) {
  const { province, invitation, viewer } = await load(args)
  const state = !invitation
    ? 'invalid'
    : invitation.existingUserId === null
      ? 'new'
      : viewer?.user.id === invitation.existingUserId
        ? 'accept'
        : viewer
          ? 'otherAccount'
          : 'signIn'
  return data(
    {
      province: { slug: province.slug, name: province.name },
      invitation: invitation ? { name: invitation.name, email: invitation.email, kind: invitation.kind } : null,
      current: viewer?.user.email ?? null,
      state,
    } as const,
    { status: invitation ? 200 : 400 },
  )
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args
  const { province, token, invitation, viewer } = await load(args)
  if (!invitation) return data({ result: undefined, invalid: true }, { status: 400 })
  const meta = requestMeta(request, context)
  let userId: string | null
  if (invitation.existingUserId) {
    if (viewer?.user.id !== invitation.existingUserId) throw forbidden()
    userId = await acceptMentorInvitation(context.db, province.id, token, { userId: viewer.user.id }, meta)
  } else {
    const submission = parseWithZod(await request.formData(), {
      schema: acceptInvitationSchema.required({ name: true, password: true }),
    })
    if (submission.status !== 'success') {
      return data({ result: submission.reply({ hideFields: ['password'] }), invalid: false }, { status: 400 })
    }
    const { language } = detectLanguage(new URL(request.url), {
      cookie: request.headers.get('Cookie'),
      acceptLanguage: request.headers.get('Accept-Language'),
    })
    userId = await acceptMentorInvitation(
      context.db,
      province.id,
      token,
      { name: submission.value.name, password: submission.value.password, locale: language },
      meta,
    )
  }
  if (!userId) return data({ result: undefined, invalid: true }, { status: 400 })
  const cookie = await startSession(context.db, context.secureCookies ?? false, userId, context.now())
  return redirect(landingPath(await loadMemberships(context.db, userId)), { headers: { 'Set-Cookie': cookie } })
}

export default function AcceptMentorInvitation() {
  const { province, invitation, current, state } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { pathname } = useLocation()
  const { t } = useTranslation(['common', 'auth', 'mentoring'])
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { name: invitation?.name ?? '' },
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: acceptInvitationSchema.required({ name: true, password: true }) }),
    shouldValidate: 'onBlur',
  })
  if (!invitation || actionData?.invalid) {
    return (
      <main id="main" className="page narrow">
        <h1>{t('auth:invite.title')}</h1>
        <FormMessage kind="error">{t('auth:errors.invalidLink')}</FormMessage>
      </main>
    )
  }
  return (
    <main id="main" className="page narrow">
      <h1>{t('auth:invite.title')}</h1>
      <p>
        {t('mentoring:invite.body', {
          name: invitation.name,
          kind: t(`mentoring:kinds.${invitation.kind}`),
          province: province.name,
        })}
      </p>
      {state === 'new' ? (
        <Form method="post" {...getFormProps(form)}>
          <p>{t('auth:invite.createAccount', { email: invitation.email })}</p>
          <TextField field={fields.name} label={t('auth:fields.name')} autoComplete="name" maxLength={120} />
          <TextField
            field={fields.password}
            label={t('auth:fields.password')}
            type="password"
            hint={t('auth:fields.passwordHint')}
            autoComplete="new-password"
            maxLength={128}
          />
          <button type="submit">{t('auth:invite.accept')}</button>
        </Form>
      ) : null}
      {state === 'accept' ? (
        <Form method="post">
          <button type="submit">{t('auth:invite.accept')}</button>
        </Form>
      ) : null}
      {state === 'signIn' ? (
        <p>
          {t('auth:invite.signInFirst', { email: invitation.email })}{' '}
          <Link to={`/login?redirectTo=${encodeURIComponent(pathname)}`}>{t('auth:nav.signIn')}</Link>
        </p>
      ) : null}
      {state === 'otherAccount' ? (
        <FormMessage kind="error">
          {t('auth:invite.otherAccount', { email: invitation.email, current: current ?? '' })}
        </FormMessage>
      ) : null}
    </main>
  )
}
