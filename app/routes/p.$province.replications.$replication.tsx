import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { forbidden, idParam } from '#app/modules/errors/errors.ts'
import { canOpenReplications, canUpdateReplication } from '#app/modules/replication/access.ts'
import { loadReplication } from '#app/modules/replication/replication.server.ts'
import { runStatusIntent } from '#app/modules/replication/replication-page.server.ts'
import { nextStatuses } from '#app/modules/replication/replication-rules.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { StatusBadge } from '#app/ui/page-parts.tsx'
import { DoneNotice, type FormReply, ReplyErrors, replicationPlace } from '#app/ui/replication.tsx'

// One replication (issue 15), seen by the province that recorded it and by the
// innovation's province of origin; any other province's id is 404. Only the recording
// side moves its status on.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.replication' as const,
  crumbs: [{ title: 'pages.replications', to: '/p/:province/replications' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenReplications)
  const replication = await loadReplication(context.db, province.id, idParam(params, 'replication'))
  return {
    province: { slug: province.slug, timeZone: province.time_zone },
    replication,
    canUpdate: replication.province_id === province.id && canUpdateReplication(viewer.ability, replication),
    next: nextStatuses(replication.status),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenReplications)
  const id = idParam(params, 'replication')
  const replication = await loadReplication(context.db, province.id, id)
  if (!canUpdateReplication(viewer.ability, replication)) throw forbidden()
  const meta = requestMeta(request, context)
  const actor = { provinceId: province.id, userId: viewer.user.id, ip: meta.ip }
  const outcome = await runStatusIntent(context.db, province, actor, id, await request.formData())
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<FormReply>(outcome.reply, { status: outcome.status })
}

export default function ReplicationPage() {
  const { province, replication: r, canUpdate, next } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as FormReply | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation(['common', 'replication'])
  const lng = i18n.language as Language
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/replications`}>{t('replication:detail.back')}</Link>
      </p>
      <h1>{t('replication:detail.title', { title: r.innovation_title })}</h1>
      <DoneNotice done={search.get('done')} />
      <p>
        <StatusBadge>{t(`replication:statuses.${r.status}`)}</StatusBadge> {t(`replication:forms.${r.form}`)} ·{' '}
        {t(`replication:formHints.${r.form}`)}
      </p>
      <dl className="facts">
        <dt>{t('replication:detail.origin')}</dt>
        <dd>{r.origin_name}</dd>
        <dt>{t('replication:detail.level')}</dt>
        <dd>{t(`replication:levels.${r.level}`)}</dd>
        {r.level === 'ministry' ? null : (
          <>
            <dt>{t('replication:detail.place')}</dt>
            <dd>{replicationPlace(t, r)}</dd>
          </>
        )}
        <dt>{t('replication:detail.replicatedBy')}</dt>
        <dd>
          {r.agency_name}
          {r.agency_unit ? ` — ${r.agency_unit}` : ''}
        </dd>
        <dt>{t('replication:columns.startedOn')}</dt>
        <dd>{formatDate(r.started_on, lng)}</dd>
        <dt>{t('replication:detail.changes')}</dt>
        <dd className="pre-wrap">{r.changes || t('replication:detail.noChanges')}</dd>
        <dt>{t('replication:detail.contact')}</dt>
        <dd>
          {r.contact_name}
          {r.contact_email ? (
            <>
              {' · '}
              <a href={`mailto:${r.contact_email}`}>{r.contact_email}</a>
            </>
          ) : null}
          {r.contact_phone ? (
            <>
              {' · '}
              <a href={`tel:${r.contact_phone.replace(/[^+0-9]/g, '')}`}>{r.contact_phone}</a>
            </>
          ) : null}
        </dd>
        <dt>{t('replication:detail.recordedOn')}</dt>
        <dd>{formatDateTime(new Date(r.created_at), lng, province.timeZone)}</dd>
      </dl>

      <ReplyErrors
        reply={reply}
        form="status"
        labels={{ status: t('replication:form.status') }}
        title={t('replication:errors.summary')}
      />
      {canUpdate ? (
        next.length === 0 ? (
          <p className="muted">{t('replication:detail.final')}</p>
        ) : (
          <Form method="post" className="box" aria-labelledby="status-heading">
            <h2 id="status-heading">{t('replication:detail.statusHeading')}</h2>
            <input type="hidden" name="intent" value="status" />
            <div className="field">
              <label htmlFor="status-status">{t('replication:form.status')}</label>
              <select id="status-status" name="status" defaultValue={next[0]}>
                {next.map((s) => (
                  <option key={s} value={s}>
                    {t(`replication:statuses.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t('replication:detail.statusSubmit')}</button>
          </Form>
        )
      ) : (
        <p className="muted">
          {t('replication:detail.readOnly', {
            province: r.level === 'ministry' ? t('replication:levels.ministry') : r.province_name,
          })}
        </p>
      )}
    </main>
  )
}
