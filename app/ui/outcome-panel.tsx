import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatFigure } from '#app/modules/selection/leaderboard.ts'
import type { OwnOutcome } from '#app/modules/selection/outcome.server.ts'

/** The applicant's published selection result, with their anonymised scores when the call shares them (issue 7). */
export function OutcomePanel({ outcome }: { outcome: OwnOutcome }) {
  const { t, i18n } = useTranslation(['selection'])
  const lng = i18n.language as Language
  return (
    <section aria-labelledby="outcome-heading" className="box" id="outcome">
      <h2 id="outcome-heading">{t('selection:outcome.title')}</h2>
      <p data-outcome={outcome.outcome}>
        <strong>{t(`selection:outcome.${outcome.outcome}`)}</strong>
      </p>
      {outcome.scores ? (
        <>
          <h3>{t('selection:outcome.scoresTitle')}</h3>
          <div className="table-wrap">
            <table id="own-scores">
              <thead>
                <tr>
                  <th scope="col">{t('selection:outcome.criterion')}</th>
                  <th scope="col">{t('selection:outcome.mean')}</th>
                  <th scope="col">{t('selection:outcome.comments')}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.scores.map((s) => (
                  <tr key={s.id}>
                    <td>{lng === 'en' ? s.title.en : s.title.id}</td>
                    <td>{formatFigure(s.mean, lng)}</td>
                    <td>
                      {s.comments.length === 0 ? (
                        <span className="muted">{t('selection:outcome.noComments')}</span>
                      ) : (
                        <ul>
                          {s.comments.map((c) => (
                            <li key={c} className="prose">
                              {c}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  )
}
