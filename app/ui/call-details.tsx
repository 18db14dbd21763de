import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { paragraphs, whatsappLink } from '#app/modules/portal/portal-format.ts'

/** What the portal tells applicants about a call, in both languages. */
export interface CallDetailsData {
  eligibility_id: string
  eligibility_en: string
  faq_id: string
  faq_en: string
  max_applications: number
  helpdesk_phone: string | null
  helpdesk_whatsapp: string | null
  helpdesk_email: string | null
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
  const wa = call.helpdesk_whatsapp ? whatsappLink(call.helpdesk_whatsapp) : null
  const hasHelpdesk = call.helpdesk_phone || call.helpdesk_whatsapp || call.helpdesk_email
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
      {hasHelpdesk ? (
        <>
          <h3>{t('portal:callDetails.helpdesk')}</h3>
          <ul className="facts">
            {call.helpdesk_phone ? (
              <li>
                {t('portal:callDetails.phone')}{' '}
                <a href={`tel:${call.helpdesk_phone.replace(/[^\d+]/g, '')}`}>{call.helpdesk_phone}</a>
              </li>
            ) : null}
            {call.helpdesk_whatsapp ? (
              <li>
                {t('portal:callDetails.whatsapp')}{' '}
                {wa ? <a href={wa}>{call.helpdesk_whatsapp}</a> : call.helpdesk_whatsapp}
              </li>
            ) : null}
            {call.helpdesk_email ? (
              <li>
                {t('portal:callDetails.email')} <a href={`mailto:${call.helpdesk_email}`}>{call.helpdesk_email}</a>
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
    </section>
  )
}
