import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canManageCalls, canReadCalls } from '#app/modules/calls/access.ts'
import { callPhase } from '#app/modules/calls/call-rules.ts'
import { callSchema } from '#app/modules/calls/calls.schema.ts'
import { createCall, loadCallsPage } from '#app/modules/calls/calls.server.ts'
import { zoneAbbreviation } from '#app/modules/calls/zoned-time.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { CallForm } from '#app/ui/call-form.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.calls' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadCalls)
  const now = context.now()
  const page = await loadCallsPage(context.db, province)
  return {
    province,
    edition: page.edition,
    calls: page.calls.map((c) => ({
      id: c.id,
      opens_at: c.opens_at,
      closes_at: c.closes_at,
      phase: callPhase({ opensAt: c.opens_at, closesAt: c.closes_at, published: c.status === 'published' }, now),
    })),
    missing: page.missing,
    zone: zoneAbbreviation(now, province.time_zone),
    mayManage: canManageCalls(viewer.ability, province),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageCalls)
  const meta = requestMeta(request, context)
  const submission = parseWithZod(await request.formData(), { schema: callSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    const id = await createCall(
      context.db,
      province,
      { userId: viewer.user.id, ip: meta.ip, now: meta.now, origin: meta.origin },
      submission.value,
    )
    // Drafts are not public: the portal needs no refresh yet.
    return redirect(`/p/${province.slug}/manage/calls/${id}?created=1`)
  } catch (error) {
    const no = refusal(error)
    const reply = no.field
      ? submission.reply({ fieldErrors: { [no.field]: [no.key] } })
      : submission.reply({ formErrors: [no.key] })
    return data({ result: reply }, { status: 400 })
  }
}

export default function CallsPage() {
  const { province, edition, calls, missing, zone, mayManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'calls'])
  const text = useErrorText()
  const lng = i18n.language as Language
  const at = (d: Date | string) => formatDateTime(new Date(d), lng, province.time_zone)
  return (
    <main id="main" className="page">
      <h1>{t('calls:list.title', { name: province.name })}</h1>
      {edition ? (
        <p className="muted">
          {t('calls:list.edition', {
            edition: edition.name,
            start: formatDate(edition.starts_on, lng),
            end: formatDate(edition.ends_on, lng),
          })}
        </p>
      ) : (
        <FormMessage kind="error">{text('calls:errors.noEdition')}</FormMessage>
      )}
      <p className="muted small">{t('calls:list.timeZone', { zone })}</p>
      {missing.length > 0 ? (
        <p className="form-error" role="status">
          {t('calls:list.checklistIncomplete')}{' '}
          <Link to={`/p/${province.slug}/manage/checklist`}>{t('calls:list.checklistLink')}</Link>
        </p>
      ) : null}
      {calls.length === 0 ? (
        <p className="empty">{t('calls:list.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('calls:list.opens')}</th>
                <th scope="col">{t('calls:list.closes')}</th>
                <th scope="col">{t('calls:list.status')}</th>
                <th scope="col">{t('calls:list.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.id}>
                  <td>{at(c.opens_at)}</td>
                  <td>{at(c.closes_at)}</td>
                  <td>{t(`calls:phase.${c.phase}`)}</td>
                  <td>
                    <Link to={`/p/${province.slug}/manage/calls/${c.id}`}>
                      {mayManage ? t('calls:list.open') : t('calls:list.view')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayManage && edition ? (
        <CallForm
          lastResult={actionData?.result}
          zone={zone}
          period={{
            min: `${edition.starts_on}T00:00`,
            max: `${edition.ends_on}T23:59`,
            text: `${formatDate(edition.starts_on, lng)} – ${formatDate(edition.ends_on, lng)}`,
          }}
        />
      ) : null}
    </main>
  )
}
