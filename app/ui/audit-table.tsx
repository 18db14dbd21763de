import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { type AuditFilters, auditQuery, objectPath } from '#app/modules/audit/audit-filters.ts'

interface Entry {
  id: string
  at: Date | string
  action: string
  object_type: string | null
  object_id: string | null
  actor_name: string | null
  actor_email: string | null
  province_name: string | null
  province_slug: string | null
  object_label: { id: string; en: string } | null
}

/** "section_saved" → "section saved": the readable fallback for an action or object without a text yet. */
function readable(code: string): string {
  return code.replace(/[._]/g, ' ')
}

/**
 * The filters (a GET form: works without JavaScript, the URL can be shared) and the
 * file links carrying them; dates are days in `timeZone`.
 */
export function AuditFiltersForm({
  filters,
  choices,
  provinces,
  files,
  timeZone,
}: {
  filters: AuditFilters
  choices: { actions: string[]; objectTypes: string[] }
  provinces?: { slug: string; name: string }[]
  files: string
  timeZone: string
}) {
  const { t } = useTranslation(['common', 'manage'])
  const qs = auditQuery(filters)
  return (
    <>
      <form method="get" className="filters">
        <fieldset>
          <legend>{t('manage:audit.filters.legend')}</legend>
          {provinces ? (
            <label>
              {t('manage:audit.filters.province')}{' '}
              <select name="province" defaultValue={filters.province ?? ''}>
                <option value="">{t('manage:audit.filters.allProvinces')}</option>
                {provinces.map((p) => (
                  <option key={p.slug} value={p.slug}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}{' '}
          <label>
            {t('manage:audit.filters.actor')}{' '}
            <input type="search" name="actor" defaultValue={filters.actor ?? ''} maxLength={120} />
          </label>{' '}
          <label>
            {t('manage:audit.filters.action')}{' '}
            <select name="action" defaultValue={filters.action ?? ''}>
              <option value="">{t('manage:audit.filters.anyAction')}</option>
              {choices.actions.map((a) => (
                <option key={a} value={a}>
                  {t(`manage:audit.actions.${a}` as 'manage:audit.when', { defaultValue: readable(a) })}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('manage:audit.filters.object')}{' '}
            <select name="object" defaultValue={filters.objectType ?? ''}>
              <option value="">{t('manage:audit.filters.anyObject')}</option>
              {choices.objectTypes.map((o) => (
                <option key={o} value={o}>
                  {t(`manage:audit.objects.${o}` as 'manage:audit.when', { defaultValue: readable(o) })}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('manage:audit.filters.from')} <input type="date" name="from" defaultValue={filters.from ?? ''} />
          </label>{' '}
          <label>
            {t('manage:audit.filters.to')} <input type="date" name="to" defaultValue={filters.to ?? ''} />
          </label>{' '}
          <button type="submit">{t('manage:audit.filters.show')}</button>{' '}
          <a href="?">{t('manage:audit.filters.reset')}</a>
          <p className="muted small">{t('manage:audit.filters.zone', { zone: timeZone })}</p>
        </fieldset>
      </form>
      <p>
        <a href={`${files}.csv${qs ? `?${qs}` : ''}`} download>
          {t('manage:audit.download.csv')}
        </a>
        {' · '}
        <a href={`${files}.xlsx${qs ? `?${qs}` : ''}`} download>
          {t('manage:audit.download.xlsx')}
        </a>
      </p>
    </>
  )
}

/** The audit log as a table with "older" paging that keeps the filters; times in the given zone. */
export function AuditTable({
  entries,
  nextBefore,
  timeZone,
  filters = {},
  national = false,
}: {
  entries: Entry[]
  nextBefore: string | null
  timeZone: string
  filters?: AuditFilters
  national?: boolean
}) {
  const { t, i18n } = useTranslation(['common', 'manage'])
  const lng = i18n.language as Language
  // One text per cell: "Proposal: Rumah Jahit Ketapang (WNR-2027-KALBAR-0005)".
  const objectText = (e: Entry) => {
    if (!e.object_type) return ''
    const kind = t(`manage:audit.objects.${e.object_type}` as 'manage:audit.when', {
      defaultValue: readable(e.object_type),
    })
    return e.object_label ? `${kind}: ${lng === 'en' ? e.object_label.en : e.object_label.id}` : kind
  }
  if (entries.length === 0) return <p className="empty">{t('manage:audit.empty')}</p>
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('manage:audit.when')}</th>
              <th scope="col">{t('manage:audit.who')}</th>
              <th scope="col">{t('manage:audit.action')}</th>
              <th scope="col">{t('manage:audit.object')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const path = objectPath(e, national)
              return (
                <tr key={e.id}>
                  <td>{formatDateTime(new Date(e.at), lng, timeZone)}</td>
                  <td>{e.actor_name ? `${e.actor_name} <${e.actor_email}>` : t('manage:audit.system')}</td>
                  <td>
                    {t(`manage:audit.actions.${e.action}` as 'manage:audit.when', { defaultValue: readable(e.action) })}
                    {e.province_name ? <span className="muted">{` · ${e.province_name}`}</span> : null}
                  </td>
                  <td>{path ? <Link to={path}>{objectText(e)}</Link> : objectText(e)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {nextBefore ? (
        <p>
          <Link to={`?${auditQuery(filters, { before: nextBefore })}`}>{t('manage:audit.older')}</Link>
        </p>
      ) : null}
    </>
  )
}
