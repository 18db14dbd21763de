import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import type { SyncDisplay } from '#app/modules/jippnas/sync-rules.ts'
import type { InnovationStatus } from '#db/schema.ts'
import { FormMessage } from './fields.tsx'
import { StatusBadge } from './page-parts.tsx'

// Pieces of the JIPPNas pages (issue 15): the table of records of the lists and the sync
// box of a record (state, attempts, the remote's message, "retry now"). Plain HTML, no hydration.

export interface InnovationListRow {
  id: string
  title: string
  venture_name: string
  edition_name: string
  province_name: string
  province_slug: string
  status: InnovationStatus
  is_public: boolean
  sync: SyncDisplay
}

/** The records, each linking to its page in its province; the national list adds the province. */
export function InnovationTable({ rows, withProvince }: { rows: readonly InnovationListRow[]; withProvince: boolean }) {
  const { t } = useTranslation(['common', 'jippnas'])
  return (
    <div className="table-wrap">
      <table id="innovations">
        <thead>
          <tr>
            {withProvince ? <th scope="col">{t('jippnas:list.province')}</th> : null}
            <th scope="col">{t('jippnas:list.innovation')}</th>
            <th scope="col">{t('jippnas:list.venture')}</th>
            <th scope="col">{t('jippnas:list.edition')}</th>
            <th scope="col">{t('jippnas:list.status')}</th>
            <th scope="col">{t('jippnas:list.public')}</th>
            <th scope="col">{t('jippnas:list.sync')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              {withProvince ? <td>{r.province_name}</td> : null}
              <td>
                <Link to={`/p/${r.province_slug}/manage/innovations/${r.id}`}>{r.title}</Link>
              </td>
              <td>{r.venture_name}</td>
              <td>{r.edition_name}</td>
              <td>{t(`jippnas:status.${r.status}`)}</td>
              <td>{r.is_public ? t('jippnas:list.yes') : t('jippnas:list.no')}</td>
              <td>
                <StatusBadge>{t(`jippnas:sync.state.${r.sync}`)}</StatusBadge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export interface SyncBoxData {
  state: 'not_configured' | 'pending' | 'sending' | 'sent' | 'failed'
  key: string
  version: number
  attempts: number | null
  lastAttemptAt: string | null
  nextAttemptAt: string | null
  sentAt: string | null
  sentVersion: number | null
  httpStatus: number | null
  reason: { own: string } | { remote: string } | null
  mayRetry: boolean
  refused: string | null
}

export function SyncBox({ sync, timeZone }: { sync: SyncBoxData; timeZone: string }) {
  const { t, i18n } = useTranslation(['common', 'jippnas'])
  const lng = i18n.language as Language
  const at = (iso: string) => formatDateTime(new Date(iso), lng, timeZone)
  return (
    <section className="box" aria-labelledby="sync-heading" id="sync">
      <h2 id="sync-heading">{t('jippnas:sync.heading')}</h2>
      <p>
        <StatusBadge>{t(`jippnas:sync.state.${sync.state}`)}</StatusBadge>
      </p>
      {sync.refused ? (
        <FormMessage kind="error">{t(sync.refused as 'jippnas:errors.notConfigured')}</FormMessage>
      ) : null}
      {sync.state === 'not_configured' ? <p>{t('jippnas:sync.notConfiguredHelp')}</p> : null}
      <ul className="rows">
        <li>{t('jippnas:sync.version', { version: sync.version })}</li>
        <li>
          <code>{t('jippnas:sync.key', { key: sync.key })}</code>
        </li>
        {sync.attempts !== null && sync.state !== 'not_configured' ? (
          <li>{t('jippnas:sync.attempts', { count: sync.attempts })}</li>
        ) : null}
        {sync.lastAttemptAt ? <li>{t('jippnas:sync.lastAttempt', { at: at(sync.lastAttemptAt) })}</li> : null}
        {sync.state === 'pending' && sync.nextAttemptAt ? (
          <li>{t('jippnas:sync.nextAttempt', { at: at(sync.nextAttemptAt) })}</li>
        ) : null}
        {sync.sentAt && sync.sentVersion ? (
          <li>{t('jippnas:sync.sentAt', { version: sync.sentVersion, at: at(sync.sentAt) })}</li>
        ) : null}
        {sync.httpStatus ? <li>{t('jippnas:sync.httpStatus', { status: String(sync.httpStatus) })}</li> : null}
      </ul>
      {sync.reason && sync.state !== 'sent' ? (
        <FormMessage kind={sync.state === 'failed' ? 'error' : 'info'}>
          {'own' in sync.reason
            ? t(`jippnas:sync.reason.${sync.reason.own}` as 'jippnas:sync.reason.stuck')
            : t('jippnas:sync.remoteMessage', { message: sync.reason.remote })}
        </FormMessage>
      ) : null}
      {sync.mayRetry ? (
        <form method="post">
          <input type="hidden" name="intent" value="retry" />
          <button type="submit">{t('jippnas:sync.retry')}</button>
        </form>
      ) : null}
    </section>
  )
}
