import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { queueMail } from '#app/modules/notifications/outbox.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Outcome } from './selection-rules.ts'

// The outcome mail to each applicant when results are published (issue 7), written to
// the outbox in the publication's transaction. Its text lives in the `selection`
// namespace (the shared `mail` namespace is left to its owners); greeting and signature
// are the house ones, so it reads like every other WiNNER mail.

export interface OutcomeMail {
  email: string
  name: string
  locale: Language
  outcome: Outcome
  province: string
  issue: { id: string; en: string }
  venture: string
  link: string
}

/** Queues one outcome mail, in the applicant's language, inside the caller's transaction. */
export async function enqueueOutcomeMail(trx: Trx, m: OutcomeMail) {
  const t = getFixedT(m.locale)
  const p = {
    name: m.name,
    province: m.province,
    venture: m.venture,
    issue: m.locale === 'en' ? m.issue.en : m.issue.id,
    link: m.link,
    interpolation: { escapeValue: false },
  }
  await queueMail(trx, {
    to: m.email,
    name: m.name,
    locale: m.locale,
    template: 'selectionOutcome',
    subject: t(`selection:mail.${m.outcome}.subject`, p),
    body: t(`selection:mail.${m.outcome}.body`, p),
  })
}
