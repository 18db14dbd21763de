import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import type { MyData } from '#app/modules/privacy/export.server.ts'

// The readable page's part for what a person did after applying: review, mentoring,
// Final Night, WhatsApp/SMS. Each section says so when nothing is recorded.

type When = (at: Date | string | null | undefined) => string
type Data = Pick<MyData, 'review' | 'mentoring' | 'finalNight' | 'messaging'>

function Empty() {
  const { t } = useTranslation(['privacy'])
  return <p className="empty">{t('privacy:data.nothing')}</p>
}

export function ParticipationSections({ data, when }: { data: Data; when: When }) {
  const { t, i18n } = useTranslation(['privacy', 'mentoring', 'final-night', 'messaging'])
  const lng = i18n.language as Language
  const { review, mentoring, finalNight, messaging } = data
  const mentoringEmpty =
    mentoring.mentorOf.length +
      mentoring.sessions.length +
      mentoring.notesWritten.length +
      mentoring.actions.length +
      mentoring.milestones.length ===
    0
  const finalNightEmpty =
    finalNight.invitations.length +
      finalNight.pitches.length +
      finalNight.scoresGiven.length +
      finalNight.conflictsDeclared.length +
      finalNight.matchmaking.length ===
    0
  return (
    <>
      <section aria-labelledby="d-review">
        <h2 id="d-review">{t('privacy:data.review')}</h2>
        {review.length === 0 ? (
          <Empty />
        ) : (
          <ul>
            {review.map((r) => (
              <li key={r.applicationId}>
                {t('privacy:data.reviewLine', {
                  province: r.province,
                  application: r.applicationId,
                  at: when(r.assignedAt),
                })}
                {r.conflictDeclaredAt
                  ? ` — ${t('privacy:data.conflictDeclared', { at: when(r.conflictDeclaredAt) })}`
                  : ''}
                {r.total !== null ? ` — ${t('privacy:data.total', { total: r.total, at: when(r.scoredAt) })}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="d-mentoring">
        <h2 id="d-mentoring">{t('privacy:data.mentoring')}</h2>
        {mentoringEmpty ? <Empty /> : null}
        {mentoring.mentorOf.length > 0 ? (
          <ul>
            {mentoring.mentorOf.map((m) => (
              <li key={`${m.province}-${m.since}`}>
                {t('privacy:data.mentorOf', { province: m.province, organisation: m.organisation })}
              </li>
            ))}
          </ul>
        ) : null}
        {mentoring.sessions.length > 0 ? (
          <>
            <h3>{t('privacy:data.sessions')}</h3>
            <ul>
              {mentoring.sessions.map((s) => (
                <li key={`${s.startsAt}-${s.role}`}>
                  {when(s.startsAt)} — {t(`mentoring:modes.${s.mode}`)} — {s.agenda}
                  {s.attended === null ? '' : ` — ${t(s.attended ? 'privacy:data.attended' : 'privacy:data.absent')}`}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {mentoring.notesWritten.length > 0 ? (
          <>
            <h3>{t('privacy:data.notes')}</h3>
            {mentoring.notesWritten.map((n) => (
              <details key={String(n.at)}>
                <summary>{when(n.at)}</summary>
                <p>{n.body}</p>
              </details>
            ))}
          </>
        ) : null}
        {mentoring.actions.length > 0 ? (
          <>
            <h3>{t('privacy:data.actions')}</h3>
            <ul>
              {mentoring.actions.map((a) => (
                <li key={`${a.title}-${a.dueOn}`}>
                  {a.title} — {formatDate(a.dueOn, lng)} — {t(`mentoring:states.${a.state}`)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {mentoring.milestones.length > 0 ? (
          <>
            <h3>{t('privacy:data.milestones')}</h3>
            <ul>
              {mentoring.milestones.map((m) => (
                <li key={`${m.applicationId}-${m.key ?? m.title}`}>
                  {m.key
                    ? t(`mentoring:milestones.${m.key}` as 'mentoring:milestones.pitchDeck', { opd: 'OPD' })
                    : m.title}
                  {m.evidence ? ` — ${m.evidence}` : ''}
                  {m.signedOffAt ? ` — ${t('privacy:data.signedOff', { at: when(m.signedOffAt) })}` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="d-final-night">
        <h2 id="d-final-night">{t('privacy:data.finalNight')}</h2>
        {finalNightEmpty ? <Empty /> : null}
        {finalNight.invitations.length > 0 ? (
          <ul>
            {finalNight.invitations.map((i) => (
              <li key={`${i.invitedAt}-${i.kind}`}>
                {t('privacy:data.invitation', {
                  kind: t(`final-night:kinds.${i.kind}`),
                  city: i.event.city,
                  at: when(i.event.startsAt),
                })}
                {i.acceptedAt ? ` — ${t('privacy:data.accepted', { at: when(i.acceptedAt) })}` : ''}
              </li>
            ))}
          </ul>
        ) : null}
        {finalNight.pitches.length > 0 ? (
          <ul>
            {finalNight.pitches.map((p) => (
              <li key={`${p.event.startsAt}-${p.applicationId}`}>
                {t('privacy:data.pitch', { venture: p.venture, city: p.event.city, at: when(p.event.startsAt) })}
              </li>
            ))}
          </ul>
        ) : null}
        {finalNight.scoresGiven.length > 0 ? (
          <>
            <h3>{t('privacy:data.scoresGiven')}</h3>
            <ul>
              {finalNight.scoresGiven.map((s) => (
                <li key={`${s.venture}-${s.criterion}`}>
                  {s.venture} — {lng === 'en' ? s.criterionEn : s.criterion}: {s.score}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {finalNight.conflictsDeclared.length > 0 ? (
          <ul>
            {finalNight.conflictsDeclared.map((c) => (
              <li key={c.venture}>
                {t('privacy:data.juryConflict', { venture: c.venture, reason: t(`final-night:conflict.${c.reason}`) })}
              </li>
            ))}
          </ul>
        ) : null}
        {finalNight.matchmaking.length > 0 ? (
          <>
            <h3>{t('final-night:matchmaking.title')}</h3>
            <ul>
              {finalNight.matchmaking.map((m) => (
                <li key={`${m.at}-${m.venture}-${m.kind}`}>
                  {m.venture} — {m.guest} — {t(`final-night:matchmaking.kinds.${m.kind}`)} —{' '}
                  {t(`final-night:matchmaking.status.${m.status}`)}
                  {m.followups.length > 0 ? (
                    <ul>
                      {m.followups.map((f) => (
                        <li key={`${f.on}-${f.kind}`}>
                          {formatDate(f.on, lng)} — {t(`final-night:matchmaking.followupKinds.${f.kind}`)}
                          {f.note ? ` — ${f.note}` : ''}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="d-messaging">
        <h2 id="d-messaging">{t('privacy:data.messaging')}</h2>
        {messaging.contact ? (
          <p>
            {t('privacy:data.contact', {
              phone: messaging.contact.phone,
              status: t(`privacy:data.contactStatus.${messaging.contact.status}`),
            })}
          </p>
        ) : null}
        {!messaging.contact && messaging.messages.length === 0 ? <Empty /> : null}
        {messaging.messages.map((m) => (
          <details key={`${m.queuedAt}-${m.template}`}>
            <summary>
              {when(m.queuedAt)} — {m.to} ({m.channel})
            </summary>
            <pre>{m.body}</pre>
          </details>
        ))}
      </section>
    </>
  )
}
