import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { canReadFinalNight } from '#app/modules/final-night/access.ts'
import { loadBoard } from '#app/modules/final-night/final-night.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'

// The organiser's live results board: no client code; the page reloads itself every
// few seconds with a meta refresh while voting is open (and until the results are confirmed).

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.finalNightBoard' as const,
  crumbs: [
    { title: 'pages.national', to: '/national' },
    { title: 'pages.finalNights', to: '/national/final-night' },
    { title: 'pages.finalNight', to: '/national/final-night/:event' },
  ],
}

const BOARD_REFRESH_SECONDS = 5

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...(data?.live ? [{ httpEquiv: 'refresh', content: String(BOARD_REFRESH_SECONDS) } as const] : []),
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, canReadFinalNight)
  const board = await loadBoard(context.db, idParam(params, 'event'))
  return { ...board, live: board.event.status === 'voting' || board.event.status === 'closed' }
}

export default function FinalNightBoard() {
  const { event, criteria, entries, jurors, live } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'final-night'])
  const lng = i18n.language as Language
  const en = lng === 'en'
  const fig = (v: number | null) =>
    v === null ? '—' : formatNumber(v, lng, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const criterionTitle = (id: string) => {
    const c = criteria.find((x) => x.id === id)
    return c ? (en ? c.title_en : c.title_id) : ''
  }
  return (
    <main id="main" className="page">
      <h1 id="board-title">{t('final-night:board.title', { edition: event.edition_name })}</h1>
      <p id="board-status">
        {t('final-night:status.label')}:{' '}
        <strong data-status={event.status}>{t(`final-night:status.${event.status}`)}</strong> ·{' '}
        {t('final-night:board.jurors', { count: jurors })}
        {live ? ` · ${t('final-night:board.refreshing', { seconds: BOARD_REFRESH_SECONDS })}` : ''}
      </p>
      <p className="muted">{t('final-night:board.tieRule')}</p>
      {entries.length === 0 ? (
        <p className="empty">{t('final-night:pitches.empty')}</p>
      ) : (
        // Focusable, so a keyboard can scroll the wide table on a narrow screen (axe scrollable-region-focusable).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
        <section className="table-wrap" tabIndex={0} aria-labelledby="board-title">
          <table id="board">
            <thead>
              <tr>
                <th scope="col">{t('final-night:board.rank')}</th>
                <th scope="col">{t('final-night:pitches.venture')}</th>
                <th scope="col">{t('final-night:pitches.province')}</th>
                <th scope="col">{t('final-night:board.total')}</th>
                {criteria.map((c) => (
                  <th scope="col" key={c.id}>
                    {en ? c.title_en : c.title_id} ({c.weight})
                  </th>
                ))}
                <th scope="col">{t('final-night:board.scoredBy')}</th>
                <th scope="col">{t('final-night:board.conflicts')}</th>
                <th scope="col">{t('final-night:board.tie')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.pitchId} data-pitch={e.pitchId} data-total={e.total ?? ''} data-jurors={e.jurors}>
                  <td>{e.rank ?? '—'}</td>
                  <td>{e.venture}</td>
                  <td>{e.province}</td>
                  <td>{fig(e.total)}</td>
                  {criteria.map((c) => (
                    <td key={c.id}>{fig(e.criteria[c.id] ?? null)}</td>
                  ))}
                  <td>{e.jurors}</td>
                  <td>{e.conflicts}</td>
                  <td>
                    {e.tied
                      ? e.brokenBy
                        ? e.brokenBy.by === 'criterion'
                          ? t('final-night:board.brokenByCriterion', {
                              criterion: criterionTitle(e.brokenBy.criterionId),
                            })
                          : t(`final-night:board.brokenBy.${e.brokenBy.by}`)
                        : t('final-night:board.tied')
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  )
}
