import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime, formatNumber } from '#app/i18n/format.ts'
import { canApply } from '#app/modules/applications/application-access.ts'
import { SECTIONS } from '#app/modules/applications/application-sections.ts'
import { submitSchema } from '#app/modules/applications/submission.schema.ts'
import { loadSubmitPage, submitApplication } from '#app/modules/applications/submission.server.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam, notFound, refusal } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { firstErrors } from '#app/modules/validation/form-errors.ts'
import type { RouteHandle } from '#app/root.tsx'
import { CallClosedNotice } from '#app/ui/call-details.tsx'
import { FormMessage } from '#app/ui/fields.tsx'

type Reply = { refused?: string; sections?: string[]; consentError?: string }

async function guard({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const owner = { provinceId: province.id, userId: viewer.user.id }
  // By province, id and applicant: someone else's application is 404 before anything else.
  const page = await loadSubmitPage(context.db, owner, idParam(params, 'application'), context.now())
  return { province, owner, page }
}

// Apply pages ship no React, only public enhancements (docs/decisions/005).
export const handle: RouteHandle = {
  hydrate: false,
  enhance: true,
  title: 'pages.submit' as const,
  crumbs: [
    { title: 'pages.applyHome', to: '/p/:province/apply' },
    { title: 'pages.application', to: '/p/:province/apply/:application' },
  ],
}

export async function loader(args: LoaderFunctionArgs) {
  const { province, page } = await guard(args)
  const a = page.application
  // Already submitted (or withdrawn): the status page says where it stands.
  if (a.status !== 'draft') throw redirect(`/p/${province.slug}/apply/${a.id}`)
  const values: Record<string, string> = {}
  for (const section of SECTIONS) {
    for (const f of section.fields) values[f.name] = a[f.name] === null ? '' : String(a[f.name])
  }
  return {
    province,
    id: a.id,
    issue: { id: a.issue_title_id, en: a.issue_title_en },
    values,
    indicators: page.indicators,
    incomplete: page.incomplete,
    block: page.block,
    closesAt: page.closesAt,
    helpdesk: page.helpdesk,
    notice: page.notice,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { province, owner, page } = await guard(args)
  const { request, context } = args
  const formData = await request.formData()
  const id = page.application.id
  // The echoed id must be this page's: a form tampered to name another application finds nothing.
  const echoed = formData.get('application')
  if (typeof echoed === 'string' && echoed.toLowerCase() !== id) throw notFound()
  const submission = parseWithZod(formData, { schema: submitSchema })
  if (submission.status !== 'success') {
    const consentError = firstErrors(submission.error).consent ?? 'apply:submit.errors.consent'
    return data<Reply>({ consentError }, { status: 400 })
  }
  const meta = requestMeta(request, context)
  const actor = { ...owner, ip: meta.ip, origin: meta.origin }
  try {
    const result = await submitApplication(
      context.db,
      actor,
      province,
      id,
      submission.value.consent_version,
      context.now(),
    )

    if (!result.already) {
      context.kickMail?.()
      context.kickMessages?.()
    }
  } catch (error) {
    const no = refusal(error)
    // A second click after the first succeeded lands here only once the first has committed.
    if (no.key === 'apply:submit.refused.submitted') return redirect(`/p/${province.slug}/apply/${id}/receipt`)
    return data<Reply>({ refused: no.key, sections: [...no.detail] }, { status: 409 })
  }
  // Post/Redirect/Get: a reload shows the receipt again and never re-posts.
  return redirect(`/p/${province.slug}/apply/${id}/receipt`)
}

export default function SubmitPage() {
  const { province, id, issue, values, indicators, incomplete, block, closesAt, helpdesk, notice } =
    useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const { t, i18n } = useTranslation(['common', 'apply'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/apply/${id}`
  const missing = reply?.sections?.length ? reply.sections : incomplete
  const refused = reply?.refused ?? (block ? `apply:submit.refused.${block}` : undefined)
  return (
    <main id="main" className="page">
      <h1>{t('apply:submit.title')}</h1>
      <p className="muted">{t('apply:submit.intro')}</p>
      {closesAt && block !== 'callClosed' ? (
        <p>{t('apply:submit.openUntil', { date: formatDateTime(new Date(closesAt), lng, province.time_zone) })}</p>
      ) : null}
      {refused === 'apply:submit.refused.callClosed' ? (
        <CallClosedNotice closesAt={closesAt} timeZone={province.time_zone} helpdesk={helpdesk} />
      ) : refused ? (
        <FormMessage kind="error">{t(refused as 'apply:submit.refused.incomplete')}</FormMessage>
      ) : null}
      {missing.length > 0 ? (
        <div>
          <p>{t('apply:submit.incompleteList')}</p>
          <ul>
            {missing.map((key) => (
              <li key={key}>
                <Link to={`${base}/${key}`}>{t(`apply:sections.${key}.title` as 'apply:sections.issue.title')}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <ol className="sections">
        {SECTIONS.map((s) => (
          <li key={s.key}>
            <h2>{t(`apply:sections.${s.key}.title`)}</h2>
            {s.key === 'issue' ? <p>{lng === 'en' ? issue.en : issue.id}</p> : null}
            {s.fields.map((f) => (
              <div key={f.name}>
                <h3 className="small">{t(`apply:fields.${f.name}.label`)}</h3>
                <p className="pre-wrap">
                  {f.kind === 'count' && values[f.name]
                    ? formatNumber(Number(values[f.name]), lng)
                    : values[f.name] || '—'}
                </p>
              </div>
            ))}
            {s.key === 'impact' && indicators.length > 0 ? (
              <ul>
                {indicators.map((ind, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: indicators are shown in their stored order
                  <li key={`${i}-${ind.name}`}>{`${ind.name}: ${ind.baseline} → ${ind.target} ${ind.unit}`.trim()}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>

      {notice ? (
        <section aria-labelledby="notice-heading">
          <h2 id="notice-heading">{t('apply:submit.noticeHeading', { version: notice.version })}</h2>
          <div className="pre-wrap">{lng === 'en' ? notice.text_en : notice.text_id}</div>
        </section>
      ) : null}

      {notice && !block ? (
        <Form method="post">
          <input type="hidden" name="application" value={id} />
          <input type="hidden" name="consent_version" value={notice.version} />
          <p>
            <label>
              <input
                type="checkbox"
                name="consent"
                required
                aria-invalid={reply?.consentError ? true : undefined}
                aria-describedby={reply?.consentError ? 'consent-error' : undefined}
              />{' '}
              {t('apply:submit.consent', { version: notice.version })}
            </label>
          </p>
          {reply?.consentError ? (
            <p id="consent-error" className="field-error" role="alert">
              {t(reply.consentError as 'apply:submit.errors.consent')}
            </p>
          ) : null}
          <p className="nav">
            <button type="submit">{t('apply:submit.button')}</button>
          </p>
        </Form>
      ) : null}
    </main>
  )
}
