import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { idParam } from '#app/modules/errors/errors.ts'
import { canReadFinalNight } from '#app/modules/final-night/access.ts'
import { loadMatchmakingReport } from '#app/modules/final-night/matchmaking.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { InterestItem } from '#app/ui/final-night.tsx'

// The ministry's matchmaking report (issue 14): every interest guests registered after
// the Final Night, whether the finalist accepted it, and what followed. Read-only.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.matchmaking' as const,
  crumbs: [
    { title: 'pages.national', to: '/national' },
    { title: 'pages.finalNights', to: '/national/final-night' },
    { title: 'pages.finalNight', to: '/national/final-night/:event' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, canReadFinalNight)
  return loadMatchmakingReport(context.db, idParam(params, 'event'))
}

export default function MatchmakingReport() {
  const { event, interests } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'final-night'])
  return (
    <main id="main" className="page">
      <h1>{t('final-night:matchmaking.reportTitle', { edition: event.edition_name })}</h1>
      {interests.length === 0 ? (
        <p className="empty">{t('final-night:matchmaking.none')}</p>
      ) : (
        <ul id="interests">
          {interests.map((i) => (
            <InterestItem key={i.id} interest={i} />
          ))}
        </ul>
      )}
    </main>
  )
}
