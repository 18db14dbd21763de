import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime, formatScore } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { formatBytes } from '#app/modules/intake/display.ts'
import { canReview } from '#app/modules/review-desk/access.ts'
import { type ReviewReply, runReviewIntent } from '#app/modules/review-desk/review-page.server.ts'
import { COMMENT_MAX, CONFLICT_NOTE_MAX, DECLARABLE_KINDS } from '#app/modules/review-desk/scoring.schema.ts'
import { loadReview } from '#app/modules/review-desk/workspace.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { ProposalSections } from '#app/ui/proposal-sections.tsx'

// One assigned application (issue 7, item 5): the conflict-of-interest declaration
// first, and only after "no conflict" the application (as blind review allows) with
// the rubric form. Plain forms: everything works without JavaScript.
export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.reviewApplication' as const,
  crumbs: [{ title: 'pages.reviewHome', to: '/p/:province/review' }],
}

async function guard({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReview)
  const reviewer = { provinceId: province.id, userId: viewer.user.id, ability: viewer.ability }
  return { province, reviewer, id: idParam(params, 'application') }
}

export async function loader(args: LoaderFunctionArgs) {
  const { province, reviewer, id } = await guard(args)
  const review = await loadReview(args.context.db, reviewer, id, args.context.now())
  return { province, ...review }
}

export async function action(args: ActionFunctionArgs) {
  const { province, reviewer, id } = await guard(args)
  const { request, context } = args
  const { ip, origin } = requestMeta(request, context)
  const page = { applicationId: id, province, origin, now: context.now() }
  const outcome = await runReviewIntent(context.db, { ...reviewer, ip }, page, await request.formData())
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<ReviewReply>(outcome.reply, { status: outcome.status })
}

export default function ReviewApplication() {
  const loaded = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as ReviewReply | undefined
  const { t, i18n } = useTranslation(['common', 'review', 'apply', 'venture'])
  const [params] = useSearchParams()
  const lng = i18n.language as Language
  const { province, heading } = loaded
  const base = `/p/${province.slug}/review`
  const when = (instant: string | Date | null) =>
    instant ? formatDateTime(new Date(instant), lng, province.time_zone) : '—'
  const issue = lng === 'en' ? heading.issue_title_en : heading.issue_title_id
  const receipt = heading.receipt_number ?? '—'
  return (
    <main id="main" className="page">
      <h1>{t('review:application.heading', { receipt })}</h1>
      {reply?.refused ? <FormMessage kind="error">{t(reply.refused as 'review:errors.closed')}</FormMessage> : null}

      {loaded.stage === 'declare' ? (
        <section aria-labelledby="declare" className="box">
          <h2 id="declare">{t('review:declare.heading')}</h2>
          <p>{t('review:declare.intro', { receipt, issue })}</p>
          <p className="muted">{t('review:declare.why')}</p>
          <Form method="post" action={`${base}/${heading.id}`}>
            <input type="hidden" name="application" value={heading.id} />
            <input type="hidden" name="intent" value="declare" />
            <input type="hidden" name="conflict" value="none" />
            <p className="nav">
              <button type="submit">{t('review:declare.none')}</button>
            </p>
          </Form>
          <Form method="post" action={`${base}/${heading.id}`}>
            <input type="hidden" name="application" value={heading.id} />
            <input type="hidden" name="intent" value="declare" />
            <input type="hidden" name="conflict" value="yes" />
            <fieldset>
              <legend>{t('review:declare.kind')}</legend>
              {DECLARABLE_KINDS.map((k) => (
                <label key={k} className="choice">
                  <input type="radio" name="kind" value={k} required /> {t(`review:kind.${k}`)}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="conflict-note">{t('review:declare.note')}</label>
              <p className="hint" id="conflict-note-hint">
                {t('review:declare.noteHint', { max: CONFLICT_NOTE_MAX })}
              </p>
              <textarea
                id="conflict-note"
                name="note"
                rows={3}
                maxLength={CONFLICT_NOTE_MAX}
                aria-describedby="conflict-note-hint"
              />
            </div>
            {reply?.declareError ? (
              <p className="field-error" role="alert">
                {t(reply.declareError as 'review:declare.errors.kind')}
              </p>
            ) : null}
            <p className="nav">
              <button type="submit" className="secondary">
                {t('review:declare.conflict')}
              </button>
            </p>
          </Form>
        </section>
      ) : (
        <ReviewBody loaded={loaded} reply={reply} saved={params.get('saved')} when={when} />
      )}
    </main>
  )
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>
type Reviewed = Extract<Loaded, { stage: 'review' }>

function ReviewBody({
  loaded,
  reply,
  saved,
  when,
}: {
  loaded: Reviewed
  reply: ReviewReply | undefined
  /** "1" after a save that changed scores, "0" after one that changed nothing. */
  saved: string | null
  when: (instant: string | Date | null) => string
}) {
  const { t, i18n } = useTranslation(['common', 'review', 'apply', 'venture'])
  const lng = i18n.language as Language
  const { province, heading, state, application: a, indicators, criteria, scores } = loaded
  const base = `/p/${province.slug}/review`
  const editable = state.open && state.inReview && criteria.length > 0
  const posted = new Map(reply?.entries?.map((e) => [e.criterionId, e]))
  return (
    <>
      {/* One message per outcome: the answer to this post wins over the earlier save's notice. */}
      {reply ? null : saved === '1' ? (
        <FormMessage kind="ok">{t('review:form.saved')}</FormMessage>
      ) : saved === '0' ? (
        <FormMessage kind="info">{t('review:form.unchanged')}</FormMessage>
      ) : null}
      {a.blind ? <p className="muted">{t('review:application.blindNotice')}</p> : null}
      <dl className="facts">
        <dt>{t('review:application.issue')}</dt>
        <dd>{lng === 'en' ? heading.issue_title_en : heading.issue_title_id}</dd>
        {a.organisation === null ? null : (
          <>
            <dt>{t('review:application.organisation')}</dt>
            <dd>{a.organisation}</dd>
          </>
        )}
        <dt>{t('review:application.submittedAt')}</dt>
        <dd>{when(a.submitted_at)}</dd>
        <dt>{t('review:application.deadline')}</dt>
        <dd>{state.closesAt ? when(state.closesAt) : t('review:noDeadline')}</dd>
      </dl>

      <section aria-labelledby="venture" className="box">
        <h2 id="venture">{t('review:application.venture')}</h2>
        <dl className="facts">
          <dt>{t('venture:form.legalForm')}</dt>
          <dd>{t(`venture:legalForm.${a.venture.legal_form}` as 'venture:legalForm.community')}</dd>
          <dt>{t('venture:form.stage')}</dt>
          <dd>{t(`venture:stage.${a.venture.stage}` as 'venture:stage.idea')}</dd>
          <dt>{t('review:application.yearFounded')}</dt>
          <dd>{a.venture.year_founded ?? '—'}</dd>
          <dt>{t('review:application.regency')}</dt>
          <dd>
            {a.venture.regency_name && a.venture.regency_kind
              ? t(`venture:regency.${a.venture.regency_kind}` as 'venture:regency.kabupaten', {
                  name: a.venture.regency_name,
                })
              : '—'}
          </dd>
          {a.venture.address === null ? null : (
            <>
              <dt>{t('venture:form.address')}</dt>
              <dd>{a.venture.address || '—'}</dd>
              <dt>{t('review:application.website')}</dt>
              <dd>{a.venture.website || '—'}</dd>
              <dt>{t('venture:form.socialLinks')}</dt>
              <dd>{a.venture.social_links || '—'}</dd>
            </>
          )}
        </dl>
        <h3>{t('review:application.team')}</h3>
        {a.team.length === 0 ? (
          <p className="empty">{t('review:application.noTeam')}</p>
        ) : (
          <ul className="rows">
            {a.team.map((m) => (
              <li key={m.key}>
                <span>
                  <strong>{m.name ?? t('review:application.member', { n: m.key })}</strong> — {m.role}{' '}
                  <span className="muted">
                    ({t(`venture:gender.${m.gender}` as 'venture:gender.female')},{' '}
                    {t(`venture:ageBand.${m.age_band}` as 'venture:ageBand.under_25')})
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <ProposalSections answers={a.texts} beneficiaries={a.beneficiaries_count} indicators={indicators} />

      <section aria-labelledby="files">
        <h2 id="files">{t('review:application.files')}</h2>
        {a.files.length === 0 ? (
          <p className="empty">{t('review:application.noFiles')}</p>
        ) : (
          <ul className="rows">
            {a.files.map((f) => (
              <li key={f.id}>
                <a href={`${base}/${a.id}/files/${f.id}`} download={f.download}>
                  {f.name ?? t('review:application.file', { n: f.position })}
                </a>{' '}
                <span className="muted">
                  ({t(`review:fileKind.${f.kind}` as 'review:fileKind.proposal')}, {formatBytes(f.size, lng)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="rubric" className="box">
        <h2 id="rubric">{t('review:form.heading')}</h2>
        {state.total !== null ? (
          <p className="lead">
            <strong>{t('review:form.total', { total: formatScore(state.total, lng) })}</strong>
          </p>
        ) : null}
        {criteria.length === 0 ? (
          <p className="empty">{t('review:errors.noRubric')}</p>
        ) : !state.inReview ? (
          <FormMessage kind="error">{t('review:errors.notInReview')}</FormMessage>
        ) : !state.open ? (
          <FormMessage kind="error">{t('review:errors.closed')}</FormMessage>
        ) : (
          <p className="muted">{t('review:form.partial')}</p>
        )}
        <ErrorSummary
          items={criteria.flatMap((c, index) => {
            const error = reply?.errors?.[c.id]
            if (!error) return []
            const title = `${index + 1}. ${lng === 'en' ? c.title_en : c.title_id}`
            return [{ fieldId: `score-${c.id}`, text: `${title}: ${t(error as 'review:form.errors.score')}` }]
          })}
        />
        {criteria.length > 0 ? (
          <Form method="post" action={`${base}/${a.id}`}>
            <input type="hidden" name="application" value={a.id} />
            <fieldset disabled={!editable} className="plain">
              {criteria.map((c, index) => {
                const before = posted.get(c.id) ?? scores[c.id]
                const error = reply?.errors?.[c.id]
                return (
                  <fieldset key={c.id} aria-describedby={error ? `err-${c.id}` : undefined}>
                    <legend>
                      {index + 1}. {lng === 'en' ? c.title_en : c.title_id}{' '}
                      <span className="muted">({t('review:form.weight', { weight: c.weight })})</span>
                    </legend>
                    {c.levels.map((level, i) => (
                      <label key={level.id} className="choice">
                        <input
                          type="radio"
                          id={i === 0 ? `score-${c.id}` : undefined}
                          name={`score.${c.id}`}
                          value={i + 1}
                          defaultChecked={before?.score === i + 1}
                        />{' '}
                        <strong>{i + 1}</strong> — {lng === 'en' ? level.en : level.id}
                      </label>
                    ))}
                    <div className="field">
                      <label htmlFor={`comment-${c.id}`}>{t('review:form.comment')}</label>
                      <p className="hint" id={`hint-${c.id}`}>
                        {t('review:form.commentHint', { max: COMMENT_MAX })}
                      </p>
                      <textarea
                        id={`comment-${c.id}`}
                        name={`comment.${c.id}`}
                        rows={3}
                        maxLength={COMMENT_MAX}
                        defaultValue={before?.comment ?? ''}
                        aria-describedby={`hint-${c.id}`}
                      />
                    </div>
                    {error ? (
                      <p id={`err-${c.id}`} className="field-error" role="alert">
                        {t(error as 'review:form.errors.score')}
                      </p>
                    ) : null}
                  </fieldset>
                )
              })}
              <p className="nav">
                <button type="submit" name="intent" value="save" className="secondary">
                  {t('review:form.save')}
                </button>
                <button type="submit" name="intent" value="save_next">
                  {t('review:form.saveNext')}
                </button>
              </p>
            </fieldset>
          </Form>
        ) : null}
      </section>
    </>
  )
}
