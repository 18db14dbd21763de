import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { languageCookie } from '#app/i18n/detect.ts'
import { changePassword, loadAccount, updateProfile } from '#app/modules/auth/accounts.server.ts'
import { passwordChangeSchema, profileSchema } from '#app/modules/auth/auth.schema.ts'
import { startSession } from '#app/modules/auth/sessions.server.ts'
import { requestMeta, requireViewer } from '#app/modules/auth/viewer.server.ts'
import { isPhoneIntent, phoneChannelIntent } from '#app/modules/messaging/account-phone.server.ts'
import { loadPhoneChannel } from '#app/modules/messaging/phone-channel.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FieldFrame, FormMessage, TextField } from '#app/ui/fields.tsx'
import { PhoneChannelSection } from '#app/ui/phone-channel.tsx'

export const handle: RouteHandle = { title: 'pages.account' as const }

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context)
  const user = await loadAccount(context.db, viewer.user.id)
  const phoneChannel = await loadPhoneChannel(context.db, viewer.user.id, context.now())
  return {
    user,
    memberships: viewer.memberships,
    changed: new URL(request.url).searchParams.has('changed'),
    phoneChannel,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context)
  const formData = await request.formData()
  const meta = requestMeta(request, context)
  if (isPhoneIntent(formData.get('intent'))) {
    const reply = await phoneChannelIntent(context.db, viewer.user.id, formData, meta)
    if (reply.notice === 'messaging:account.codeSent') context.kickMessages?.()
    return data(reply, { status: reply.status })
  }
  if (formData.get('intent') === 'password') {
    const submission = parseWithZod(formData, { schema: passwordChangeSchema })
    const hide = { hideFields: ['currentPassword', 'newPassword'] }
    if (submission.status !== 'success')
      return data({ intent: 'password', result: submission.reply(hide), saved: false }, { status: 400 })
    const ok = await changePassword(
      context.db,
      viewer.user.id,
      submission.value.currentPassword,
      submission.value.newPassword,
      meta,
    )
    if (!ok) {
      return data(
        {
          intent: 'password',
          result: submission.reply({ ...hide, fieldErrors: { currentPassword: ['auth:errors.wrongCurrentPassword'] } }),
          saved: false,
        },
        { status: 400 },
      )
    }
    // Every session ended with the change; this browser continues in a new one.
    const cookie = await startSession(context.db, context.secureCookies ?? false, viewer.user.id, context.now())
    return redirect('/account?changed=1', { headers: { 'Set-Cookie': cookie } })
  }
  const submission = parseWithZod(formData, { schema: profileSchema })
  if (submission.status !== 'success')
    return data({ intent: 'profile', result: submission.reply(), saved: false }, { status: 400 })
  const { name, phone, locale } = submission.value
  await updateProfile(context.db, viewer.user.id, { name, phone: phone ?? null, locale }, meta)
  return data(
    { intent: 'profile', result: submission.reply(), saved: true },
    { headers: { 'Set-Cookie': languageCookie(locale, context.secureCookies ?? false) } },
  )
}

export default function Account() {
  const { user, memberships, changed, phoneChannel } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'auth', 'privacy'])
  const [profileForm, profile] = useForm({
    id: 'profile',
    lastResult: actionData?.intent === 'profile' ? actionData.result : undefined,
    defaultValue: { name: user.name, phone: user.phone ?? '', locale: user.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
    shouldValidate: 'onBlur',
  })
  const [passwordForm, password] = useForm({
    id: 'password',
    lastResult: actionData?.intent === 'password' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordChangeSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <main id="main" className="page narrow">
      <h1>{t('auth:account.title')}</h1>
      <p className="muted">{user.email}</p>

      <section aria-labelledby="roles">
        <h2 id="roles">{t('auth:account.roles')}</h2>
        {memberships.length === 0 ? (
          <p>{t('auth:account.noRoles')}</p>
        ) : (
          <ul>
            {memberships.map((m) => (
              <li key={m.id}>
                {t('auth:account.roleIn', {
                  role: t(`auth:roles.${m.role}`),
                  province: m.provinceName ?? t('auth:account.national'),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('auth:account.profile')}</h2>
        {actionData?.intent === 'profile' && actionData.saved ? (
          <FormMessage kind="ok">{t('auth:account.saved')}</FormMessage>
        ) : null}
        <Form method="post" {...getFormProps(profileForm)}>
          <FormErrorSummary
            form={profileForm}
            labels={{ name: t('auth:fields.name'), phone: t('auth:fields.phone'), locale: t('auth:fields.language') }}
          />
          <input type="hidden" name="intent" value="profile" />
          <TextField field={profile.name} label={t('auth:fields.name')} autoComplete="name" maxLength={120} />
          <TextField
            field={profile.phone}
            label={t('auth:fields.phone')}
            type="tel"
            autoComplete="tel"
            maxLength={20}
          />
          <FieldFrame field={profile.locale} label={t('auth:fields.language')}>
            <select {...getSelectProps(profile.locale)} key={profile.locale.key}>
              <option value="id">{t('auth:fields.languageId')}</option>
              <option value="en">{t('auth:fields.languageEn')}</option>
            </select>
          </FieldFrame>
          <button type="submit">{t('auth:account.save')}</button>
        </Form>
      </section>

      <PhoneChannelSection channel={phoneChannel} reply={actionData && 'notice' in actionData ? actionData : null} />
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('privacy:account.title')}</h2>
        <p>{t('privacy:account.intro')}</p>
        <ul>
          <li>
            <a href="/account/data">{t('privacy:account.downloadHtml')}</a>
          </li>
          <li>
            <a href="/account/data.json" download>
              {t('privacy:account.downloadJson')}
            </a>
          </li>
          <li>
            <a href="/account/privacy">{t('privacy:account.manage')}</a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t('auth:account.passwordSection')}</h2>
        {changed ? <FormMessage kind="ok">{t('auth:account.passwordChanged')}</FormMessage> : null}
        <p className="muted">{t('auth:account.passwordNote')}</p>
        <Form method="post" {...getFormProps(passwordForm)}>
          <FormErrorSummary
            form={passwordForm}
            labels={{ currentPassword: t('auth:fields.currentPassword'), newPassword: t('auth:fields.newPassword') }}
          />
          <input type="hidden" name="intent" value="password" />
          <TextField
            field={password.currentPassword}
            label={t('auth:fields.currentPassword')}
            type="password"
            autoComplete="current-password"
          />
          <TextField
            field={password.newPassword}
            label={t('auth:fields.newPassword')}
            type="password"
            hint={t('auth:fields.passwordHint')}
            autoComplete="new-password"
            maxLength={128}
          />
          <button type="submit" className="secondary">
            {t('auth:account.changePassword')}
          </button>
        </Form>
      </section>
    </main>
  )
}
