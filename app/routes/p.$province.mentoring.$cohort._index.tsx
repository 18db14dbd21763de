import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { zoneAbbreviation } from '#app/modules/calls/zoned-time.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { canOpenMentoring } from '#app/modules/mentoring/access.ts'
import { mentoringActor, pageContext, runCohortIntent } from '#app/modules/mentoring/cohort-page.server.ts'
import { loadCohortPage } from '#app/modules/mentoring/mentoring.server.ts'
import { ACTION_STATES, isOverdue, MENTOR_KINDS } from '#app/modules/mentoring/mentoring-rules.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ActionForm, DoneMessage, errorsOf, Field, type Reply, ReplyMessage, SessionWhere } from '#app/ui/mentoring.tsx'

// One cohort (issue 14): its finalists and their plans, mentors and invitations,
// sessions, and action items. Who may change what is asked of mentoring/access.ts;
// a cohort the viewer may not see is 404.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.cohort' as const,
  crumbs: [{ title: 'pages.mentoring', to: '/p/:province/mentoring' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenMentoring)
  const meta = requestMeta(request, context)
  const page = await loadCohortPage(
    context.db,
    mentoringActor(viewer, meta.ip),
    province,
    idParam(params, 'cohort'),
    meta.now,
  )
  return {
    province: { slug: province.slug, name: province.name, timeZone: province.time_zone },
    zone: zoneAbbreviation(meta.now, province.time_zone),
    ...page,
    actions: page.actions.map((a) => ({ ...a, overdue: isOverdue(a, meta.now, province.time_zone) })),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenMentoring)
  const c = pageContext(request, context, viewer, province)
  const outcome = await runCohortIntent(c, idParam(params, 'cohort'), await request.formData())
  if ('redirect' in outcome) {
    context.kickMail?.()
    return redirect(outcome.redirect)
  }
  return data<Reply>(outcome.reply, { status: outcome.status })
}

export default function CohortPage() {
  const { province, zone, cohort, may, finalists, mentors, pending, sessions, actions } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation(['common', 'mentoring'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/mentoring/${cohort.id}`
  const err = (form: string, field: string) => errorsOf(reply, form, field)
  const owners = [
    ...mentors.map((m) => ({ id: m.user_id, name: m.name })),
    ...finalists.map((f) => ({ id: f.applicant_id, name: `${f.applicant_name} (${f.venture})` })),
  ]
  return (
    <main id="main" className="page">
      <h1>{t('mentoring:cohort.title', { province: province.name, edition: cohort.edition })}</h1>
      {!may.work ? <p className="muted">{t('mentoring:cohort.readOnly')}</p> : null}
      <DoneMessage done={search.get('done')} />

      <section aria-labelledby="finalists-heading">
        <h2 id="finalists-heading">{t('mentoring:cohort.finalists')}</h2>
        <ReplyMessage reply={reply} form="sync" />
        {finalists.length === 0 ? (
          <p className="empty">{t('mentoring:cohort.noFinalists')}</p>
        ) : (
          <div className="table-wrap">
            <table id="finalists">
              <thead>
                <tr>
                  <th scope="col">{t('mentoring:cohort.venture')}</th>
                  <th scope="col">{t('mentoring:cohort.applicant')}</th>
                  <th scope="col">{t('mentoring:cohort.issue')}</th>
                  <th scope="col">{t('mentoring:cohort.plan')}</th>
                </tr>
              </thead>
              <tbody>
                {finalists.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <Link to={`${base}/plans/${f.id}`}>{f.venture}</Link>
                    </td>
                    <td>{f.applicant_name}</td>
                    <td>
                      {lng === 'en' ? f.issue_title_en : f.issue_title_id}
                      <br />
                      <span className="muted">{f.opd_name}</span>
                    </td>
                    <td>{t('mentoring:cohort.progress', { signed: f.signed, total: f.milestones })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {may.lead ? (
          <Form method="post">
            <input type="hidden" name="intent" value="sync" />
            <button type="submit" className="secondary">
              {t('mentoring:cohort.sync')}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="mentors-heading">
        <h2 id="mentors-heading">{t('mentoring:cohort.mentors')}</h2>
        {mentors.length === 0 ? (
          <p className="empty">{t('mentoring:cohort.noMentors')}</p>
        ) : (
          <ul id="mentors" className="rows">
            {mentors.map((m) => (
              <li key={m.user_id}>
                <strong>{m.name}</strong> · {t(`mentoring:kinds.${m.kind}`)} · {m.organisation}
                {m.expertise.length > 0 ? <span className="muted"> · {m.expertise.join(', ')}</span> : null}
              </li>
            ))}
          </ul>
        )}
        {may.lead && pending.length > 0 ? (
          <>
            <h3>{t('mentoring:cohort.pending')}</h3>
            <ul className="rows">
              {pending.map((p) => (
                <li key={p.id}>
                  {p.name} &lt;{p.email}&gt; · {t(`mentoring:kinds.${p.kind}`)} · {p.organisation}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {may.lead ? (
          <Form method="post" className="box" aria-labelledby="invite-heading">
            <h3 id="invite-heading">{t('mentoring:invite.heading')}</h3>
            <ReplyMessage reply={reply} form="invite" />
            <input type="hidden" name="intent" value="invite" />
            <Field id="invite-name" label={t('mentoring:invite.name')} errors={err('invite', 'name')}>
              <input id="invite-name" name="name" maxLength={120} required />
            </Field>
            <Field id="invite-email" label={t('mentoring:invite.email')} errors={err('invite', 'email')}>
              <input id="invite-email" name="email" type="email" maxLength={254} required />
            </Field>
            <Field id="invite-kind" label={t('mentoring:invite.kind')} errors={err('invite', 'kind')}>
              <select id="invite-kind" name="kind">
                {MENTOR_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`mentoring:kinds.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="invite-org" label={t('mentoring:invite.organisation')} errors={err('invite', 'organisation')}>
              <input id="invite-org" name="organisation" maxLength={200} required />
            </Field>
            <Field id="invite-expertise" label={t('mentoring:invite.expertise')} errors={err('invite', 'expertise')}>
              <input id="invite-expertise" name="expertise" maxLength={500} />
            </Field>
            <button type="submit" className="secondary">
              {t('mentoring:invite.send')}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('mentoring:sessions.heading')}</h2>
        {sessions.length === 0 ? (
          <p className="empty">{t('mentoring:sessions.empty')}</p>
        ) : (
          <ul id="sessions" className="rows">
            {sessions.map((s) => (
              <li key={s.id}>
                <Link to={`${base}/sessions/${s.id}`}>{formatDateTime(s.starts_at, lng, province.timeZone)}</Link> ·{' '}
                {t(`mentoring:modes.${s.mode}`)} · <SessionWhere mode={s.mode} link={s.link} place={s.place} />{' '}
                <span className="muted">
                  {t('mentoring:sessions.counts', { expected: s.expected, present: s.present })}
                </span>
              </li>
            ))}
          </ul>
        )}
        {may.work ? (
          <Form method="post" className="box" aria-labelledby="session-heading">
            <h3 id="session-heading">{t('mentoring:sessions.new')}</h3>
            <ReplyMessage reply={reply} form="session" />
            <input type="hidden" name="intent" value="session" />
            <Field
              id="session-start"
              label={t('mentoring:sessions.startsAt', { zone })}
              errors={err('session', 'starts_at')}
            >
              <input id="session-start" name="starts_at" type="datetime-local" required />
            </Field>
            <Field
              id="session-duration"
              label={t('mentoring:sessions.duration')}
              errors={err('session', 'duration_minutes')}
            >
              <input id="session-duration" name="duration_minutes" type="number" min={15} max={600} defaultValue={90} />
            </Field>
            <Field id="session-mode" label={t('mentoring:sessions.mode')} errors={err('session', 'mode')}>
              <select id="session-mode" name="mode">
                <option value="online">{t('mentoring:modes.online')}</option>
                <option value="offline">{t('mentoring:modes.offline')}</option>
              </select>
            </Field>
            <Field id="session-link" label={t('mentoring:sessions.link')} errors={err('session', 'link')}>
              <input id="session-link" name="link" maxLength={500} />
            </Field>
            <Field id="session-place" label={t('mentoring:sessions.place')} errors={err('session', 'place')}>
              <input id="session-place" name="place" maxLength={300} />
            </Field>
            <Field id="session-agenda" label={t('mentoring:sessions.agenda')} errors={err('session', 'agenda')}>
              <textarea id="session-agenda" name="agenda" rows={3} maxLength={4000} required />
            </Field>
            <fieldset>
              <legend>{t('mentoring:sessions.expectedMentors')}</legend>
              {mentors.map((m) => (
                <label key={m.user_id} className="check">
                  <input type="checkbox" name="mentors" value={m.user_id} defaultChecked /> {m.name}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('mentoring:sessions.expectedFinalists')}</legend>
              {finalists.map((f) => (
                <label key={f.id} className="check">
                  <input type="checkbox" name="finalists" value={f.id} defaultChecked /> {f.venture}
                </label>
              ))}
            </fieldset>
            <button type="submit">{t('mentoring:sessions.schedule')}</button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t('mentoring:actions.heading')}</h2>
        {actions.length === 0 ? (
          <p className="empty">{t('mentoring:actions.empty')}</p>
        ) : (
          <ul id="actions" className="rows">
            {actions.map((a) => (
              <li key={a.id} data-state={a.state} data-overdue={a.overdue ? 'yes' : undefined}>
                <strong>{a.title}</strong> · {a.owner_name} ·{' '}
                {t('mentoring:actions.due', { date: formatDate(a.due_on, lng) })} · {t(`mentoring:states.${a.state}`)}
                {a.overdue ? <strong className="form-error"> {t('mentoring:actions.overdue')}</strong> : null}
                <ReplyMessage reply={reply} form={`actionState:${a.id}`} />
                {may.work ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="actionState" />
                    <input type="hidden" name="item" value={a.id} />
                    <label htmlFor={`state-${a.id}`}>{t('mentoring:actions.state')}</label>
                    <select id={`state-${a.id}`} name="state" defaultValue={a.state}>
                      {ACTION_STATES.map((s) => (
                        <option key={s} value={s}>
                          {t(`mentoring:states.${s}`)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="secondary">
                      {t('mentoring:actions.setState')}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {may.work ? (
          <ActionForm reply={reply} owners={owners} finalists={finalists.map((f) => ({ id: f.id, name: f.venture }))} />
        ) : null}
      </section>
    </main>
  )
}
