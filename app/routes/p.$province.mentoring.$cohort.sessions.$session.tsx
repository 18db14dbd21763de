import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { canOpenMentoring } from '#app/modules/mentoring/access.ts'
import { mentoringActor, pageContext } from '#app/modules/mentoring/cohort-page.server.ts'
import { attendanceOpen } from '#app/modules/mentoring/mentoring-rules.ts'
import { runSessionIntent } from '#app/modules/mentoring/session-page.server.ts'
import { loadSessionPage } from '#app/modules/mentoring/sessions.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ActionForm, DoneMessage, errorsOf, Field, type Reply, ReplyMessage, SessionWhere } from '#app/ui/mentoring.tsx'

// One mentoring session (issue 14): when and where, who is expected, attendance once it
// has started, notes (for the finalists or internal), and the action items it produced.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.mentoringSession' as const,
  crumbs: [
    { title: 'pages.mentoring', to: '/p/:province/mentoring' },
    { title: 'pages.cohort', to: '/p/:province/mentoring/:cohort' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenMentoring)
  const meta = requestMeta(request, context)
  const page = await loadSessionPage(
    context.db,
    mentoringActor(viewer, meta.ip),
    province,
    idParam(params, 'cohort'),
    idParam(params, 'session'),
  )
  return {
    province: { slug: province.slug, name: province.name, timeZone: province.time_zone },
    ...page,
    started: attendanceOpen(page.session.starts_at, meta.now),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenMentoring)
  const ids = { cohortId: idParam(params, 'cohort'), sessionId: idParam(params, 'session') }
  const outcome = await runSessionIntent(pageContext(request, context, viewer, province), ids, await request.formData())
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<Reply>(outcome.reply, { status: outcome.status })
}

export default function SessionPage() {
  const { province, cohort, may, session, participants, notes, actions, started, owners, finalists } =
    useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation(['common', 'mentoring'])
  const lng = i18n.language as Language
  const err = (form: string, field: string) => errorsOf(reply, form, field)
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/mentoring/${cohort.id}`}>
          {t('mentoring:session.back', { edition: cohort.edition })}
        </Link>
      </p>
      <h1>{t('mentoring:session.title', { when: formatDateTime(session.starts_at, lng, province.timeZone) })}</h1>
      <DoneMessage done={search.get('done')} />
      <dl className="facts">
        <dt>{t('mentoring:sessions.mode')}</dt>
        <dd>
          {t(`mentoring:modes.${session.mode}`)} ·{' '}
          <SessionWhere mode={session.mode} link={session.link} place={session.place} />
        </dd>
        <dt>{t('mentoring:sessions.duration')}</dt>
        <dd>{t('mentoring:session.minutes', { count: session.duration_minutes })}</dd>
        <dt>{t('mentoring:sessions.agenda')}</dt>
        <dd className="pre-wrap">{session.agenda}</dd>
      </dl>

      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">{t('mentoring:session.attendance')}</h2>
        <ReplyMessage reply={reply} form="attendance" />
        {participants.length === 0 ? (
          <p className="empty">{t('mentoring:session.nobody')}</p>
        ) : may.work && started ? (
          <Form method="post">
            <input type="hidden" name="intent" value="attendance" />
            {participants.map((p) => (
              <label key={p.user_id} className="check">
                <input type="checkbox" name="present" value={p.user_id} defaultChecked={p.attended !== false} />{' '}
                {p.name} <span className="muted">({t(`mentoring:session.roles.${p.role}`)})</span>
              </label>
            ))}
            <button type="submit">{t('mentoring:session.saveAttendance')}</button>
          </Form>
        ) : (
          <ul id="participants" className="rows">
            {participants.map((p) => (
              <li key={p.user_id}>
                {p.name} <span className="muted">({t(`mentoring:session.roles.${p.role}`)})</span> ·{' '}
                {t(`mentoring:session.attended.${p.attended === null ? 'unknown' : p.attended ? 'yes' : 'no'}`)}
              </li>
            ))}
          </ul>
        )}
        {may.work && !started ? <p className="muted">{t('mentoring:session.notStarted')}</p> : null}
      </section>

      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">{t('mentoring:notes.heading')}</h2>
        {notes.length === 0 ? (
          <p className="empty">{t('mentoring:notes.empty')}</p>
        ) : (
          <ul id="notes" className="rows">
            {notes.map((n) => (
              <li key={n.id} data-audience={n.audience}>
                <strong>{n.author}</strong> · {t(`mentoring:notes.audiences.${n.audience}`)}
                <p className="pre-wrap">{n.body}</p>
              </li>
            ))}
          </ul>
        )}
        {may.work ? (
          <Form method="post" className="box" aria-labelledby="note-heading">
            <h3 id="note-heading">{t('mentoring:notes.new')}</h3>
            <ReplyMessage reply={reply} form="note" />
            <input type="hidden" name="intent" value="note" />
            <Field id="note-audience" label={t('mentoring:notes.audience')} errors={err('note', 'audience')}>
              <select id="note-audience" name="audience">
                <option value="finalists">{t('mentoring:notes.audiences.finalists')}</option>
                <option value="internal">{t('mentoring:notes.audiences.internal')}</option>
              </select>
            </Field>
            <Field id="note-body" label={t('mentoring:notes.body')} errors={err('note', 'body')}>
              <textarea id="note-body" name="body" rows={4} maxLength={4000} required />
            </Field>
            <button type="submit" className="secondary">
              {t('mentoring:notes.add')}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t('mentoring:actions.heading')}</h2>
        {actions.length === 0 ? (
          <p className="empty">{t('mentoring:actions.empty')}</p>
        ) : (
          <ul className="rows">
            {actions.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong> · {a.owner_name} ·{' '}
                {t('mentoring:actions.due', { date: formatDate(a.due_on, lng) })} · {t(`mentoring:states.${a.state}`)}
              </li>
            ))}
          </ul>
        )}
        {may.work ? <ActionForm reply={reply} owners={owners} finalists={finalists} /> : null}
      </section>
    </main>
  )
}
