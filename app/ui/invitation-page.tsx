import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, Link, useLocation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { newInviteeSchema } from '#app/modules/auth/auth.schema.ts'
import type { InvitationState } from '#app/modules/auth/invitation-page.server.ts'
import { FormErrorSummary } from './error-summary.tsx'
import { FormMessage, TextField } from './fields.tsx'

// The page of an invitation link (a province role, a mentor's place, a Final Night seat):
// what the invitation is, then by state the new account's form, an accept button, a
// sign-in link or "signed in as someone else". The words are the caller's.

export interface InvitationTexts {
  title: string
  /** Why the link no longer works. */
  invalid: string
  /** Who invites whom to what. */
  body: string
  accept: string
  signInFirst: string
  otherAccount: string
}

export function InvitationPage({
  state,
  texts,
  notice,
  newAccountForm,
}: {
  /** `invalid` also when the post found the link used up. */
  state: InvitationState
  texts: InvitationTexts
  /** A refusal above the forms. */
  notice?: ReactNode
  /** The new account's form (name, password), offered in state `new`. */
  newAccountForm: ReactNode
}) {
  const { pathname } = useLocation()
  const { t } = useTranslation(['common', 'auth'])
  if (state === 'invalid') {
    return (
      <main id="main" className="page narrow">
        <h1>{texts.title}</h1>
        <FormMessage kind="error">{texts.invalid}</FormMessage>
      </main>
    )
  }
  return (
    <main id="main" className="page narrow">
      <h1>{texts.title}</h1>
      <p>{texts.body}</p>
      {notice}
      {state === 'new' ? newAccountForm : null}
      {state === 'accept' ? (
        <Form method="post">
          <button type="submit">{texts.accept}</button>
        </Form>
      ) : null}
      {state === 'signIn' ? (
        <p>
          {texts.signInFirst}{' '}
          <Link to={`/login?redirectTo=${encodeURIComponent(pathname)}`}>{t('auth:nav.signIn')}</Link>
        </p>
      ) : null}
      {state === 'otherAccount' ? <FormMessage kind="error">{texts.otherAccount}</FormMessage> : null}
    </main>
  )
}

/** The new account's form of a province or mentor invitation (validated as typed when the page hydrates). */
export function NewInviteeForm({
  name,
  lead,
  submit,
  lastResult,
}: {
  /** The invited name, as the form's start. */
  name: string
  lead: string
  submit: string
  lastResult: SubmissionResult<string[]> | undefined
}) {
  const { t } = useTranslation(['common', 'auth'])
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { name },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newInviteeSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrorSummary form={form} labels={{ name: t('auth:fields.name'), password: t('auth:fields.password') }} />
      <p>{lead}</p>
      <TextField field={fields.name} label={t('auth:fields.name')} autoComplete="name" maxLength={120} />
      <TextField
        field={fields.password}
        label={t('auth:fields.password')}
        type="password"
        hint={t('auth:fields.passwordHint')}
        autoComplete="new-password"
        maxLength={128}
      />
      <button type="submit">{submit}</button>
    </Form>
  )
}

/**
 * The page of a province's invitation link (a role, a mentor's place): `page` is what
 * provinceInvitationLoader answered, `reply` what acceptProvinceInvitation did; `body`
 * says who invites to what.
 */
export function ProvinceInvitationPage<I extends { name: string; email: string }>({
  page: { province, invitation, current, state },
  reply,
  body,
}: {
  page: { province: { name: string }; invitation: I | null; current: string | null; state: InvitationState }
  reply: { result: SubmissionResult<string[]> | undefined; invalid: boolean } | undefined
  body: (invitation: I, province: { name: string }) => string
}) {
  const { t } = useTranslation(['common', 'auth'])
  const email = invitation?.email ?? ''
  return (
    <InvitationPage
      state={!invitation || reply?.invalid ? 'invalid' : state}
      texts={{
        title: t('auth:invite.title'),
        invalid: t('auth:errors.invalidLink'),
        body: invitation ? body(invitation, province) : '',
        accept: t('auth:invite.accept'),
        signInFirst: t('auth:invite.signInFirst', { email }),
        otherAccount: t('auth:invite.otherAccount', { email, current: current ?? '' }),
      }}
      newAccountForm={
        <NewInviteeForm
          name={invitation?.name ?? ''}
          lead={t('auth:invite.createAccount', { email })}
          submit={t('auth:invite.accept')}
          lastResult={reply?.result}
        />
      }
    />
  )
}
