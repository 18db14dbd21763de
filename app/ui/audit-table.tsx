import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'

interface Entry {
  id: string
  at: Date | string
  action: string
  object_type: string | null
  object_id: string | null
  actor_name: string | null
  actor_email: string | null
  province_name: string | null
  object_label: { id: string; en: string } | null
}

/** "section_saved" → "section saved": the readable fallback for an action or object without a text yet. */
function readable(code: string): string {
  return code.replace(/[._]/g, ' ')
}

/** The audit log as a table with "older" paging; times in the given zone. */
export function AuditTable({
  entries,
  nextBefore,
  timeZone,
}: {
  entries: Entry[]
  nextBefore: string | null
  timeZone: string
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
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(new Date(e.at), lng, timeZone)}</td>
                <td>{e.actor_name ? `${e.actor_name} <${e.actor_email}>` : t('manage:audit.system')}</td>
                <td>
                  {t(`manage:audit.actions.${e.action}` as 'manage:audit.when', { defaultValue: readable(e.action) })}
                  {e.province_name ? <span className="muted">{` · ${e.province_name}`}</span> : null}
                </td>
                <td>{objectText(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextBefore ? (
        <p>
          <Link to={`?before=${nextBefore}`}>{t('manage:audit.older')}</Link>
        </p>
      ) : null}
    </>
  )
}
