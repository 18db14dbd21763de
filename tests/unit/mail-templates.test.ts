import { describe, expect, it } from 'vitest'
import { supportedLanguages } from '#app/i18n/config.ts'
import { i18nFor } from '#app/i18n/i18n.server.ts'
import { mouMailTemplates } from '#app/modules/cocreation/mou-mail.server.ts'
import { finalNightMailTemplates } from '#app/modules/final-night/final-night-mail.server.ts'
import { impactMailTemplates } from '#app/modules/impact/impact-mail.server.ts'
import { mentoringMailTemplates } from '#app/modules/mentoring/mentoring-mail.server.ts'
import { type MailNamespace, mailTemplates } from '#app/modules/notifications/outbox.server.ts'
import { reviewMailTemplates } from '#app/modules/review/review-mail.server.ts'

// Every mail is rendered from keys put together at run time (outbox.server.ts), which the
// typed keys and the static i18n check cannot follow: every template a module declares
// must have its subject and body in each language itself (no fallback to Indonesian).

const moduleMails: Record<MailNamespace, readonly string[]> = {
  'final-night': finalNightMailTemplates,
  impact: impactMailTemplates,
  mentoring: mentoringMailTemplates,
  mou: mouMailTemplates,
  screening: reviewMailTemplates,
}

const cases = [
  ...mailTemplates.map((template) => ({ namespace: 'mail', key: template })),
  ...Object.entries(moduleMails).flatMap(([namespace, templates]) =>
    templates.map((template) => ({ namespace, key: `mail.${template}` })),
  ),
]

describe('mail templates', () => {
  it.each(supportedLanguages)('have a subject and a body in %s for every template', (language) => {
    const missing = cases.flatMap(({ namespace, key }) =>
      ['subject', 'body'].flatMap((part) => {
        // A counted mail has its plural forms instead (`_other` is in every language).
        const has = (k: string) => {
          const text = i18nFor(language).getResource(language, namespace, k)
          return typeof text === 'string' && text.trim() !== ''
        }
        return has(`${key}.${part}`) || has(`${key}.${part}_other`) ? [] : [`${namespace}:${key}.${part}`]
      }),
    )
    expect(cases.length).toBeGreaterThanOrEqual(20)
    expect(missing).toEqual([])
  })
})
