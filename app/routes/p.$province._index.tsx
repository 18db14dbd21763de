import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { zoneAbbreviation } from '#app/modules/calls/zoned-time.ts'
import { notFound } from '#app/modules/errors/errors.ts'
import { orUnavailable } from '#app/modules/health/health.server.ts'
import { loadProvincePortal } from '#app/modules/portal/portal.server.ts'
import { formatDecimal } from '#app/modules/portal/portal-format.ts'
import type { RouteHandle } from '#app/root.tsx'
import { CallDetails } from '#app/ui/call-details.tsx'
import { CallStatusText } from '#app/ui/call-status.tsx'
import { FinalNightWinners } from '#app/ui/final-night.tsx'

export const handle: RouteHandle = { hydrate: false, title: 'pages.portalProvince' as const }

export async function loader({ params, context }: LoaderFunctionArgs) {
  const portal = await orUnavailable(() => loadProvincePortal(context.db, params.province ?? '', context.now()))
  if (!portal) throw notFound()
  return portal
}

export default function ProvincePortal() {
  const { province, edition, phase, issues, timeline, calls, call, status, finalists, winners } =
    useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'portal', 'selection', 'final-night'])
  const lng = i18n.language as Language
  const tz = province.time_zone
  const at = (d: Date | string) => formatDateTime(new Date(d), lng, tz)
  return (
    <main id="main" className="page">
      <h1>{t('portal:province.heading', { name: province.name })}</h1>
      {edition ? (
        <p className="muted">
          {phase
            ? t('portal:province.edition', { edition: edition.name, phase })
            : t('portal:province.editionNoPhase', { edition: edition.name })}
        </p>
      ) : null}
      <p className="status-line">
        <CallStatusText status={status} timeZone={tz} />
      </p>
      {status.kind === 'open' ? (
        <p className="apply">
          <a href={`/p/${province.slug}/register`} className="button">
            {t('portal:call.apply')}
          </a>
        </p>
      ) : null}
      {calls.length > 0 ? (
        <ul className="plain">
          {calls.map((c) => (
            <li key={new Date(c.opens_at).toISOString()}>
              {t('portal:call.window', { opens: at(c.opens_at), closes: at(c.closes_at) })}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted small">{t('portal:province.timeZone', { zone: zoneAbbreviation(new Date(), tz) })}</p>

      {call ? <CallDetails call={call} /> : null}

      {timeline.length > 0 ? (
        <section aria-labelledby="timeline">
          <h2 id="timeline">{t('portal:timeline.heading')}</h2>
          <ol className="timeline">
            {timeline.map((m) => (
              <li key={m.kind}>
                <strong>{t(`portal:timeline.kinds.${m.kind}`)}</strong>{' '}
                <time dateTime={m.starts_on}>
                  {m.ends_on && m.ends_on !== m.starts_on
                    ? t('portal:timeline.range', {
                        start: formatDate(m.starts_on, lng),
                        end: formatDate(m.ends_on, lng),
                      })
                    : formatDate(m.starts_on, lng)}
                </time>
                {m.note ? <span className="muted"> — {m.note}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {finalists.length > 0 ? (
        <section aria-labelledby="finalists">
          <h2 id="finalists">{t('selection:portal.finalists')}</h2>
          <p>{t('selection:portal.finalistsIntro')}</p>
          <ul className="finalists">
            {finalists.map((f) => (
              <li key={f.id}>
                <strong>{f.venture_name}</strong> · {lng === 'en' ? f.issue_title_en : f.issue_title_id}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <FinalNightWinners heading={t('final-night:portal.provinceTitle')} winners={winners} />

      <section aria-labelledby="issues">
        <h2 id="issues">{t('portal:province.issuesHeading')}</h2>
        {issues.length === 0 ? (
          <p className="empty">{t('portal:province.noIssues')}</p>
        ) : (
          <>
            <p>{t('portal:province.issuesIntro')}</p>
            <ol className="issue-cards">
              {issues.map((issue) => (
                <li key={issue.id} className="card">
                  <h3>{lng === 'en' ? issue.title_en : issue.title_id}</h3>
                  <p>{lng === 'en' ? issue.description_en : issue.description_id}</p>
                  <ul className="facts">
                    <li>{t('portal:province.leadOpd', { opd: `${issue.opd_name} (${issue.opd_short_name})` })}</li>
                    {issue.supporting.length > 0 ? (
                      <li>
                        {t('portal:province.supportingOpds', {
                          opds: issue.supporting.map((s) => s.short_name).join(', '),
                        })}
                      </li>
                    ) : null}
                    <li>
                      {t('portal:province.nationalIssue', {
                        name: lng === 'en' ? issue.national_name_en : issue.national_name_id,
                      })}
                    </li>
                    {issue.validated_on ? (
                      <li>
                        {issue.validation_place
                          ? t('portal:province.validatedAt', {
                              date: formatDate(issue.validated_on, lng),
                              place: issue.validation_place,
                            })
                          : t('portal:province.validated', { date: formatDate(issue.validated_on, lng) })}
                      </li>
                    ) : null}
                  </ul>
                  {issue.indicators.length > 0 ? (
                    <>
                      <h4>{t('portal:province.baselineHeading')}</h4>
                      <ul className="baseline">
                        {issue.indicators.map((i) => (
                          <li key={i.id}>
                            {t('portal:province.indicator', {
                              name: lng === 'en' ? i.name_en : i.name_id,
                              value: formatDecimal(i.value, lng),
                              unit: i.unit,
                              year: i.year,
                              source: i.source,
                            })}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
    </main>
  )
}
