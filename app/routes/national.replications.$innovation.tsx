import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { canReadAllReplications, canRecommend, canRecordMinistryReplication } from '#app/modules/replication/access.ts'
import { loadInnovationReplications } from '#app/modules/replication/replication.server.ts'
import { runNationalIntent } from '#app/modules/replication/replication-page.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { EmptyState, StatusBadge } from '#app/ui/page-parts.tsx'
import { DoneNotice, type FormReply, ReplicationForm, ReplicationMap, ReplicationTable } from '#app/ui/replication.tsx'

// One innovation's replications nationally (issue 15): a schematic map drawn on the
// server (origin and each replicating province, with the same places in a table), the
// list, the ministry's recommendation, and the form for a ministry unit's replication.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.innovationReplications' as const,
  crumbs: [
    { title: 'pages.national', to: '/national' },
    { title: 'pages.nationalReplications', to: '/national/replications' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadAllReplications)
  const view = await loadInnovationReplications(context.db, idParam(params, 'innovation'))
  return {
    ...view,
    canRecommend: canRecommend(viewer.ability),
    canRecord: canRecordMinistryReplication(viewer.ability),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadAllReplications)
  const id = idParam(params, 'innovation')
  const meta = requestMeta(request, context)
  const formData = await request.formData()
  // The form names the innovation; on this page it is always this one.
  formData.set('innovation', id)
  const outcome = await runNationalIntent(
    context.db,
    viewer.ability,
    { userId: viewer.user.id, ip: meta.ip },
    formData,
    meta.now,
    `/national/replications/${id}`,
  )
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<FormReply>(outcome.reply, { status: outcome.status })
}

export default function InnovationReplications() {
  const { innovation, replications, bounds, canRecommend, canRecord } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as FormReply | undefined
  const [search] = useSearchParams()
  const { t } = useTranslation(['common', 'replication'])
  return (
    <main id="main" className="page">
      <p>
        <Link to="/national/replications">{t('replication:innovation.back')}</Link>
      </p>
      <h1>{t('replication:innovation.title', { title: innovation.title })}</h1>
      <p className="muted">
        {t('replication:innovation.venture', { name: innovation.venture_name })} ·{' '}
        {t('replication:innovation.origin', { province: innovation.province_name })}
      </p>
      <DoneNotice done={search.get('done')} />
      <p>
        {innovation.recommended_for_replication ? (
          <StatusBadge>{t('replication:national.recommendedYes')}</StatusBadge>
        ) : null}
      </p>
      {canRecommend ? (
        <Form method="post">
          <input type="hidden" name="intent" value="recommend" />
          <input type="hidden" name="recommended" value={innovation.recommended_for_replication ? 'no' : 'yes'} />
          <button type="submit" className="secondary">
            {innovation.recommended_for_replication
              ? t('replication:national.unrecommend')
              : t('replication:national.recommend')}
          </button>
        </Form>
      ) : null}

      <ReplicationMap innovation={innovation} replications={replications} bounds={bounds} />

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t('replication:innovation.list')}</h2>
        {replications.length === 0 ? (
          <EmptyState>{t('replication:innovation.empty')}</EmptyState>
        ) : (
          <ReplicationTable
            id="replications"
            rows={replications}
            href={(r) => `/p/${replications.find((x) => x.id === r.id)?.province_slug}/replications/${r.id}`}
          />
        )}
      </section>

      {canRecord ? (
        <ReplicationForm
          heading={t('replication:form.ministryHeading')}
          reply={reply}
          fixedInnovation={innovation.id}
        />
      ) : null}
    </main>
  )
}
