import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage } from '#app/i18n/detect.ts'
import { loadNoticeInForce } from '#app/modules/privacy/notice.server.ts'
import { RETENTION, RETENTION_ITEMS } from '#app/modules/privacy/retention.ts'

export const handle = { hydrate: false, title: 'pages.privacy' as const }

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { language } = detectLanguage(new URL(request.url), {
    cookie: request.headers.get('Cookie'),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
  return {
    notice: await loadNoticeInForce(context.db, language),
    retention: RETENTION_ITEMS.map((item) => ({ item, days: RETENTION[item] })),
    erased: new URL(request.url).searchParams.has('erased'),
  }
}

const RECIPIENTS = ['ministry', 'erat', 'bappeda', 'reviewers', 'jippnas'] as const
const RIGHTS = ['access', 'correct', 'withdraw', 'erase', 'object', 'complain'] as const

export default function PrivacyPage() {
  const { notice, retention, erased } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'privacy'])
  return (
    <main id="main" className="page narrow">
      <h1>{t('privacy:page.title')}</h1>
      {erased ? <p className="message ok">{t('privacy:page.erased')}</p> : null}
      <p>{t('privacy:page.intro')}</p>

      <section aria-labelledby="controller">
        <h2 id="controller">{t('privacy:page.controller')}</h2>
        <p>{t('privacy:page.controllerText')}</p>
      </section>

      <section aria-labelledby="purposes">
        <h2 id="purposes">{t('privacy:page.purposes')}</h2>
        <p>{t('privacy:page.purposesText')}</p>
        <h3>{t('privacy:page.legalBasis')}</h3>
        <p>{t('privacy:page.legalBasisText')}</p>
      </section>

      <section aria-labelledby="recipients">
        <h2 id="recipients">{t('privacy:page.recipients')}</h2>
        <ul>
          {RECIPIENTS.map((r) => (
            <li key={r}>{t(`privacy:recipients.${r}`)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="retention">
        <h2 id="retention">{t('privacy:page.retention')}</h2>
        <p>{t('privacy:page.retentionText')}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('privacy:page.retentionItem')}</th>
              <th scope="col">{t('privacy:page.retentionPeriod')}</th>
            </tr>
          </thead>
          <tbody>
            {retention.map((r) => (
              <tr key={r.item}>
                <td>{t(`privacy:retention.${r.item}`)}</td>
                <td>{t('privacy:page.days', { count: r.days })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="rights">
        <h2 id="rights">{t('privacy:page.rights')}</h2>
        <ul>
          {RIGHTS.map((r) => (
            <li key={r}>{t(`privacy:rights.${r}`)}</li>
          ))}
        </ul>
        <p>
          <a href="/account/privacy">{t('privacy:page.selfService')}</a>
        </p>
      </section>

      {notice ? (
        <section aria-labelledby="notice" className="box">
          <h2 id="notice">{t('privacy:page.notice', { version: notice.version, edition: notice.edition })}</h2>
          <p className="muted">{notice.title}</p>
          {notice.sections.map((s) => (
            <div key={s.heading || s.text.slice(0, 40)}>
              {s.heading ? <h3>{s.heading}</h3> : null}
              <p>{s.text}</p>
            </div>
          ))}
        </section>
      ) : null}
    </main>
  )
}
