import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { verifyEmail } from '#app/modules/auth/accounts.server.ts'
import { verifySchema } from '#app/modules/auth/auth.schema.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'

export const handle: RouteHandle = { hydrate: false, title: 'pages.verify' as const }

// The link shows a button rather than confirming on GET: mail scanners that
// prefetch links must not use up the single-use token.
export function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get('token') ?? '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: verifySchema })
  const ok =
    submission.status === 'success' &&
    (await verifyEmail(context.db, submission.value.token, requestMeta(request, context)))
  if (!ok) return data({ invalid: true }, { status: 400 })
  return redirect('/login?notice=verified')
}

export default function VerifyEmail() {
  const { token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'auth'])
  return (
    <main id="main" className="page narrow">
      <h1>{t('auth:verify.title')}</h1>
      {actionData?.invalid || !token ? (
        <FormMessage kind="error">{t('auth:errors.invalidLink')}</FormMessage>
      ) : (
        <Form method="post">
          <p>{t('auth:verify.body')}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit">{t('auth:verify.submit')}</button>
        </Form>
      )}
    </main>
  )
}
