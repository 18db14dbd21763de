import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { forbidden, refusal } from '#app/modules/errors/errors.ts'
import { canDecideSelection, canReadSelections } from '#app/modules/selection/access.ts'
import { formatFigure } from '#app/modules/selection/leaderboard.ts'
import { decisionSchema } from '#app/modules/selection/selection.schema.ts'
import { decideSelection, loadSelection, publishSelection } from '#app/modules/selection/selection.server.ts'
import { RETURN_NOTE_MAX, selectionAwaitsDecision } from '#app/modules/selection/selection-rules.ts'
import { requireActiveProvince, requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import { firstError } from '#app/modules/validation/form-errors.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.provinceSelection' as const,
  crumbs: [
    { title: 'pages.national', to: '/national' },
    { title: 'pages.selections', to: '/national/selections' },
  ],
}

type Reply = { error: string; note?: string }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadSelections)
  const province = await requireActiveProvince(context.db, params.province)
  const selection = await loadSelection(context.db, province.id, context.now(), 1)
  return {
    province,
    mayDecide: canDecideSelection(viewer.ability, province),
    done: new URL(request.url).searchParams.get('done'),
    ...selection,
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadSelections)
  const province = await requireActiveProvince(context.db, params.province)
  if (!canDecideSelection(viewer.ability, province)) throw forbidden()
  const form = await request.formData()
  const submission = parseWithZod(form, { schema: decisionSchema })
  if (submission.status !== 'success') {
    const note = typeof form.get('note') === 'string' ? String(form.get('note')) : undefined
    return data<Reply>({ error: firstError(submission.error, 'selection:errors.invalid'), note }, { status: 400 })
  }
  const meta = requestMeta(request, context)
  const actor = { userId: viewer.user.id, ip: meta.ip }
  const input = submission.value
  try {
    if (input.intent === 'publish') {
      const result = await publishSelection(context.db, actor, province, meta.origin, meta.now)
      if (!result.already) {
        context.invalidatePortal(province.slug)
        context.kickMail?.()
        context.kickMessages?.()
      }
    } else {
      const decision =
        input.intent === 'confirm' ? { kind: 'confirm' as const } : { kind: 'return' as const, note: input.note }
      await decideSelection(context.db, actor, province, decision, meta.now)
    }
  } catch (error) {
    const no = refusal(error)
    return data<Reply>({ error: no.key }, { status: no.status })
  }
  return redirect(`/national/selections/${province.slug}?done=${input.intent}`)
}

export default function NationalSelection() {
  const page = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const { province, mayDecide, done } = page
  const { t, i18n } = useTranslation(['common', 'selection'])
  const lng = i18n.language as Language
  const fig = (v: number) => formatFigure(v, lng)
  return (
    <main id="main" className="page">
      <h1>{t('selection:national.provinceTitle', { name: province.name })}</h1>
      {done ? <FormMessage kind="ok">{t(`selection:done.${done}` as 'selection:done.confirm')}</FormMessage> : null}
      {reply ? <FormMessage kind="error">{t(reply.error as 'selection:errors.invalid')}</FormMessage> : null}
      {!page.call ? (
        <p className="empty">{t('selection:noCall')}</p>
      ) : (
        <>
          <p id="selection-status">
            {t('selection:selection.status')}:{' '}
            <strong data-status={page.status}>{t(`selection:status.${page.status}`)}</strong>
          </p>
          <p className="muted">{t(`selection:ranking.methods.${page.call.ranking_method}`)}</p>
          {page.finalists.length === 0 ? (
            <p className="empty">{t('selection:selection.noFinalists')}</p>
          ) : (
            <div className="table-wrap">
              <table id="finalists">
                <thead>
                  <tr>
                    <th scope="col">{t('selection:ranking.rank')}</th>
                    <th scope="col">{t('selection:ranking.venture')}</th>
                    <th scope="col">{t('selection:ranking.issue')}</th>
                    <th scope="col">{t('selection:ranking.mean')}</th>
                    <th scope="col">{t('selection:ranking.spread')}</th>
                    <th scope="col">{t('selection:ranking.normalised')}</th>
                    <th scope="col">{t('selection:national.justification')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.finalists.map((e) => (
                    <tr key={e.id}>
                      <td>{e.rank}</td>
                      <td>{e.venture}</td>
                      <td>{lng === 'en' ? e.issue.en : e.issue.id}</td>
                      <td>{fig(e.mean)}</td>
                      <td>{fig(e.spread)}</td>
                      <td>{fig(e.normalised)}</td>
                      <td>{e.justification}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="muted">{t('selection:national.shortlistCount', { count: page.shortlist.length })}</p>
          {mayDecide && selectionAwaitsDecision(page.status) ? (
            <>
              <Form method="post" className="box">
                <input type="hidden" name="intent" value="confirm" />
                <button type="submit">{t('selection:national.confirm')}</button>
              </Form>
              <Form method="post" className="box">
                <input type="hidden" name="intent" value="return" />
                <label htmlFor="note">{t('selection:national.note')}</label>
                <textarea id="note" name="note" rows={3} maxLength={RETURN_NOTE_MAX} defaultValue={reply?.note ?? ''} />
                <button type="submit" className="secondary">
                  {t('selection:national.return')}
                </button>
              </Form>
            </>
          ) : null}
          {mayDecide && page.status === 'confirmed' ? (
            <Form method="post" className="box">
              <input type="hidden" name="intent" value="publish" />
              <p>{t('selection:selection.publishHelp')}</p>
              <button type="submit">{t('selection:selection.publish')}</button>
            </Form>
          ) : null}
        </>
      )}
    </main>
  )
}
