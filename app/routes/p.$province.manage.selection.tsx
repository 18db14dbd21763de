import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { canManageSelection, canReadRanking } from '#app/modules/selection/access.ts'
import { type ChosenRow, formatFigure } from '#app/modules/selection/leaderboard.ts'
import { selectionSchema } from '#app/modules/selection/selection.schema.ts'
import { loadSelection, markEntry, publishSelection, submitSelection } from '#app/modules/selection/selection.server.ts'
import {
  FINALISTS,
  JUSTIFICATION_MAX,
  JUSTIFICATION_MIN,
  selectionIsEditable,
} from '#app/modules/selection/selection-rules.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { firstError } from '#app/modules/validation/form-errors.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { Pager } from '#app/ui/page-parts.tsx'

export const handle: RouteHandle = {
  title: 'pages.selection' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export type SelectionReply = { error: string; application?: string; justification?: string }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadRanking)
  const url = new URL(request.url)
  const page = parsePage(url.searchParams)
  const selection = await loadSelection(context.db, province.id, context.now(), page)
  return {
    province,
    canManage: canManageSelection(viewer.ability, province),
    done: url.searchParams.get('done'),
    ...selection,
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageSelection)
  const form = await request.formData()
  const submission = parseWithZod(form, { schema: selectionSchema })
  const typed = (name: string) => (typeof form.get(name) === 'string' ? String(form.get(name)) : undefined)
  const application = typed('application')
  if (submission.status !== 'success') {
    const error = firstError(submission.error, 'selection:errors.invalid')
    return data<SelectionReply>({ error, application, justification: typed('justification') }, { status: 400 })
  }
  const meta = requestMeta(request, context)
  const actor = { userId: viewer.user.id, ip: meta.ip }
  const input = submission.value
  try {
    if (input.intent === 'submit') await submitSelection(context.db, actor, province, meta.now)
    else if (input.intent === 'publish') {
      const result = await publishSelection(context.db, actor, province, meta.origin, meta.now)
      if (!result.already) {
        context.invalidatePortal(province.slug)
        context.kickMail?.()
        context.kickMessages?.()
      }
    } else {
      const stage = input.intent === 'remove' ? null : input.intent === 'finalist' ? 'finalist' : 'shortlisted'
      const justification = input.intent === 'finalist' ? input.justification : ''
      await markEntry(context.db, actor, province, { application: input.application, stage, justification }, meta.now)
    }
  } catch (error) {
    const no = refusal(error)
    return data<SelectionReply>({ error: no.key, application }, { status: no.status })
  }
  // Back to the page of the leaderboard the form was sent from (the shortlist is on every page).
  const from = parsePage(new URL(request.url).searchParams)
  return redirect(`/p/${province.slug}/manage/selection?done=${input.intent}${from > 1 ? `&page=${from}` : ''}`)
}

export default function SelectionPage() {
  const page = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as SelectionReply | undefined
  const { province, canManage, done } = page
  const { t, i18n } = useTranslation(['common', 'selection'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/manage`
  const fig = (v: number) => formatFigure(v, lng)
  if (!page.call) {
    return (
      <main id="main" className="page">
        <p>
          <Link to={base}>{t('selection:back')}</Link>
        </p>
        <h1>{t('selection:selection.title', { name: province.name })}</h1>
        <p className="empty">{t('selection:noCall')}</p>
      </main>
    )
  }
  const editable = canManage && selectionIsEditable(page.status)
  const errorText = reply
    ? t(reply.error as 'selection:errors.invalid', { n: FINALISTS, min: JUSTIFICATION_MIN })
    : null
  const finalistForm = (e: ChosenRow) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="finalist" />
      <input type="hidden" name="application" value={e.id} />
      <label htmlFor={`j-${e.id}`}>{t('selection:selection.justification', { min: JUSTIFICATION_MIN })}</label>
      <textarea
        id={`j-${e.id}`}
        name="justification"
        rows={3}
        maxLength={JUSTIFICATION_MAX}
        defaultValue={reply?.application === e.id ? (reply.justification ?? e.justification) : e.justification}
        aria-invalid={reply?.application === e.id ? true : undefined}
      />
      <button type="submit" className="secondary">
        {t('selection:selection.makeFinalist')}
      </button>
    </Form>
  )
  return (
    <main id="main" className="page">
      <p>
        <Link to={base}>{t('selection:back')}</Link> · <Link to={`${base}/ranking`}>{t('selection:ranking.link')}</Link>
      </p>
      <h1>{t('selection:selection.title', { name: province.name })}</h1>
      <p id="selection-status">
        {t('selection:selection.status')}:{' '}
        <strong data-status={page.status}>{t(`selection:status.${page.status}`)}</strong>
      </p>
      {page.status === 'returned' && page.returnNote ? (
        <FormMessage kind="error">{t('selection:selection.returnedNote', { note: page.returnNote })}</FormMessage>
      ) : null}
      {done ? <FormMessage kind="ok">{t(`selection:done.${done}` as 'selection:done.submit')}</FormMessage> : null}
      {errorText ? <FormMessage kind="error">{errorText}</FormMessage> : null}
      <p className="muted">{t('selection:selection.intro', { n: FINALISTS, min: JUSTIFICATION_MIN })}</p>

      <section aria-labelledby="finalists-heading">
        <h2 id="finalists-heading">
          {t('selection:selection.finalists', { count: page.finalists.length, n: FINALISTS })}
        </h2>
        {page.finalists.length === 0 ? (
          <p className="empty">{t('selection:selection.noFinalists')}</p>
        ) : (
          <ol id="finalists">
            {page.finalists.map((e) => (
              <li key={e.id}>
                <strong>{e.venture}</strong> · {e.receipt} ·{' '}
                {t('selection:selection.rankScore', { rank: e.rank, score: fig(e.score) })}
                <p>{e.justification}</p>
                {editable ? finalistForm(e) : null}
                {editable ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="shortlist" />
                    <input type="hidden" name="application" value={e.id} />
                    <button type="submit" className="secondary">
                      {t('selection:selection.backToShortlist')}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="shortlist-heading">
        <h2 id="shortlist-heading">{t('selection:selection.shortlist', { count: page.shortlist.length })}</h2>
        {page.shortlist.length === 0 ? (
          <p className="empty">{t('selection:selection.noShortlist')}</p>
        ) : (
          <ul id="shortlist">
            {page.shortlist.map((e) => (
              <li key={e.id}>
                <strong>{e.venture}</strong> · {e.receipt} ·{' '}
                {t('selection:selection.rankScore', { rank: e.rank, score: fig(e.score) })}
                {editable ? finalistForm(e) : null}
                {editable ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="application" value={e.id} />
                    <button type="submit" className="secondary">
                      {t('selection:selection.remove')}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canManage && editable ? (
        <Form method="post" className="box">
          <input type="hidden" name="intent" value="submit" />
          <p>{t('selection:selection.submitHelp', { n: FINALISTS })}</p>
          <button type="submit">{t('selection:selection.submit')}</button>
        </Form>
      ) : null}
      {canManage && page.status === 'confirmed' ? (
        <Form method="post" className="box">
          <input type="hidden" name="intent" value="publish" />
          <p>{t('selection:selection.publishHelp')}</p>
          <button type="submit">{t('selection:selection.publish')}</button>
        </Form>
      ) : null}

      <section aria-labelledby="ranked-heading">
        <h2 id="ranked-heading">{t('selection:selection.ranked', { count: page.total })}</h2>
        {page.entries.length === 0 ? (
          <p className="empty">{t('selection:ranking.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('selection:ranking.rank')}</th>
                  <th scope="col">{t('selection:ranking.receipt')}</th>
                  <th scope="col">{t('selection:ranking.venture')}</th>
                  <th scope="col">{t('selection:ranking.score')}</th>
                  <th scope="col">{t('selection:ranking.flags')}</th>
                  <th scope="col">{t('selection:selection.stage')}</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((e) => (
                  <tr key={e.id} data-application={e.id}>
                    <td>{e.rank}</td>
                    <td>{e.receipt}</td>
                    <td>{e.venture}</td>
                    <td>{fig(e.score)}</td>
                    <td>
                      {e.disagreement ? <span className="badge">{t('selection:ranking.disagreement')}</span> : null}{' '}
                      {e.tie ? <span className="badge">{t('selection:ranking.tie')}</span> : null}
                    </td>
                    <td>
                      {e.stage ? t(`selection:stage.${e.stage}`) : null}
                      {editable && e.stage === null ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="shortlist" />
                          <input type="hidden" name="application" value={e.id} />
                          <button type="submit" className="secondary">
                            {t('selection:selection.addShortlist')}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          page={page.page}
          pageCount={page.pageCount}
          href={(n) => `?page=${n}`}
          label={t('selection:ranking.pages')}
        />
      </section>
    </main>
  )
}
