import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { notFound } from '#app/modules/errors/errors.ts'
import { listMessagesForDev } from '#app/modules/messaging/dev-messages.server.ts'
import type { RouteHandle } from '#app/root.tsx'

// The WhatsApp/SMS outbox, readable where no provider is configured and only from this
// machine (like /dev/mailbox); otherwise it does not exist. Numbers are masked.
export const handle: RouteHandle = { hydrate: false, title: 'pages.devMessages' as const }

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.devMessages) throw notFound()
  const raw = Number(new URL(request.url).searchParams.get('page') ?? 0)
  const page = Number.isInteger(raw) && raw >= 0 && raw < 10_000 ? raw : 0
  return { page, ...(await listMessagesForDev(context.db, page)) }
}

export default function DevMessages() {
  const { page, messages, hasMore } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'messaging'])
  return (
    <main id="main" className="page">
      <h1>{t('messaging:dev.title')}</h1>
      <p className="muted">{t('messaging:dev.intro')}</p>
      {messages.length === 0 ? <p className="empty">{t('messaging:dev.empty')}</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="mail">
          <h2>{m.template}</h2>
          <p className="muted">
            {t('messaging:dev.to', { to: m.to, channel: m.channel })} · {new Date(m.created_at).toISOString()} ·{' '}
            {t(`messaging:dev.status.${m.status}`)}
          </p>
          <pre>{m.body_text}</pre>
        </article>
      ))}
      <p>
        {page > 0 ? <Link to={`?page=${page - 1}`}>{t('messaging:dev.newer')}</Link> : null}{' '}
        {hasMore ? <Link to={`?page=${page + 1}`}>{t('messaging:dev.older')}</Link> : null}
      </p>
    </main>
  )
}
