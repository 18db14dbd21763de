import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { orUnavailable } from '#app/modules/health/health.server.ts'
import { loadHome, type ProvinceSummary } from '#app/modules/portal/portal.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { CallStatusText } from '#app/ui/call-status.tsx'
import { FinalNightWinners } from '#app/ui/final-night.tsx'

export const handle: RouteHandle = { hydrate: false, title: 'pages.home' as const }

export async function loader({ context }: LoaderFunctionArgs) {
  return orUnavailable(() => loadHome(context.db, context.now()))
}

function groupByPhase(provinces: ProvinceSummary[]): [number | null, ProvinceSummary[]][] {
  const groups = new Map<number | null, ProvinceSummary[]>()
  for (const p of provinces) groups.set(p.phase, [...(groups.get(p.phase) ?? []), p])
  return [...groups.entries()]
}

export default function Home() {
  const { edition, provinces, nationalIssues, winners } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'portal', 'final-night'])
  const lng = i18n.language as Language
  return (
    <main id="main" className="page">
      <h1>{t('portal:home.title')}</h1>
      <p className="lead">{t('portal:home.intro')}</p>

      <section aria-labelledby="edition">
        {edition ? (
          <>
            <h2 id="edition">{t('portal:home.editionHeading', { name: edition.name })}</h2>
            <p>
              {t('portal:home.editionPeriod', {
                start: formatDate(edition.starts_on, lng),
                end: formatDate(edition.ends_on, lng),
              })}
              {edition.legal_basis ? (
                <>
                  <br />
                  {t('portal:home.legalBasis', { basis: edition.legal_basis })}
                </>
              ) : null}
            </p>
          </>
        ) : (
          <p id="edition">{t('portal:home.noEdition')}</p>
        )}
      </section>

      <FinalNightWinners heading={t('final-night:portal.title')} winners={winners} />

      <section aria-labelledby="provinces">
        <h2 id="provinces">{t('portal:home.provincesHeading')}</h2>
        {provinces.length === 0 ? <p>{t('portal:home.noProvinces')}</p> : null}
        {groupByPhase(provinces).map(([phase, group]) => (
          <section key={phase ?? 'none'} className="phase">
            <h3>{phase === null ? t('portal:home.unscheduled') : t('portal:home.phase', { number: phase })}</h3>
            <ul className="cards">
              {group.map((p) => (
                <li key={p.slug} className="card">
                  <a href={`/p/${p.slug}`} className="card-title">
                    {p.name}
                  </a>
                  <CallStatusText status={p.status} timeZone={p.timeZone} />
                  <span className="muted">{t('portal:home.issueCount', { count: p.publishedIssues })}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>

      <section aria-labelledby="national-issues">
        <h2 id="national-issues">{t('portal:home.nationalIssuesHeading')}</h2>
        <ol className="issues-list">
          {nationalIssues.map((issue) => (
            <li key={issue.code}>{lng === 'en' ? issue.name_en : issue.name_id}</li>
          ))}
        </ol>
      </section>
    </main>
  )
}
