import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { paragraphs, whatsappLink } from '#app/modules/portal/portal-format.ts'

/** What the portal tells applicants about a call, in both languages. */
export interface CallDetailsData extends Helpdesk {
  eligibility_id: string
  eligibility_en: string
  faq_id: string
  faq_en: string
  max_applications: number
}

function Text({ text }: { text: string }) {
  return (
    <>
      {paragraphs(text).map((lines, i) => (
        // Paragraphs have no identity beyond their place in the text.
        // biome-ignore lint/suspicious/noArrayIndexKey: static text, never reordered
        <p key={i}>
          {lines.map((line, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static text, never reordered
            <span key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </>
  )
}

/** Eligibility, FAQ, the application limit and the help desk of a call (the reader's language, else the other). */
export function CallDetails({ call }: { call: CallDetailsData }) {
  const { t, i18n } = useTranslation(['common', 'portal'])
  const lng = i18n.language as Language
  // A text missing in the reader's language falls back to the other rather than vanishing.
  const pick = (id: string, en: string) => (lng === 'en' ? en || id : id || en)
  const eligibility = pick(call.eligibility_id, call.eligibility_en)
  const faq = pick(call.faq_id, call.faq_en)
  return (
    <section aria-labelledby="call-details" className="call-details">
      <h2 id="call-details">{t('portal:callDetails.heading')}</h2>
      <p>{t('portal:callDetails.maxApplications', { count: call.max_applications })}</p>
      {eligibility ? (
        <>
          <h3>{t('portal:callDetails.eligibility')}</h3>
          <Text text={eligibility} />
        </>
      ) : null}
      {faq ? (
        <>
          <h3>{t('portal:callDetails.faq')}</h3>
          <Text text={faq} />
        </>
      ) : null}
      {hasHelpdesk(call) ? (
        <>
          <h3>{t('portal:callDetails.helpdesk')}</h3>
          <HelpdeskContacts helpdesk={call} />
        </>
      ) : null}
    </section>
  )
}

/** A call's help-desk contacts (phone, WhatsApp, email), any of which may be missing. */
export interface Helpdesk {
  helpdesk_phone: string | null
  helpdesk_whatsapp: string | null
  helpdesk_email: string | null
}

export function hasHelpdesk(h: Helpdesk): boolean {
  return !!(h.helpdesk_phone || h.helpdesk_whatsapp || h.helpdesk_email)
}

/** The help desk as links a phone can follow (call, chat, write); nothing when the call names none. */
export function HelpdeskContacts({ helpdesk: h }: { helpdesk: Helpdesk }) {
  const { t } = useTranslation(['common', 'portal'])
  if (!hasHelpdesk(h)) return null
  const wa = h.helpdesk_whatsapp ? whatsappLink(h.helpdesk_whatsapp) : null
  return (
    <ul className="facts">
      {h.helpdesk_phone ? (
        <li>
          {t('portal:callDetails.phone')}{' '}
          <a href={`tel:${h.helpdesk_phone.replace(/[^\d+]/g, '')}`}>{h.helpdesk_phone}</a>
        </li>
      ) : null}
      {h.helpdesk_whatsapp ? (
        <li>
          {t('portal:callDetails.whatsapp')} {wa ? <a href={wa}>{h.helpdesk_whatsapp}</a> : h.helpdesk_whatsapp}
        </li>
      ) : null}
      {h.helpdesk_email ? (
        <li>
          {t('portal:callDetails.email')} <a href={`mailto:${h.helpdesk_email}`}>{h.helpdesk_email}</a>
        </li>
      ) : null}
    </ul>
  )
}

/**
 * Why an application can no longer be sent: the call closed, when (in the province's
 * zone), and whom to ask. Shown where a submission after the closing time is refused.
 */
export function CallClosedNotice({
  closesAt,
  timeZone,
  helpdesk,
}: {
  closesAt: string | Date | null
  timeZone: string
  helpdesk: Helpdesk | null
}) {
  const { t, i18n } = useTranslation(['common', 'apply'])
  const lng = i18n.language as Language
  return (
    <div className="form-error" role="alert">
      <p>
        <strong>
          {closesAt
            ? t('apply:closed.at', { date: formatDateTime(new Date(closesAt), lng, timeZone) })
            : t('apply:submit.refused.callClosed')}
        </strong>
      </p>
      {helpdesk && hasHelpdesk(helpdesk) ? (
        <>
          <p>{t('apply:closed.contact')}</p>
          <HelpdeskContacts helpdesk={helpdesk} />
        </>
      ) : (
        <p>{t('apply:closed.contactBappeda')}</p>
      )}
    </div>
  )
}
