import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { idParam, notFound } from '#app/modules/errors/errors.ts'
import { canReadApplications } from '#app/modules/intake/access.ts'
import { formatBytes } from '#app/modules/intake/display.ts'
import { loadIncomingApplication } from '#app/modules/intake/intake.server.ts'
import { canScreen } from '#app/modules/review/manage-access.ts'
import { loadScreening } from '#app/modules/screening/screening.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ProposalSections } from '#app/ui/proposal-sections.tsx'
import { ScreeningPanel } from '#app/ui/screening-panel.tsx'

export const handle: RouteHandle = {
  title: 'pages.incomingApplication' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.incoming', to: '/p/:province/manage/applications' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadApplications)
  const id = idParam(params, 'application')
  const found = await loadIncomingApplication(context.db, { provinceId: province.id, ability: viewer.ability }, id)
  // Drafts, other provinces' ids and unknown ids all look the same: not here.
  if (!found) throw notFound()
  const screening = (await loadScreening(context.db, province.id, id)) ?? null
  const screened = new URL(request.url).searchParams.has('screened')
  return { province, ...found, screening, screened, mayScreen: canScreen(viewer.ability, province) }
}

export default function IncomingApplication() {
  const {
    province,
    application: a,
    indicators,
    team,
    files,
    inclusion,
    screening,
    screened,
    mayScreen,
  } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'manage', 'venture', 'apply'])
  const lng = i18n.language as Language
  const when = (instant: string | Date | null) =>
    instant ? formatDateTime(new Date(instant), lng, province.time_zone) : '—'
  const base = `/p/${province.slug}/manage/applications`
  return (
    <main id="main" className="page">
      <h1>{a.venture_name}</h1>
      <dl className="facts">
        <dt>{t('manage:incoming.receipt')}</dt>
        <dd>{a.receipt_number}</dd>
        <dt>{t('manage:incoming.status')}</dt>
        <dd>{t(`apply:status.${a.status}`)}</dd>
        <dt>{t('manage:incoming.submittedAt')}</dt>
        <dd>{when(a.submitted_at)}</dd>
        {a.status === 'withdrawn' ? (
          <>
            <dt>{t('manage:incoming.withdrawnAt')}</dt>
            <dd>{when(a.withdrawn_at)}</dd>
            <dt>{t('manage:incoming.withdrawReason')}</dt>
            <dd>{a.withdraw_reason || '—'}</dd>
          </>
        ) : null}
        <dt>{t('manage:incoming.issue')}</dt>
        <dd>{lng === 'en' ? a.issue_title_en : a.issue_title_id}</dd>
        <dt>{t('manage:incoming.consent')}</dt>
        <dd>{t('manage:incoming.consentText', { version: a.consent_version ?? '—', at: when(a.consent_at) })}</dd>
      </dl>

      {screening ? (
        <ScreeningPanel slug={province.slug} screening={screening} mayScreen={mayScreen} screened={screened} />
      ) : null}

      <section aria-labelledby="applicant" className="box">
        <h2 id="applicant">{t('manage:incoming.applicant')}</h2>
        <dl className="facts">
          <dt>{t('manage:incoming.name')}</dt>
          <dd>{a.applicant_name}</dd>
          <dt>{t('manage:incoming.email')}</dt>
          <dd>
            <a href={`mailto:${a.applicant_email}`}>{a.applicant_email}</a>
          </dd>
          <dt>{t('manage:incoming.phone')}</dt>
          <dd>{a.applicant_phone || '—'}</dd>
        </dl>
      </section>

      <section aria-labelledby="venture" className="box">
        <h2 id="venture">{t('manage:incoming.venture')}</h2>
        <dl className="facts">
          <dt>{t('venture:form.legalForm')}</dt>
          <dd>{t(`venture:legalForm.${a.legal_form}`)}</dd>
          <dt>{t('venture:form.stage')}</dt>
          <dd>{t(`venture:stage.${a.stage}`)}</dd>
          <dt>{t('manage:incoming.yearFounded')}</dt>
          <dd>{a.year_founded ?? '—'}</dd>
          <dt>{t('manage:incoming.regency')}</dt>
          <dd>
            {a.regency_name && a.regency_kind ? t(`venture:regency.${a.regency_kind}`, { name: a.regency_name }) : '—'}
          </dd>
          <dt>{t('venture:form.address')}</dt>
          <dd>{a.address || '—'}</dd>
          <dt>{t('manage:incoming.website')}</dt>
          <dd>{a.website || '—'}</dd>
          <dt>{t('venture:form.socialLinks')}</dt>
          <dd>{a.social_links || '—'}</dd>
        </dl>
        <h3>{t('venture:team.title')}</h3>
        <p>{t('manage:incoming.inclusion', inclusion)}</p>
        {team.length === 0 ? (
          <p className="empty">{t('venture:team.empty')}</p>
        ) : (
          <ul className="rows">
            {team.map((m) => (
              <li key={m.id}>
                <span>
                  <strong>{m.name}</strong> — {m.role}{' '}
                  <span className="muted">
                    ({t(`venture:gender.${m.gender}`)}, {t(`venture:ageBand.${m.age_band}`)})
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <ProposalSections answers={a} beneficiaries={a.beneficiaries_count} indicators={indicators} />

      <section aria-labelledby="files">
        <h2 id="files">{t('manage:incoming.files')}</h2>
        {files.length === 0 ? (
          <p className="empty">{t('manage:incoming.noFiles')}</p>
        ) : (
          <ul className="rows">
            {files.map((f) => (
              <li key={f.id}>
                <a href={`${base}/${a.id}/files/${f.id}`}>{f.original_name}</a>{' '}
                <span className="muted">
                  ({t(`manage:incoming.fileKind.${f.kind}`)}, {formatBytes(f.size, lng)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  )
}
