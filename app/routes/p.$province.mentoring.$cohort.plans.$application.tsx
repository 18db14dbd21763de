import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { canOpenMentoring } from '#app/modules/mentoring/access.ts'
import { mentoringActor, pageContext } from '#app/modules/mentoring/cohort-page.server.ts'
import { runPlanIntent } from '#app/modules/mentoring/plan-page.server.ts'
import { loadPlanPage } from '#app/modules/mentoring/plans.server.ts'
import { readUploadForm } from '#app/modules/storage/upload.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { DoneMessage, EvidenceForm, errorsOf, Field, Milestones, type Reply, ReplyMessage } from '#app/ui/mentoring.tsx'

// A finalist's mentoring plan (issue 14): milestones with their evidence (words, a link
// or a file checked by content) and a mentor's sign-off.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.mentoringPlan' as const,
  crumbs: [
    { title: 'pages.mentoring', to: '/p/:province/mentoring' },
    { title: 'pages.cohort', to: '/p/:province/mentoring/:cohort' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenMentoring)
  const page = await loadPlanPage(
    context.db,
    mentoringActor(viewer, requestMeta(request, context).ip),
    province,
    idParam(params, 'cohort'),
    idParam(params, 'application'),
  )
  return { province: { slug: province.slug, name: province.name, timeZone: province.time_zone }, ...page }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenMentoring)
  const ids = { cohortId: idParam(params, 'cohort'), applicationId: idParam(params, 'application') }
  const outcome = await runPlanIntent(
    pageContext(request, context, viewer, province),
    ids,
    await readUploadForm(request),
  )
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<Reply>(outcome.reply, { status: outcome.status })
}

export default function PlanPage() {
  const { province, cohort, may, finalist, milestones } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation(['common', 'mentoring'])
  const lng = i18n.language as Language
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/mentoring/${cohort.id}`}>
          {t('mentoring:session.back', { edition: cohort.edition })}
        </Link>
      </p>
      <h1>{t('mentoring:plan.title', { venture: finalist.venture })}</h1>
      <p className="muted">
        {finalist.applicant_name} · {lng === 'en' ? finalist.issue_title_en : finalist.issue_title_id} ·{' '}
        {finalist.opd_name}
      </p>
      <DoneMessage done={search.get('done')} />
      <Milestones
        milestones={milestones}
        opd={finalist.opd_name}
        timeZone={province.timeZone}
        fileBase={`/p/${province.slug}/mentoring/files`}
        renderActions={(m) => (
          <>
            <ReplyMessage reply={reply} form={`signOff:${m.id}`} />
            <ReplyMessage reply={reply} form={`evidence:${m.id}`} />
            {may.work && !m.signed_off_at ? <EvidenceForm milestone={m} reply={reply} /> : null}
            {may.signOff && !m.signed_off_at ? (
              <Form method="post">
                <input type="hidden" name="intent" value="signOff" />
                <input type="hidden" name="milestone" value={m.id} />
                <button type="submit" className="secondary">
                  {t('mentoring:plan.signOff')}
                </button>
              </Form>
            ) : null}
          </>
        )}
      />
      {may.work ? (
        <Form method="post" className="box" aria-labelledby="milestone-heading">
          <h2 id="milestone-heading">{t('mentoring:plan.newMilestone')}</h2>
          <ReplyMessage reply={reply} form="milestone" />
          <input type="hidden" name="intent" value="milestone" />
          <Field
            id="milestone-title"
            label={t('mentoring:plan.milestoneTitle')}
            errors={errorsOf(reply, 'milestone', 'title')}
          >
            <input id="milestone-title" name="title" maxLength={200} required />
          </Field>
          <button type="submit">{t('mentoring:plan.addMilestone')}</button>
        </Form>
      ) : null}
    </main>
  )
}
