import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { loadOwnApplication } from '#app/modules/applications/application.server.ts'
import { canApply } from '#app/modules/applications/application-access.ts'
import { withdrawSchema } from '#app/modules/applications/submission.schema.ts'
import { withdrawApplication } from '#app/modules/applications/submission.server.ts'
import { canWithdraw, WITHDRAW_REASON_MAX } from '#app/modules/applications/submission-rules.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam, notFound, refusal } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { firstError } from '#app/modules/validation/form-errors.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'

export type WithdrawReply = { reason?: string; error?: string; refused?: string }

async function guard({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const owner = { provinceId: province.id, userId: viewer.user.id }
  const page = await loadOwnApplication(context.db, owner, idParam(params, 'application'), context.now())
  return { province, owner, application: page.application }
}

// Apply pages ship no React, only public enhancements (docs/decisions/005).
export const handle: RouteHandle = {
  hydrate: false,
  enhance: true,
  title: 'pages.withdraw' as const,
  crumbs: [
    { title: 'pages.applyHome', to: '/p/:province/apply' },
    { title: 'pages.application', to: '/p/:province/apply/:application' },
  ],
}

export async function loader(args: LoaderFunctionArgs) {
  const { province, application } = await guard(args)
  return { province, id: application.id, withdrawable: canWithdraw(application.status) }
}

export async function action(args: ActionFunctionArgs) {
  const { province, owner, application } = await guard(args)
  const { request, context } = args
  const formData = await request.formData()
  const echoed = formData.get('application')
  if (typeof echoed === 'string' && echoed.toLowerCase() !== application.id) {
    throw notFound()
  }
  const typed = typeof formData.get('reason') === 'string' ? String(formData.get('reason')) : ''
  const submission = parseWithZod(formData, { schema: withdrawSchema })
  if (submission.status !== 'success') {
    // The typed reason comes back in the form: nothing the applicant wrote is lost.
    const error = firstError(submission.error, 'apply:withdraw.errors.required')
    return data<WithdrawReply>({ reason: typed, error }, { status: 400 })
  }
  const meta = requestMeta(request, context)
  const actor = { ...owner, ip: meta.ip, origin: meta.origin }
  try {
    const result = await withdrawApplication(
      context.db,
      actor,
      province,
      application.id,
      submission.value.reason,
      context.now(),
    )

    if (!result.already) context.kickMail?.()
  } catch (error) {
    const no = refusal(error)
    return data<WithdrawReply>({ reason: typed, refused: no.key }, { status: 409 })
  }
  return redirect(`/p/${province.slug}/apply/${application.id}?withdrawn=1`)
}

export default function WithdrawPage() {
  const { province, id, withdrawable } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as WithdrawReply | undefined
  const { t } = useTranslation(['common', 'apply'])
  return (
    <main id="main" className="page">
      <h1>{t('apply:withdraw.title')}</h1>
      {reply?.refused ? (
        <FormMessage kind="error">{t(reply.refused as 'apply:submit.refused.notSubmitted')}</FormMessage>
      ) : null}
      {withdrawable ? (
        <Form method="post" action={`/p/${province.slug}/apply/${id}/withdraw`}>
          <p>{t('apply:withdraw.intro')}</p>
          <input type="hidden" name="application" value={id} />
          <label htmlFor="withdraw-reason">{t('apply:withdraw.reason')}</label>
          <p id="withdraw-hint" className="muted small">
            {t('apply:withdraw.hint', { max: WITHDRAW_REASON_MAX })}
          </p>
          <textarea
            id="withdraw-reason"
            name="reason"
            rows={4}
            required
            maxLength={WITHDRAW_REASON_MAX}
            defaultValue={reply?.reason ?? ''}
            aria-invalid={reply?.error ? true : undefined}
            aria-describedby={reply?.error ? 'withdraw-hint withdraw-error' : 'withdraw-hint'}
          />
          {reply?.error ? (
            <p id="withdraw-error" className="field-error" role="alert">
              {t(reply.error as 'apply:withdraw.errors.required')}
            </p>
          ) : null}
          <p className="nav">
            <button type="submit">{t('apply:withdraw.button')}</button>
          </p>
        </Form>
      ) : (
        <FormMessage kind="error">{t('apply:withdraw.notAllowed')}</FormMessage>
      )}
    </main>
  )
}
