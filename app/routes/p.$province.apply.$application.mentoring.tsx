import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { canApply } from '#app/modules/applications/application-access.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { runOwnEvidence } from '#app/modules/mentoring/plan-page.server.ts'
import { loadOwnMentoring } from '#app/modules/mentoring/plans.server.ts'
import { readUploadForm } from '#app/modules/storage/upload.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { DoneMessage, EvidenceForm, Milestones, type Reply, ReplyMessage, SessionWhere } from '#app/ui/mentoring.tsx'

// A finalist's own mentoring (issue 14): their plan, their sessions with the notes meant
// for finalists, their action items and mentors; they give evidence on their own
// milestones for a mentor to sign off. Another applicant's application, or one that is
// not a published finalist, is 404.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.applicantMentoring' as const,
  crumbs: [
    { title: 'pages.applyHome', to: '/p/:province/apply' },
    { title: 'pages.application', to: '/p/:province/apply/:application' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const id = idParam(params, 'application')
  const own = await loadOwnMentoring(context.db, { provinceId: province.id, userId: viewer.user.id }, id)
  return { province: { slug: province.slug, name: province.name, timeZone: province.time_zone }, id, own }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const meta = requestMeta(request, context)
  const owner = { provinceId: province.id, userId: viewer.user.id, ip: meta.ip }
  const c = { db: context.db, slug: province.slug, now: meta.now }
  const outcome = await runOwnEvidence(c, owner, idParam(params, 'application'), await readUploadForm(request))
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<Reply>(outcome.reply, { status: outcome.status })
}

export default function OwnMentoringPage() {
  const { province, own } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation(['common', 'mentoring'])
  const lng = i18n.language as Language
  if (!own.started) {
    return (
      <main id="main" className="page">
        <h1>{t('mentoring:own.title')}</h1>
        <p className="empty">{t('mentoring:own.notStarted')}</p>
      </main>
    )
  }
  return (
    <main id="main" className="page">
      <h1>{t('mentoring:own.title')}</h1>
      <p className="muted">{own.venture}</p>
      <DoneMessage done={search.get('done')} />

      <section aria-labelledby="mentors-heading">
        <h2 id="mentors-heading">{t('mentoring:cohort.mentors')}</h2>
        {own.mentors.length === 0 ? (
          <p className="empty">{t('mentoring:cohort.noMentors')}</p>
        ) : (
          <ul className="rows">
            {own.mentors.map((m) => (
              <li key={m.user_id}>
                <strong>{m.name}</strong> · {t(`mentoring:kinds.${m.kind}`)} · {m.organisation}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="plan-heading">
        <h2 id="plan-heading">{t('mentoring:own.plan')}</h2>
        <Milestones
          milestones={own.milestones}
          opd={own.opd}
          timeZone={province.timeZone}
          fileBase={`/p/${province.slug}/mentoring/files`}
          renderActions={(m) =>
            m.signed_off_at ? null : (
              <>
                <ReplyMessage reply={reply} form={`evidence:${m.id}`} />
                <EvidenceForm milestone={m} reply={reply} />
              </>
            )
          }
        />
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('mentoring:sessions.heading')}</h2>
        {own.sessions.length === 0 ? (
          <p className="empty">{t('mentoring:sessions.empty')}</p>
        ) : (
          <ul id="sessions" className="rows">
            {own.sessions.map((s) => (
              <li key={s.id}>
                <strong>{formatDateTime(s.starts_at, lng, province.timeZone)}</strong> ·{' '}
                {t(`mentoring:modes.${s.mode}`)} · <SessionWhere mode={s.mode} link={s.link} place={s.place} />
                <p className="pre-wrap">{s.agenda}</p>
                {s.notes.map((n) => (
                  <blockquote key={n.id} className="pre-wrap" data-audience={n.audience}>
                    {n.body} — {n.author}
                  </blockquote>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t('mentoring:actions.heading')}</h2>
        {own.actions.length === 0 ? (
          <p className="empty">{t('mentoring:actions.empty')}</p>
        ) : (
          <ul id="actions" className="rows">
            {own.actions.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong> · {a.owner_name} ·{' '}
                {t('mentoring:actions.due', { date: formatDate(a.due_on, lng) })} · {t(`mentoring:states.${a.state}`)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  )
}
