import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canApply } from '#app/modules/applications/application-access.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { found, idParam, refusal } from '#app/modules/errors/errors.ts'
import { finalistPageSchema } from '#app/modules/final-night/final-night.schema.ts'
import {
  addFinalistFollowup,
  decideInterest,
  loadFinalistMatchmaking,
} from '#app/modules/final-night/matchmaking.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { FollowupForm, InterestItem } from '#app/ui/final-night.tsx'

// The finalist's matchmaking page (issue 14): interest from Final Night guests in their
// venture, accepted or declined here, and the follow-ups either side recorded.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.applicantFinalNight' as const,
  crumbs: [
    { title: 'pages.applyHome', to: '/p/:province/apply' },
    { title: 'pages.application', to: '/p/:province/apply/:application' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const applicationId = idParam(params, 'application')
  const page = found(
    await loadFinalistMatchmaking(context.db, { provinceId: province.id, userId: viewer.user.id }, applicationId),
  )
  return { ...page, province, applicationId, done: new URL(request.url).searchParams.has('done') }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const applicationId = idParam(params, 'application')
  const submission = parseWithZod(await request.formData(), { schema: finalistPageSchema })
  if (submission.status !== 'success') {
    const errors = [...new Set(Object.values(submission.reply().error ?? {}).flatMap((e) => e ?? []))]
    return data({ errors: errors.length ? errors : ['final-night:errors.invalid'] }, { status: 400 })
  }
  const owner = { provinceId: province.id, userId: viewer.user.id, ip: requestMeta(request, context).ip }
  const input = submission.value
  try {
    if (input.intent === 'decide')
      await decideInterest(context.db, owner, applicationId, input.interest, input.decision, context.now())
    else await addFinalistFollowup(context.db, owner, applicationId, input)
  } catch (error) {
    const no = refusal(error)
    return data({ errors: [no.key] }, { status: no.status })
  }
  return redirect(`/p/${province.slug}/apply/${applicationId}/final-night?done=1`)
}

export default function FinalistMatchmaking() {
  const { venture, interests, province, applicationId, done } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'final-night', 'apply'])
  return (
    <main id="main" className="page narrow">
      <p>
        <Link to={`/p/${province.slug}/apply/${applicationId}`} reloadDocument>
          {t('final-night:matchmaking.back')}
        </Link>
      </p>
      <h1>{t('final-night:matchmaking.finalistTitle', { venture })}</h1>
      {done ? <FormMessage kind="ok">{t('final-night:matchmaking.done')}</FormMessage> : null}
      {reply?.errors?.length ? (
        <FormMessage kind="error">
          {reply.errors.map((k) => t(k as 'final-night:errors.invalid')).join(' ')}
        </FormMessage>
      ) : null}
      {interests.length === 0 ? (
        <p className="empty">{t('final-night:matchmaking.none')}</p>
      ) : (
        <ul id="interests">
          {interests.map((i) => (
            <InterestItem
              key={i.id}
              interest={i}
              actions={
                i.status === 'pending' ? (
                  (['accepted', 'declined'] as const).map((decision) => (
                    <Form method="post" className="inline" key={decision}>
                      <input type="hidden" name="intent" value="decide" />
                      <input type="hidden" name="interest" value={i.id} />
                      <input type="hidden" name="decision" value={decision} />
                      <button type="submit">
                        {t(`final-night:matchmaking.${decision === 'accepted' ? 'accept' : 'decline'}`)}
                      </button>
                    </Form>
                  ))
                ) : i.status === 'accepted' ? (
                  <FollowupForm interestId={i.id} />
                ) : null
              }
            />
          ))}
        </ul>
      )}
    </main>
  )
}
