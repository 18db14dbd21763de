import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canOpenReplications, canRecordReplication } from '#app/modules/replication/access.ts'
import { loadProvinceReplications } from '#app/modules/replication/replication.server.ts'
import { runRecordIntent } from '#app/modules/replication/replication-page.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { EmptyState, Pager } from '#app/ui/page-parts.tsx'
import { DoneNotice, type FormReply, ReplicationForm, ReplicationTable } from '#app/ui/replication.tsx'

// A province's replications (issue 15): those it recorded (its own government or one of
// its kabupaten/kota replicating an innovation) and its own innovations replicated by
// others, each with its own page; Bappeda records a new one here.

export const handle: RouteHandle = { hydrate: false, title: 'pages.replications' as const }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenReplications)
  const search = new URL(request.url).searchParams
  const pages = { recorded: parsePage(search), origin: parsePage(search, 'from') }
  const page = await loadProvinceReplications(context.db, province.id, pages)
  return {
    province: { slug: province.slug, name: province.name },
    canRecord: canRecordReplication(viewer.ability, province),
    ...page,
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canRecordReplication)
  const meta = requestMeta(request, context)
  const actor = { provinceId: province.id, userId: viewer.user.id, ip: meta.ip }
  const outcome = await runRecordIntent(context.db, province, actor, await request.formData())
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<FormReply>(outcome.reply, { status: outcome.status })
}

export default function ProvinceReplications() {
  const { province, pages, canRecord, recorded, origin, regencies, innovations } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as FormReply | undefined
  const [search] = useSearchParams()
  const { t } = useTranslation(['common', 'replication'])
  const base = `/p/${province.slug}/replications`
  const href = (r: { id: string }) => `${base}/${r.id}`
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/manage`}>{t('replication:province.back')}</Link>
      </p>
      <h1>{t('replication:province.title')}</h1>
      <p className="muted">{t('replication:province.intro')}</p>
      <DoneNotice done={search.get('done')} />

      <section aria-labelledby="recorded-heading">
        <h2 id="recorded-heading">{t('replication:province.recorded')}</h2>
        {recorded.length === 0 ? (
          <EmptyState>{t('replication:province.recordedEmpty')}</EmptyState>
        ) : (
          <ReplicationTable id="recorded" rows={recorded} href={href} />
        )}
        <Pager
          {...pages.recorded}
          href={(p) => `${base}?page=${p}&from=${pages.origin.page}`}
          label={t('replication:province.recorded')}
        />
      </section>

      <section aria-labelledby="origin-heading">
        <h2 id="origin-heading">{t('replication:province.origin')}</h2>
        {origin.length === 0 ? (
          <EmptyState>{t('replication:province.originEmpty')}</EmptyState>
        ) : (
          <ReplicationTable id="origin" rows={origin} href={href} />
        )}
        <Pager
          {...pages.origin}
          href={(p) => `${base}?page=${pages.recorded.page}&from=${p}`}
          label={t('replication:province.origin')}
        />
      </section>

      {canRecord ? (
        <ReplicationForm
          heading={t('replication:form.heading')}
          reply={reply}
          innovations={innovations}
          regencies={regencies}
        />
      ) : null}
    </main>
  )
}
