import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import type { CallStatus } from '#app/modules/calls/call-status.ts'

/** "Open — closes 20 Feb 2023 23.59 WITA", "Opens in 3 days (…)", "Closed …". */
export function CallStatusText({ status, timeZone }: { status: CallStatus; timeZone: string }) {
  const { t, i18n } = useTranslation(['common', 'portal'])
  const lng = i18n.language as Language
  const at = (d: Date) => formatDateTime(new Date(d), lng, timeZone)
  switch (status.kind) {
    case 'open':
      return <span className="call call-open">{t('portal:call.open', { closes: at(status.closesAt) })}</span>
    case 'upcoming':
      return (
        <span className="call call-upcoming">
          {t('portal:call.upcoming', { count: status.daysUntilOpen, opens: at(status.opensAt) })}
        </span>
      )
    case 'closed':
      return <span className="call call-closed">{t('portal:call.closed', { closes: at(status.closesAt) })}</span>
    default:
      return <span className="call call-none">{t('portal:call.none')}</span>
  }
}
