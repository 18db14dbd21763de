import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { canManageCoCreation } from '#app/modules/cocreation/access.ts'
import { loadEvent, loadEventChoices } from '#app/modules/cocreation/cocreation.server.ts'
import { saveEventForm } from '#app/modules/cocreation/event-page.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { CocreationEventForm } from '#app/ui/cocreation-event-form.tsx'

export const handle: RouteHandle = {
  title: 'pages.cocreationEdit' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.cocreation', to: '/p/:province/manage/cocreation' },
    { title: 'pages.cocreationEvent', to: '/p/:province/manage/cocreation/:event' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { province } = await requireProvinceAccess(request, context, params.province, canManageCoCreation)
  const found = await loadEvent(context.db, province.id, idParam(params, 'event'))
  const choices = await loadEventChoices(context.db, province.id)
  // An agency deactivated since stays on the event and in its choices.
  const known = new Set(choices.agencies.map((a) => a.id))
  const agencies = [...choices.agencies, ...found.agencies.filter((a) => !known.has(a.id))]
  return { province, ...found, choices: { ...choices, agencies } }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageCoCreation)
  return saveEventForm(request, context, province, viewer, idParam(params, 'event'))
}

export default function EditCocreationEvent() {
  const { province, event, agencies, finalists, topics, choices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'cocreation'])
  const lng = i18n.language as Language
  return (
    <main id="main" className="page narrow">
      <p>
        <Link to={`/p/${province.slug}/manage/cocreation/${event.id}`}>{t('cocreation:events.backToEvent')}</Link>
      </p>
      <h1>{t('cocreation:events.editHeading', { date: formatDate(event.held_on, lng), place: event.place })}</h1>
      <CocreationEventForm
        lastResult={actionData?.result}
        choices={choices}
        hasMinutes={Boolean(event.minutes_file_id)}
        defaultValue={{
          held_on: event.held_on,
          place: event.place,
          regency_code: event.regency_code ?? undefined,
          organiser_kind: event.organiser_kind,
          organiser_name: event.organiser_name,
          invited: agencies.map((a) => a.id),
          present: agencies.filter((a) => a.present).map((a) => a.id),
          finalists: finalists.map((f) => f.id),
          topics: topics.map((n) => n.id),
          outcomes: event.outcomes,
          next_meeting_on: event.next_meeting_on ?? undefined,
        }}
      />
    </main>
  )
}
