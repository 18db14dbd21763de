import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime, formatNumber } from '#app/i18n/format.ts'
import { requireViewer } from '#app/modules/auth/viewer.server.ts'
import { collectMyData } from '#app/modules/privacy/export.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ParticipationSections } from '#app/ui/my-data-participation.tsx'

// The same data as /account/data.json, as a page a person can read and print.
export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.yourData' as const,
  crumbs: [{ title: 'pages.account', to: '/account' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context)
  return collectMyData(context.db, viewer.user.id, context.now())
}

const ACCOUNT_FIELDS = ['name', 'email', 'phone', 'locale', 'createdAt', 'emailVerifiedAt', 'active'] as const
const VENTURE_FIELDS = [
  'name',
  'legal_form',
  'year_founded',
  'regency_code',
  'address',
  'stage',
  'website',
  'social_links',
  'created_at',
  'updated_at',
  'taken_at',
] as const
const SECTION_FIELDS = [
  'problem',
  'solution',
  'novelty',
  'beneficiaries',
  'beneficiaries_count',
  'business_model',
  'revenue',
  'impact',
  'collaboration_opd',
  'collaboration_private',
  'budget',
  'funding_so_far',
] as const
const DATE_FIELDS = new Set<string>(['createdAt', 'emailVerifiedAt', 'created_at', 'updated_at', 'taken_at'])
type FieldName = (typeof ACCOUNT_FIELDS)[number] | (typeof VENTURE_FIELDS)[number] | (typeof SECTION_FIELDS)[number]

/** The named fields of one record, labelled in the reader's language; instants through format.ts. */
function Fields({
  value,
  names,
  when,
}: {
  value: Record<string, unknown>
  names: readonly FieldName[]
  when: (at: Date | string) => string
}) {
  const { t, i18n } = useTranslation(['common', 'privacy'])
  const lng = i18n.language as Language
  const shown = (k: FieldName, v: unknown) =>
    DATE_FIELDS.has(k)
      ? when(v as Date)
      : typeof v === 'boolean'
        ? t(v ? 'privacy:data.yes' : 'privacy:data.no')
        : typeof v === 'number'
          ? formatNumber(v, lng)
          : String(v)
  return (
    <dl>
      {names.map((k) =>
        value[k] === null || value[k] === undefined || value[k] === '' ? null : (
          <div key={k}>
            <dt>{t(`privacy:data.fields.${k}`)}</dt>
            <dd>{shown(k, value[k])}</dd>
          </div>
        ),
      )}
    </dl>
  )
}

export default function MyData() {
  const data = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'privacy', 'auth', 'apply'])
  const lng = i18n.language as Language
  const when = (at: Date | string | null | undefined) => (at ? formatDateTime(new Date(at), lng, data.timeZone) : '—')
  return (
    <main id="main" className="page">
      <h1>{t('privacy:data.title')}</h1>
      <p className="muted">{t('privacy:data.generated', { at: when(data.generatedAt) })}</p>
      <p>
        <a href="/account/data.json" download>
          {t('privacy:account.downloadJson')}
        </a>
      </p>

      <section aria-labelledby="d-account">
        <h2 id="d-account">{t('privacy:data.account')}</h2>
        <Fields value={data.account} names={ACCOUNT_FIELDS} when={when} />
        <ul>
          {data.memberships.map((m) => (
            <li key={`${m.role}-${m.province ?? ''}`}>
              {t('auth:account.roleIn', {
                role: t(`auth:roles.${m.role}`),
                province: m.provinceName ?? t('auth:account.national'),
              })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="d-ventures">
        <h2 id="d-ventures">{t('privacy:data.ventures')}</h2>
        {data.ventures.map((v) => (
          <article key={v.id} className="box">
            <h3>{v.name}</h3>
            <Fields value={v} names={VENTURE_FIELDS} when={when} />
            <h4>{t('privacy:data.team')}</h4>
            <ul>
              {v.team.map((m) => (
                <li key={`${m.position}-${m.name}`}>
                  {m.name} — {m.role}
                </li>
              ))}
            </ul>
          </article>
        ))}
      </section>

      <section aria-labelledby="d-applications">
        <h2 id="d-applications">{t('privacy:data.applications')}</h2>
        {data.applications.map((a) => (
          <article key={a.id} className="box">
            <h3>
              {a.receiptNumber ?? a.id} — {t(`apply:status.${a.status}`)}
            </h3>
            <Fields value={a.sections} names={SECTION_FIELDS} when={when} />
            {a.ventureAsSubmitted ? (
              <>
                <h4>{t('privacy:data.asSubmitted')}</h4>
                <Fields value={a.ventureAsSubmitted} names={VENTURE_FIELDS} when={when} />
                <ul>
                  {a.ventureAsSubmitted.team.map((m) => (
                    <li key={`${m.position}-${m.name}`}>{m.name}</li>
                  ))}
                </ul>
              </>
            ) : null}
            <h4>{t('privacy:data.files')}</h4>
            <ul>
              {a.files.map((f) => (
                <li key={f.id}>
                  <a href={f.download}>{f.name}</a> ({f.contentType}, {formatNumber(f.size, lng)} B)
                </li>
              ))}
            </ul>
            {a.consent ? (
              <p>{t('privacy:data.consentGiven', { version: a.consent.version, at: when(a.consent.at) })}</p>
            ) : null}
          </article>
        ))}
      </section>

      <ParticipationSections data={data} when={when} />

      <section aria-labelledby="d-consents">
        <h2 id="d-consents">{t('privacy:data.consents')}</h2>
        <ul>
          {data.consents.map((c) => (
            <li key={c.purpose}>
              {t(`privacy:consent.${c.purpose}`)} — {when(c.granted_at)}
              {c.withdrawn_at ? ` → ${t('privacy:data.withdrawn', { at: when(c.withdrawn_at) })}` : ''}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="d-mails">
        <h2 id="d-mails">{t('privacy:data.mails')}</h2>
        {data.mails.map((m) => (
          <details key={`${m.queuedAt}-${m.subject}`}>
            <summary>
              {when(m.queuedAt)} — {m.subject}
            </summary>
            <pre>{m.body}</pre>
          </details>
        ))}
      </section>

      <section aria-labelledby="d-audit">
        <h2 id="d-audit">{t('privacy:data.audit')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('privacy:data.when')}</th>
              <th scope="col">{t('privacy:data.action')}</th>
              <th scope="col">{t('privacy:data.details')}</th>
            </tr>
          </thead>
          <tbody>
            {data.auditEntries.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id in the export; the order is fixed
              <tr key={i}>
                <td>{when(e.at)}</td>
                <td>{e.action}</td>
                <td>
                  <code>{JSON.stringify(e.details)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  )
}
