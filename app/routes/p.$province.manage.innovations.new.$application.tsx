import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { idParam } from '#app/modules/errors/errors.ts'
import { canManageInnovations } from '#app/modules/jippnas/access.ts'
import { type PageReply, pageContext, runCreate } from '#app/modules/jippnas/innovation-page.server.ts'
import { loadNewInnovation } from '#app/modules/jippnas/jippnas.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { InnovationForm } from '#app/ui/innovation-form.tsx'

// Bappeda records a finalist's innovation (issue 15), the form prefilled from the
// application as submitted; a finalist that has its record already goes to it.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.newInnovation' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.innovations', to: '/p/:province/manage/innovations' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { province } = await requireProvinceAccess(request, context, params.province, canManageInnovations)
  const found = await loadNewInnovation(context.db, province.id, idParam(params, 'application'))
  if ('existing' in found) throw redirect(`/p/${province.slug}/manage/innovations/${found.existing}`)
  return { province: { slug: province.slug, name: province.name }, ...found }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageInnovations)
  const outcome = await runCreate(
    pageContext(request, context, viewer, province),
    idParam(params, 'application'),
    await request.formData(),
  )
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<PageReply>(outcome.reply, { status: outcome.status })
}

export default function NewInnovation() {
  const { province, finalist, prefill, choices } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as PageReply | undefined
  const { t } = useTranslation(['common', 'jippnas'])
  return (
    <main id="main" className="page narrow">
      <p>
        <Link to={`/p/${province.slug}/manage/innovations`}>{t('jippnas:new.back')}</Link>
      </p>
      <h1>{t('jippnas:new.title')}</h1>
      <p>{t('jippnas:new.intro', { venture: finalist.venture_name, edition: finalist.edition_name })}</p>
      <InnovationForm
        values={prefill}
        reply={reply && 'form' in reply ? reply.form : undefined}
        choices={choices}
        hidden={{}}
        submitLabel={t('jippnas:form.create')}
      />
    </main>
  )
}
