import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'

// Shared pieces of the Final Night pages (issue 14); no data access.

/** The event's date and time (Jakarta), venue, city, programme and minutes per pitch. */
export function EventDetailsFields({
  defaults,
}: {
  defaults?: { startsAt: string; venue: string; city: string; programme: string; minutes: number }
}) {
  const { t } = useTranslation(['common', 'final-night'])
  return (
    <>
      <div className="field">
        <label htmlFor="startsAt">{t('final-night:fields.startsAt')}</label>
        <input id="startsAt" name="startsAt" type="datetime-local" required defaultValue={defaults?.startsAt} />
        <p className="hint">{t('final-night:fields.startsAtHint')}</p>
      </div>
      <div className="field">
        <label htmlFor="venue">{t('final-night:fields.venue')}</label>
        <input id="venue" name="venue" required maxLength={200} defaultValue={defaults?.venue} />
      </div>
      <div className="field">
        <label htmlFor="city">{t('final-night:fields.city')}</label>
        <input id="city" name="city" required maxLength={100} defaultValue={defaults?.city ?? 'Jakarta'} />
      </div>
      <div className="field">
        <label htmlFor="programme">{t('final-night:fields.programme')}</label>
        <textarea id="programme" name="programme" rows={4} maxLength={4000} defaultValue={defaults?.programme} />
      </div>
      <div className="field">
        <label htmlFor="minutes">{t('final-night:fields.minutes')}</label>
        <input
          id="minutes"
          name="minutes"
          type="number"
          min={1}
          max={60}
          required
          defaultValue={defaults?.minutes ?? 7}
        />
      </div>
    </>
  )
}

/** An award's name in the reader's language: its kind, its national issue, or the ministry's own title. */
export function useAwardName() {
  const { t, i18n } = useTranslation(['common', 'final-night'])
  const en = i18n.language === 'en'
  return (a: {
    kind: 'best_overall' | 'best_issue' | 'audience' | 'custom'
    title: { id: string; en: string } | null
    issue: { id: string; en: string } | null
  }) => {
    if (a.kind === 'custom' && a.title) return en ? a.title.en : a.title.id
    if (a.kind === 'best_issue' && a.issue)
      return t('final-night:awards.bestIssue', { issue: en ? a.issue.en : a.issue.id })
    return t(`final-night:awards.${a.kind === 'best_overall' ? 'bestOverall' : 'audience'}`)
  }
}

/** Published Final Night winners on the public portal (home and province pages). */
export function FinalNightWinners({
  heading,
  winners,
}: {
  heading: string
  winners: {
    id: string
    kind: 'best_overall' | 'best_issue' | 'audience' | 'custom'
    title: { id: string; en: string } | null
    issue: { id: string; en: string } | null
    venture: string
    province: { slug: string; name: string }
  }[]
}) {
  const awardName = useAwardName()
  if (winners.length === 0) return null
  return (
    <section aria-labelledby="final-night-winners">
      <h2 id="final-night-winners">{heading}</h2>
      <ul className="finalists" id="winners">
        {winners.map((w) => (
          <li key={w.id}>
            <strong>{awardName(w)}</strong>: {w.venture} · <a href={`/p/${w.province.slug}`}>{w.province.name}</a>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The finalist's own Final Night on their application page: when and where, then the awards won. */
export function FinalistNightPanel({
  night,
  matchmaking,
}: {
  matchmaking: string
  night: {
    startsAt: Date | string
    timeZone: string
    city: string
    venue: string
    published: boolean
    awards: {
      id: string
      kind: 'best_overall' | 'best_issue' | 'audience' | 'custom'
      title: { id: string; en: string } | null
      issue: { id: string; en: string } | null
    }[]
  }
}) {
  const { t, i18n } = useTranslation(['common', 'final-night'])
  const awardName = useAwardName()
  const when = formatDateTime(new Date(night.startsAt), i18n.language as Language, night.timeZone)
  return (
    <section aria-labelledby="final-night" className="box" id="final-night-panel">
      <h2 id="final-night">{t('final-night:finalist.title')}</h2>
      <p>{t('final-night:finalist.pitching', { when, venue: night.venue, city: night.city })}</p>
      {night.published ? (
        night.awards.length > 0 ? (
          <>
            <p>{t('final-night:finalist.won')}</p>
            <ul>
              {night.awards.map((a) => (
                <li key={a.id}>{awardName(a)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('final-night:finalist.noAward')}</p>
        )
      ) : null}
      <p>
        <a href={matchmaking}>{t('final-night:matchmaking.finalistLink')}</a>
      </p>
    </section>
  )
}

export interface InterestView {
  id: string
  kind: 'investment' | 'pilot' | 'partnership' | 'replication'
  status: 'pending' | 'accepted' | 'declined'
  message: string
  venture_name: string
  province_name: string
  guest_name: string
  guest_organisation: string | null
  followups: { id: string; kind: 'meeting_held' | 'term_sheet' | 'mou_drafted'; happened_on: string; note: string }[]
}

/** One interest with its follow-ups; `actions` holds the forms the viewer may use on it. */
export function InterestItem({ interest, actions }: { interest: InterestView; actions?: ReactNode }) {
  const { t, i18n } = useTranslation(['common', 'final-night'])
  const lng = i18n.language as Language
  return (
    <li data-interest={interest.id} data-status={interest.status}>
      <strong>{interest.venture_name}</strong> ({interest.province_name}) ·{' '}
      {t(`final-night:matchmaking.kinds.${interest.kind}`)} · {interest.guest_name}
      {interest.guest_organisation ? `, ${interest.guest_organisation}` : ''} ·{' '}
      <em>{t(`final-night:matchmaking.status.${interest.status}`)}</em>
      {interest.message ? <p className="prewrap">{interest.message}</p> : null}
      {interest.followups.length > 0 ? (
        <ul>
          {interest.followups.map((f) => (
            <li key={f.id}>
              {formatDate(f.happened_on, lng)}: {t(`final-night:matchmaking.followupKinds.${f.kind}`)}
              {f.note ? ` — ${f.note}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {actions}
    </li>
  )
}

/** Records a follow-up (meeting held, term sheet, MoU drafted) of an accepted interest. */
export function FollowupForm({ interestId }: { interestId: string }) {
  const { t } = useTranslation(['common', 'final-night'])
  return (
    <Form method="post" className="box">
      <input type="hidden" name="intent" value="followup" />
      <input type="hidden" name="interest" value={interestId} />
      <div className="field">
        <label htmlFor={`kind-${interestId}`}>{t('final-night:matchmaking.followups')}</label>
        <select id={`kind-${interestId}`} name="kind">
          {(['meeting_held', 'term_sheet', 'mou_drafted'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`final-night:matchmaking.followupKinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`on-${interestId}`}>{t('final-night:matchmaking.happenedOn')}</label>
        <input id={`on-${interestId}`} name="happenedOn" type="date" required />
      </div>
      <div className="field">
        <label htmlFor={`note-${interestId}`}>{t('final-night:matchmaking.note')}</label>
        <textarea id={`note-${interestId}`} name="note" rows={2} maxLength={2000} />
      </div>
      <button type="submit">{t('final-night:matchmaking.addFollowup')}</button>
    </Form>
  )
}
