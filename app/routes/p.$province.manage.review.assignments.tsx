import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import {
  addAssignment,
  loadAssignmentsPage,
  type RunResult,
  rebalanceAssignments,
  removeAssignment,
  runAssignment,
} from '#app/modules/assignment/assignments.server.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idField, invalid, notFound, refusal } from '#app/modules/errors/errors.ts'
import { canManageReview, canReadReview } from '#app/modules/review/manage-access.ts'
import { callField, callQuery } from '#app/modules/review/review-params.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'
import { CallPicker, ReviewNav } from '#app/ui/review-nav.tsx'

export const handle: RouteHandle = {
  title: 'pages.assignments' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.reviewSettings', to: '/p/:province/manage/review' },
  ],
}

type Reply = {
  run?: RunResult
  added?: boolean
  removed?: boolean
  moved?: number
  refused?: string
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadReview)
  const url = new URL(request.url)
  const page = await loadAssignmentsPage(context.db, province, { id: callQuery(url.searchParams), now: context.now() })
  return { province, page, mayManage: canManageReview(viewer.ability, province) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageReview)
  const form = await request.formData()
  const callId = callField(form)
  const meta = requestMeta(request, context)
  const actor = { userId: viewer.user.id, ip: meta.ip, now: meta.now, origin: meta.origin }
  const intent = form.get('intent')
  try {
    if (intent === 'assign') {
      const run = await runAssignment(context.db, province, actor, callId)
      context.kickMail?.()
      return data<Reply>({ run })
    }
    if (intent === 'rebalance') {
      const moved = await rebalanceAssignments(context.db, province, actor, callId)
      context.kickMail?.()
      return data<Reply>({ moved })
    }
    if (intent === 'add' || intent === 'remove') {
      const applicationId = idField(form, 'application')
      const reviewerId = idField(form, 'reviewer')
      if (!applicationId) throw notFound()
      if (!reviewerId) return data<Reply>({ refused: 'screening:assignments.refused.noReviewer' }, { status: 400 })
      const pair = { applicationId, reviewerId }
      if (intent === 'add') {
        const added = await addAssignment(context.db, province, actor, callId, pair)
        context.kickMail?.()
        return data<Reply>({ added })
      }
      return data<Reply>({ removed: await removeAssignment(context.db, province, actor, callId, pair) })
    }
  } catch (error) {
    const no = refusal(error)
    return data<Reply>({ refused: no.key }, { status: no.status })
  }
  throw invalid('errors.genericBody')
}

export default function Assignments() {
  const { province, page, mayManage } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const { t, i18n } = useTranslation(['common', 'screening'])
  const text = useErrorText()
  const lng = i18n.language as Language
  const call = page?.call
  if (!page || !call) {
    return (
      <main id="main" className="page">
        <ReviewNav slug={province.slug} />
        <h1>{t('screening:assignments.title')}</h1>
        <p className="empty">{t('screening:noCall')}</p>
      </main>
    )
  }
  const nameOf = new Map(page.reviewers.map((r) => [r.id, r.opd ? `${r.name} (${r.opd})` : r.name]))
  const uncovered = page.applications.filter((a) => a.missing > 0)
  return (
    <main id="main" className="page">
      <ReviewNav slug={province.slug} />
      <h1>{t('screening:assignments.title')}</h1>
      <CallPicker calls={page.calls} current={call.id} timeZone={province.time_zone} />
      <p className="muted">
        {t('screening:assignments.intro', { count: call.reviewers_per_application, reviewers: page.reviewers.length })}
      </p>
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}
      {reply?.run ? (
        <section aria-labelledby="run" className="box" role="status">
          <h2 id="run">{t('screening:assignments.result.title')}</h2>
          <p>{t('screening:assignments.result.assigned', { count: reply.run.assigned })}</p>
          <p>{t('screening:assignments.result.notified', { count: reply.run.reviewers })}</p>
          {reply.run.uncovered.length === 0 ? (
            <p>{t('screening:assignments.result.allCovered')}</p>
          ) : (
            <>
              <p>{t('screening:assignments.result.uncovered', { count: reply.run.uncovered.length })}</p>
              <ul>
                {reply.run.uncovered.map((u) => (
                  <li key={u.applicationId}>
                    {`${u.receipt} — ${u.venture}: `}
                    {t('screening:assignments.result.missing', { assigned: u.assigned, missing: u.missing })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}
      {reply?.added ? <FormMessage kind="ok">{t('screening:done.assignmentAdded')}</FormMessage> : null}
      {reply?.removed ? <FormMessage kind="ok">{t('screening:done.assignmentRemoved')}</FormMessage> : null}
      {reply?.moved !== undefined ? (
        <FormMessage kind="ok">{t('screening:done.rebalanced', { count: reply.moved })}</FormMessage>
      ) : null}

      {mayManage ? (
        <div className="box">
          <Form method="post" className="inline">
            <input type="hidden" name="call" value={call.id} />
            <button type="submit" name="intent" value="assign">
              {t('screening:assignments.assignAll')}
            </button>
          </Form>{' '}
          <Form method="post" className="inline">
            <input type="hidden" name="call" value={call.id} />
            <button type="submit" name="intent" value="rebalance" className="secondary">
              {t('screening:assignments.rebalance')}
            </button>
          </Form>
          <p className="hint">{t('screening:assignments.hint')}</p>
        </div>
      ) : null}

      {uncovered.length > 0 ? (
        <p className="form-error">{t('screening:assignments.uncoveredNow', { count: uncovered.length })}</p>
      ) : null}

      <h2>{t('screening:assignments.loads')}</h2>
      <ul className="rows">
        {page.reviewers.map((r) => (
          <li key={r.id}>
            {r.name}
            {r.opd ? ` (${r.opd})` : ''}: {t('screening:assignments.load', { count: r.assigned })}
          </li>
        ))}
      </ul>

      <h2>{t('screening:assignments.perApplication')}</h2>
      {page.applications.length === 0 ? (
        <p className="empty">{t('screening:assignments.empty')}</p>
      ) : (
        page.applications.map((a) => (
          <section key={a.id} className="box" aria-labelledby={`app-${a.id}`}>
            <h3 id={`app-${a.id}`}>
              {a.receipt_number} — {a.venture_name}
            </h3>
            <p className="muted">
              {lng === 'en' ? a.issue_title_en : a.issue_title_id}
              {a.missing > 0 ? ` · ${t('screening:assignments.missing', { count: a.missing })}` : ''}
            </p>
            {a.assignments.length === 0 ? (
              <p className="empty">{t('screening:assignments.none')}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('screening:assignments.reviewer')}</th>
                      <th scope="col">{t('screening:assignments.opd')}</th>
                      <th scope="col">{t('screening:assignments.declared')}</th>
                      <th scope="col">{t('screening:assignments.scored')}</th>
                      {mayManage ? <th scope="col">{t('screening:assignments.actions')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {a.assignments.map((x) => (
                      <tr key={x.reviewer_id}>
                        <td>
                          {x.reviewer_name}
                          {x.source === 'manual' ? ` (${t('screening:assignments.manual')})` : ''}
                        </td>
                        <td>{x.opd ?? '—'}</td>
                        <td>{x.declared_at ? t('screening:yes') : t('screening:no')}</td>
                        <td>
                          {x.scored_at
                            ? t('screening:yes')
                            : x.has_scores
                              ? t('screening:assignments.partly')
                              : t('screening:no')}
                        </td>
                        {mayManage ? (
                          <td>
                            {x.has_scores ? (
                              '—'
                            ) : (
                              <Form method="post" className="inline">
                                <input type="hidden" name="call" value={call.id} />
                                <input type="hidden" name="application" value={a.id} />
                                <input type="hidden" name="reviewer" value={x.reviewer_id} />
                                <button type="submit" name="intent" value="remove" className="secondary">
                                  {t('screening:assignments.remove')}
                                </button>
                              </Form>
                            )}
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {mayManage && a.candidates.length > 0 ? (
              <Form method="post" className="inline">
                <input type="hidden" name="call" value={call.id} />
                <input type="hidden" name="application" value={a.id} />
                <label htmlFor={`add-${a.id}`}>{t('screening:assignments.addLabel')}</label>{' '}
                <select id={`add-${a.id}`} name="reviewer">
                  {a.candidates.map((id) => (
                    <option key={id} value={id}>
                      {nameOf.get(id)}
                    </option>
                  ))}
                </select>{' '}
                <button type="submit" name="intent" value="add" className="secondary">
                  {t('screening:assignments.add')}
                </button>
              </Form>
            ) : null}
          </section>
        ))
      )}
    </main>
  )
}
