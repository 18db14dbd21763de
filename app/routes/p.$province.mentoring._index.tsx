import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canBuildCohort, canOpenMentoring } from '#app/modules/mentoring/access.ts'
import { mentoringActor, pageContext, runHomeIntent } from '#app/modules/mentoring/cohort-page.server.ts'
import { loadMentoringHome } from '#app/modules/mentoring/mentoring.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { type Reply, ReplyMessage } from '#app/ui/mentoring.tsx'

// The province's mentoring (issue 14): its cohorts the viewer may see (Bappeda all,
// a mentor theirs, ministry and ERAT all read-only), and Bappeda's "start the cohort".

export const handle: RouteHandle = { hydrate: false, title: 'pages.mentoring' as const }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenMentoring)
  const home = await loadMentoringHome(context.db, mentoringActor(viewer, requestMeta(request, context).ip), province)
  // Whoever only reads or works on one cohort (a mentor, usually) goes straight to it.
  if (!home.mayBuild && home.cohorts.length === 1) {
    throw redirect(`/p/${province.slug}/mentoring/${home.cohorts[0]?.id}`)
  }
  return { province: { slug: province.slug, name: province.name }, ...home }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canBuildCohort)
  const outcome = await runHomeIntent(pageContext(request, context, viewer, province), await request.formData())
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<Reply>(outcome.reply, { status: outcome.status })
}

export default function MentoringHome() {
  const { province, cohorts, buildable, mayBuild } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const { t } = useTranslation(['common', 'mentoring'])
  return (
    <main id="main" className="page">
      <h1>{t('mentoring:home.title', { province: province.name })}</h1>
      <p className="muted">{t('mentoring:home.intro')}</p>
      {cohorts.length === 0 ? (
        <p className="empty">{t('mentoring:home.empty')}</p>
      ) : (
        <ul id="cohorts" className="rows">
          {cohorts.map((c) => (
            <li key={c.id}>
              <Link to={`/p/${province.slug}/mentoring/${c.id}`}>
                {t('mentoring:home.cohort', { edition: c.edition })}
              </Link>{' '}
              <span className="muted">
                {t('mentoring:home.sizes', { finalists: c.finalists, mentors: c.mentors, sessions: c.sessions })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {mayBuild ? (
        <section className="box" aria-labelledby="build-heading">
          <h2 id="build-heading">{t('mentoring:home.buildHeading')}</h2>
          <ReplyMessage reply={reply} form="build" />
          {buildable.length === 0 ? (
            <p className="empty">{t('mentoring:home.nothingToBuild')}</p>
          ) : (
            buildable.map((e) => (
              <Form method="post" key={e.id} className="inline-form">
                <input type="hidden" name="intent" value="build" />
                <input type="hidden" name="edition" value={e.id} />
                <button type="submit">{t('mentoring:home.build', { edition: e.name })}</button>
              </Form>
            ))
          )}
        </section>
      ) : null}
    </main>
  )
}
