import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { notFound } from '#app/modules/errors/errors.ts'
import { listOutbox } from '#app/modules/notifications/mailbox.server.ts'
import type { RouteHandle } from '#app/root.tsx'

export const handle: RouteHandle = { title: 'pages.mailbox' as const }

// The outbox, readable where no real mail is sent (DEV_MAILBOX); otherwise it does not exist.
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.devMailbox) throw notFound()
  const raw = Number(new URL(request.url).searchParams.get('page') ?? 0)
  const page = Number.isInteger(raw) && raw >= 0 && raw < 10_000 ? raw : 0
  return { page, ...(await listOutbox(context.db, page)) }
}

export default function Mailbox() {
  const { page, mails, hasMore } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'auth'])
  return (
    <main id="main" className="page">
      <h1>{t('auth:mailbox.title')}</h1>
      <p className="muted">{t('auth:mailbox.intro')}</p>
      {mails.length === 0 ? <p className="empty">{t('auth:mailbox.empty')}</p> : null}
      {mails.map((m) => (
        <article key={m.id} className="mail">
          <h2>{m.subject}</h2>
          <p className="muted">
            {t('auth:mailbox.to', { to: `${m.to_name ?? ''} <${m.to_email}>` })} ·{' '}
            {new Date(m.created_at).toISOString()} · {m.sent_at ? t('auth:mailbox.sent') : t('auth:mailbox.held')}
          </p>
          <pre>
            {m.body_text.split(/(https?:\/\/\S+)/).map((part, i) =>
              i % 2 === 1 ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the split pieces have no identity but their place
                <a key={i} href={part}>
                  {part}
                </a>
              ) : (
                part
              ),
            )}
          </pre>
        </article>
      ))}
      <p>
        {page > 0 ? <Link to={`?page=${page - 1}`}>{t('auth:mailbox.newer')}</Link> : null}{' '}
        {hasMore ? <Link to={`?page=${page + 1}`}>{t('auth:mailbox.older')}</Link> : null}
      </p>
    </main>
  )
}
