import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectNow, loadReviewersPage } from '#app/modules/assignment/reviewers.server.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { invalid } from '#app/modules/errors/errors.ts'
import { canManageReview, canReadReview } from '#app/modules/review/manage-access.ts'
import { callField, callQuery } from '#app/modules/review/review-params.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { CallPicker, ReviewNav } from '#app/ui/review-nav.tsx'

export const handle: RouteHandle = {
  title: 'pages.reviewers' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadReview)
  const url = new URL(request.url)
  const page = await loadReviewersPage(context.db, province, { id: callQuery(url.searchParams), now: context.now() })
  return { province, page, mayManage: canManageReview(viewer.ability, province) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageReview)
  const form = await request.formData()
  const callId = callField(form)
  if (form.get('intent') !== 'detect') throw invalid('errors.genericBody')
  const meta = requestMeta(request, context)
  const actor = { userId: viewer.user.id, ip: meta.ip, now: meta.now, origin: meta.origin }
  return data({ detected: await detectNow(context.db, province, actor, callId) })
}

export default function Reviewers() {
  const { province, page, mayManage } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'screening'])
  return (
    <main id="main" className="page">
      <ReviewNav slug={province.slug} />
      <h1>{t('screening:reviewers.title')}</h1>
      {page?.call ? <CallPicker calls={page.calls} current={page.call.id} timeZone={province.time_zone} /> : null}
      {reply ? <FormMessage kind="ok">{t('screening:done.detected', { count: reply.detected })}</FormMessage> : null}
      <p className="muted">{t('screening:reviewers.intro')}</p>
      {mayManage && page?.call ? (
        <Form method="post" className="box">
          <input type="hidden" name="call" value={page.call.id} />
          <button type="submit" name="intent" value="detect">
            {t('screening:reviewers.detect')}
          </button>
          <p className="hint">{t('screening:reviewers.detectHint')}</p>
        </Form>
      ) : null}
      {!page || page.reviewers.length === 0 ? (
        <p className="empty">{t('screening:reviewers.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('screening:reviewers.name')}</th>
                <th scope="col">{t('screening:reviewers.opd')}</th>
                <th scope="col">{t('screening:reviewers.load')}</th>
                <th scope="col">{t('screening:reviewers.conflicts')}</th>
              </tr>
            </thead>
            <tbody>
              {page.reviewers.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.name}
                    <br />
                    <span className="muted">{r.email}</span>
                  </td>
                  <td>{r.opd ? `${r.opd}${r.opdShort ? ` (${r.opdShort})` : ''}` : '—'}</td>
                  <td>{t('screening:reviewers.loadValue', { assigned: r.assigned, scored: r.scored })}</td>
                  <td>
                    {r.conflicts.length === 0 ? (
                      '—'
                    ) : (
                      <ul>
                        {r.conflicts.map((c) => (
                          <li key={`${c.applicationId}-${c.source}`}>
                            {c.receipt} — {c.venture}: {t(`screening:conflict.kind.${c.kind}`)} (
                            {t(`screening:conflict.source.${c.source}`)}){c.note ? ` — ${c.note}` : ''}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  )
}
