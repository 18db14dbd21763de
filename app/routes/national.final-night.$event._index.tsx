import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime, formatTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { canOrganiseFinalNight, canReadFinalNight } from '#app/modules/final-night/access.ts'
import { handleEventPost } from '#app/modules/final-night/event-page.server.ts'
import { loadEvent } from '#app/modules/final-night/final-night.server.ts'
import { MAX_CRITERIA, NEXT_STATES, pitchStartsAt, setUpOpen } from '#app/modules/final-night/final-night-rules.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { EventDetailsFields, useAwardName } from '#app/ui/final-night.tsx'

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.finalNight' as const,
  crumbs: [
    { title: 'pages.national', to: '/national' },
    { title: 'pages.finalNights', to: '/national/final-night' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadFinalNight)
  const page = await loadEvent(context.db, idParam(params, 'event'))
  const done = new URL(request.url).searchParams.get('done')
  return {
    ...page,
    startsAtLocal: instantToLocal(new Date(page.event.starts_at), page.event.time_zone).slice(0, 16),
    mayOrganise: canOrganiseFinalNight(viewer.ability),
    done: done && /^[a-z]+$/i.test(done) ? done : null,
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canOrganiseFinalNight)
  const eventId = idParam(params, 'event')
  const meta = requestMeta(request, context)
  const reply = await handleEventPost(
    {
      db: context.db,
      actor: { userId: viewer.user.id, name: viewer.user.name, ip: meta.ip },
      eventId,
      meta: { ...meta, locale: viewer.user.locale },
    },
    await request.formData(),
  )
  if (reply.status !== 200) return data(reply, { status: reply.status })
  if (reply.portal) {
    context.invalidatePortal()
    for (const slug of reply.portal) context.invalidatePortal(slug)
  }
  if (reply.form === 'invite') context.kickMail?.()
  return redirect(`/national/final-night/${eventId}?done=${reply.form}`)
}

export default function FinalNightEvent() {
  const page = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { event, pitches, criteria, awards, participants, mayOrganise, done } = page
  const { t, i18n } = useTranslation(['common', 'final-night'])
  const lng = i18n.language as Language
  const awardName = useAwardName()
  const en = lng === 'en'
  const errorsFor = (...forms: string[]) =>
    reply && forms.includes(reply.form) && reply.errors?.length ? (
      <FormMessage kind="error">{reply.errors.map((k) => t(k as 'final-night:errors.invalid')).join(' ')}</FormMessage>
    ) : null
  const setUp = mayOrganise && setUpOpen(event.status)
  const beforeConfirm = event.status !== 'confirmed' && event.status !== 'published'
  const rubricRows = [...criteria, ...Array.from({ length: Math.max(0, MAX_CRITERIA - criteria.length) }, () => null)]
  const pitchName = (id: string | null) => pitches.find((p) => p.id === id)?.venture_name ?? '—'
  return (
    <main id="main" className="page">
      <h1>{t('final-night:eventTitle', { edition: event.edition_name })}</h1>
      <p>
        {formatDateTime(new Date(event.starts_at), lng, event.time_zone)} · {event.venue}, {event.city} ·{' '}
        {t('final-night:minutesPerPitch', { count: event.minutes_per_pitch })}
      </p>
      <p id="event-status">
        {t('final-night:status.label')}:{' '}
        <strong data-status={event.status}>{t(`final-night:status.${event.status}`)}</strong> ·{' '}
        <Link to={`/national/final-night/${event.id}/board`}>{t('final-night:board.link')}</Link> ·{' '}
        <Link to={`/national/final-night/${event.id}/matchmaking`}>{t('final-night:matchmaking.reportLink')}</Link>
      </p>
      {done ? <FormMessage kind="ok">{t('final-night:done.saved')}</FormMessage> : null}
      {reply?.form === 'unknown' ? errorsFor('unknown') : null}

      {mayOrganise && NEXT_STATES[event.status].length > 0 ? (
        <section className="box" id="voting">
          <h2>{t('final-night:voting.title')}</h2>
          {errorsFor('open', 'close', 'reopen', 'confirm', 'publish')}
          <p className="muted">{t(`final-night:voting.help.${event.status}`)}</p>
          {NEXT_STATES[event.status].map((target) => {
            const intent =
              target === 'voting'
                ? event.status === 'closed'
                  ? 'reopen'
                  : 'open'
                : target === 'closed'
                  ? 'close'
                  : target === 'confirmed'
                    ? 'confirm'
                    : 'publish'
            return (
              <Form method="post" key={intent} className="inline">
                <input type="hidden" name="intent" value={intent} />
                {/* The step forward is the page's one primary action; reopening the vote is not. */}
                <button type="submit" className={intent === 'reopen' ? 'secondary' : undefined}>
                  {t(`final-night:voting.${intent}`)}
                </button>
              </Form>
            )
          })}
        </section>
      ) : null}

      <section id="pitches">
        <h2>{t('final-night:pitches.title', { count: pitches.length })}</h2>
        {errorsFor('sync')}
        {errorsFor('draw')}
        {errorsFor('order')}
        {event.draw_seed ? <p className="muted">{t('final-night:pitches.drawn', { seed: event.draw_seed })}</p> : null}
        {!event.ordered_at && pitches.length > 0 ? (
          <p className="muted">{t('final-night:pitches.notOrdered')}</p>
        ) : null}
        {pitches.length === 0 ? (
          <p className="empty">{t('final-night:pitches.empty')}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="order" />
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('final-night:pitches.position')}</th>
                    <th scope="col">{t('final-night:pitches.time')}</th>
                    <th scope="col">{t('final-night:pitches.venture')}</th>
                    <th scope="col">{t('final-night:pitches.province')}</th>
                    <th scope="col">{t('final-night:pitches.issue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pitches.map((p, i) => (
                    <tr key={p.id}>
                      <td>
                        {setUp ? (
                          <>
                            <input type="hidden" name={`order[${i}].pitch`} value={p.id} />
                            <input
                              type="number"
                              name={`order[${i}].position`}
                              min={1}
                              max={pitches.length}
                              defaultValue={p.position}
                              aria-label={t('final-night:pitches.positionOf', { venture: p.venture_name })}
                            />
                          </>
                        ) : (
                          p.position
                        )}
                      </td>
                      <td>
                        {formatTime(
                          pitchStartsAt(new Date(event.starts_at), event.minutes_per_pitch, p.position),
                          lng,
                          event.time_zone,
                        )}
                      </td>
                      <td>{p.venture_name}</td>
                      <td>{p.province_name}</td>
                      <td>{en ? p.issue_title_en : p.issue_title_id}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {setUp ? (
              <button type="submit" className="secondary">
                {t('final-night:pitches.saveOrder')}
              </button>
            ) : null}
          </Form>
        )}
        {setUp ? (
          <>
            <Form method="post" className="inline">
              <input type="hidden" name="intent" value="draw" />
              <button type="submit" className="secondary">
                {t('final-night:pitches.draw')}
              </button>
            </Form>
            <Form method="post" className="inline">
              <input type="hidden" name="intent" value="sync" />
              <button type="submit" className="secondary">
                {t('final-night:pitches.sync')}
              </button>
            </Form>
          </>
        ) : null}
      </section>

      <section id="rubric">
        <h2>{t('final-night:rubric.title')}</h2>
        {errorsFor('rubric')}
        <p className="muted">{t('final-night:rubric.help')}</p>
        {setUp ? (
          <Form method="post">
            <input type="hidden" name="intent" value="rubric" />
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('final-night:rubric.titleId')}</th>
                    <th scope="col">{t('final-night:rubric.titleEn')}</th>
                    <th scope="col">{t('final-night:rubric.weight')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rubricRows.map((c, i) => (
                    <tr key={c?.id ?? `new-${i}`}>
                      <td>
                        <input
                          name={`criteria[${i}].titleId`}
                          maxLength={120}
                          defaultValue={c?.title_id ?? ''}
                          aria-label={`${t('final-night:rubric.titleId')} ${i + 1}`}
                        />
                      </td>
                      <td>
                        <input
                          name={`criteria[${i}].titleEn`}
                          maxLength={120}
                          defaultValue={c?.title_en ?? ''}
                          aria-label={`${t('final-night:rubric.titleEn')} ${i + 1}`}
                        />
                      </td>
                      <td>
                        <input
                          type="number"
                          min={1}
                          max={100}
                          name={`criteria[${i}].weight`}
                          defaultValue={c?.weight ?? ''}
                          aria-label={`${t('final-night:rubric.weight')} ${i + 1}`}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="submit" className="secondary">
              {t('final-night:rubric.save')}
            </button>
          </Form>
        ) : (
          <ul>
            {criteria.map((c) => (
              <li key={c.id}>
                {en ? c.title_en : c.title_id} — {c.weight}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section id="awards">
        <h2>{t('final-night:awards.title')}</h2>
        {errorsFor('winner')}
        {errorsFor('addAward')}
        {errorsFor('removeAward')}
        {awards.length === 0 ? <p className="empty">{t('final-night:awards.empty')}</p> : null}
        <ul>
          {awards.map((a) => {
            const name = awardName({
              kind: a.kind,
              title: a.title_id && a.title_en ? { id: a.title_id, en: a.title_en } : null,
              issue: a.issue_name_id && a.issue_name_en ? { id: a.issue_name_id, en: a.issue_name_en } : null,
            })
            const byHand = a.kind === 'audience' || a.kind === 'custom'
            return (
              <li key={a.id}>
                <strong>{name}</strong>:{' '}
                {a.winner_pitch_id ? pitchName(a.winner_pitch_id) : t('final-night:awards.noWinner')}
                {mayOrganise && byHand && beforeConfirm && pitches.length > 0 ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="winner" />
                    <input type="hidden" name="award" value={a.id} />
                    <select
                      name="pitch"
                      defaultValue={a.winner_pitch_id ?? ''}
                      aria-label={t('final-night:awards.choose', { award: name })}
                    >
                      <option value="">—</option>
                      {pitches.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.venture_name}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="secondary">
                      {t('final-night:awards.setWinner')}
                    </button>
                  </Form>
                ) : null}
                {mayOrganise && a.kind === 'custom' && beforeConfirm ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="removeAward" />
                    <input type="hidden" name="award" value={a.id} />
                    <button type="submit" className="secondary">
                      {t('final-night:awards.remove')}
                    </button>
                  </Form>
                ) : null}
              </li>
            )
          })}
        </ul>
        {mayOrganise && beforeConfirm ? (
          <Form method="post" className="box">
            <input type="hidden" name="intent" value="addAward" />
            <div className="field">
              <label htmlFor="award-title-id">{t('final-night:awards.titleId')}</label>
              <input id="award-title-id" name="titleId" required maxLength={120} />
            </div>
            <div className="field">
              <label htmlFor="award-title-en">{t('final-night:awards.titleEn')}</label>
              <input id="award-title-en" name="titleEn" required maxLength={120} />
            </div>
            <button type="submit" className="secondary">
              {t('final-night:awards.add')}
            </button>
          </Form>
        ) : null}
      </section>

      <section id="participants">
        <h2>{t('final-night:participants.title')}</h2>
        {errorsFor('invite')}
        {errorsFor('revoke')}
        {participants.length === 0 ? (
          <p className="empty">{t('final-night:participants.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('final-night:participants.name')}</th>
                  <th scope="col">{t('final-night:participants.kind')}</th>
                  <th scope="col">{t('final-night:participants.affiliation')}</th>
                  <th scope="col">{t('final-night:participants.state')}</th>
                  {mayOrganise ? <th scope="col" /> : null}
                </tr>
              </thead>
              <tbody>
                {participants.map((p) => (
                  <tr key={p.id}>
                    <td>
                      {p.name} &lt;{p.email}&gt;
                      {p.organisation ? ` — ${p.organisation}` : ''}
                    </td>
                    <td>{t(`final-night:kinds.${p.kind}`)}</td>
                    <td>{t(`final-night:affiliations.${p.affiliation}`)}</td>
                    <td>
                      {p.accepted_at ? t('final-night:participants.accepted') : t('final-night:participants.pending')}
                    </td>
                    {mayOrganise ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="participant" value={p.id} />
                          <button type="submit" className="secondary">
                            {t('final-night:participants.revoke')}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {mayOrganise && event.status !== 'published' ? (
          <Form method="post" className="box">
            <h3>{t('final-night:participants.invite')}</h3>
            <input type="hidden" name="intent" value="invite" />
            <div className="field">
              <label htmlFor="kind">{t('final-night:participants.kind')}</label>
              <select id="kind" name="kind">
                <option value="juror">{t('final-night:kinds.juror')}</option>
                <option value="guest">{t('final-night:kinds.guest')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="affiliation">{t('final-night:participants.affiliation')}</label>
              <select id="affiliation" name="affiliation">
                {(['ministry', 'investor', 'partner', 'local_government'] as const).map((a) => (
                  <option key={a} value={a}>
                    {t(`final-night:affiliations.${a}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="name">{t('final-night:participants.name')}</label>
              <input id="name" name="name" required maxLength={120} />
            </div>
            <div className="field">
              <label htmlFor="email">{t('final-night:participants.email')}</label>
              <input id="email" name="email" type="email" required maxLength={254} />
            </div>
            <div className="field">
              <label htmlFor="organisation">{t('final-night:participants.organisation')}</label>
              <input id="organisation" name="organisation" maxLength={200} />
            </div>
            <button type="submit" className="secondary">
              {t('final-night:participants.send')}
            </button>
          </Form>
        ) : null}
      </section>

      {mayOrganise && event.status !== 'published' ? (
        <section className="box" id="details">
          <h2>{t('final-night:details.title')}</h2>
          {errorsFor('details')}
          <Form method="post">
            <input type="hidden" name="intent" value="details" />
            <EventDetailsFields
              defaults={{
                startsAt: page.startsAtLocal,
                venue: event.venue,
                city: event.city,
                programme: event.programme,
                minutes: event.minutes_per_pitch,
              }}
            />
            <button type="submit" className="secondary">
              {t('final-night:details.save')}
            </button>
          </Form>
        </section>
      ) : (
        <section id="programme">
          <h2>{t('final-night:fields.programme')}</h2>
          <p className="prewrap">{event.programme || t('final-night:details.noProgramme')}</p>
        </section>
      )}
    </main>
  )
}
