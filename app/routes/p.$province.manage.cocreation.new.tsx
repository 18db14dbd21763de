import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canManageCoCreation } from '#app/modules/cocreation/access.ts'
import { loadEventChoices } from '#app/modules/cocreation/cocreation.server.ts'
import { saveEventForm } from '#app/modules/cocreation/event-page.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { CocreationEventForm } from '#app/ui/cocreation-event-form.tsx'

export const handle: RouteHandle = {
  title: 'pages.cocreationNew' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.cocreation', to: '/p/:province/manage/cocreation' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { province } = await requireProvinceAccess(request, context, params.province, canManageCoCreation)
  return { province, choices: await loadEventChoices(context.db, province.id) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageCoCreation)
  return saveEventForm(request, context, province, viewer)
}

export default function NewCocreationEvent() {
  const { province, choices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'cocreation'])
  return (
    <main id="main" className="page narrow">
      <p>
        <Link to={`/p/${province.slug}/manage/cocreation`}>{t('cocreation:events.back')}</Link>
      </p>
      <h1>{t('cocreation:events.newHeading')}</h1>
      {choices.agencies.length === 0 ? (
        <p className="empty">
          {t('cocreation:events.needAgencies')}{' '}
          <Link to={`/p/${province.slug}/manage/opds`}>{t('cocreation:events.toAgencies')}</Link>
        </p>
      ) : (
        <CocreationEventForm lastResult={actionData?.result} choices={choices} />
      )}
    </main>
  )
}
