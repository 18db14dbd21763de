import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime, formatTime } from '#app/i18n/format.ts'
import { loadJurorHome } from '#app/modules/final-night/jury.server.ts'
import { requireParticipant } from '#app/modules/final-night/participant-guard.server.ts'

// The juror's home on their phone: the pitches in stage order and what they have done.
// A tiny page without client code; every link and form works without JavaScript.

export const handle = { hydrate: false, title: 'pages.jury' as const }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, eventId } = await requireParticipant(request, context, params, 'juror')
  return loadJurorHome(context.db, { eventId, userId: viewer.user.id })
}

export default function JurorHome() {
  const { event, pitches } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'final-night'])
  const lng = i18n.language as Language
  return (
    <main id="main" className="page narrow">
      <h1>{t('final-night:jury.title')}</h1>
      <p>
        {formatDateTime(new Date(event.starts_at), lng, event.time_zone)} · {event.venue}, {event.city}
      </p>
      <p id="voting-state" data-status={event.status}>
        {t(`final-night:jury.state.${event.status}`)}
      </p>
      {pitches.length === 0 ? (
        <p className="empty">{t('final-night:pitches.empty')}</p>
      ) : (
        <ol id="jury-pitches">
          {pitches.map((p) => (
            <li key={p.id} data-state={p.state}>
              {formatTime(new Date(p.at), lng, event.time_zone)}{' '}
              <Link to={`/final-night/${event.id}/pitches/${p.id}`}>{p.venture}</Link> — {p.province} ·{' '}
              {t(`final-night:jury.pitchState.${p.state}`)}
            </li>
          ))}
        </ol>
      )}
    </main>
  )
}
