import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canManageCalls, canReadCalls } from '#app/modules/calls/access.ts'
import { type CallPhase, type ChecklistItem, callPhase } from '#app/modules/calls/call-rules.ts'
import { callSchema, callStatusSchema, extendSchema } from '#app/modules/calls/calls.schema.ts'
import {
  deleteCall,
  extendCall,
  loadCall,
  publishCall,
  requireCall,
  updateCall,
} from '#app/modules/calls/calls.server.ts'
import { zoneAbbreviation } from '#app/modules/calls/zoned-time.ts'
import { idParam, invalid, refusal } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { CallForm, ExtendForm } from '#app/ui/call-form.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.call' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.calls', to: '/p/:province/manage/calls' },
  ],
}

type FormName = 'call' | 'extend' | 'status'
type Reply = {
  form: FormName
  result?: SubmissionResult<string[]>
  done?: string
  refused?: string
  missing?: ChecklistItem[]
}

const NOTICES = { created: 'calls:done.created', published: 'calls:done.published', extended: 'calls:done.extended' }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadCalls)
  const now = context.now()
  const page = await loadCall(context.db, province, idParam(params, 'call'), now)
  const { call } = page
  const url = new URL(request.url)
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k))
  return {
    province,
    ...page,
    phase: callPhase(
      { opensAt: call.opens_at, closesAt: call.closes_at, published: call.status === 'published' },
      now,
    ) as CallPhase,
    zone: zoneAbbreviation(now, province.time_zone),
    notice: notice ? NOTICES[notice] : null,
    mayManage: canManageCalls(viewer.ability, province),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageCalls)
  const callId = idParam(params, 'call')
  // Another province's call id (guessed or copied) is 404 before the form is read.
  await requireCall(context.db, province, callId)
  const meta = requestMeta(request, context)
  const actor = { userId: viewer.user.id, ip: meta.ip, now: meta.now, origin: meta.origin }
  const formData = await request.formData()
  const intent = formData.get('intent')
  const here = `/p/${province.slug}/manage/calls/${callId}`
  const portalChanged = () => context.invalidatePortal(province.slug)
  const fieldRefusal = (
    form: FormName,
    error: unknown,
    reply: (field: string, key: string) => SubmissionResult<string[]>,
  ) => {
    const no = refusal(error)
    if (no.field) return data<Reply>({ form, result: reply(no.field, no.key) }, { status: 400 })
    return data<Reply>({ form, refused: no.key }, { status: 409 })
  }

  if (intent === 'save') {
    const submission = parseWithZod(formData, { schema: callSchema })
    if (submission.status !== 'success')
      return data<Reply>({ form: 'call', result: submission.reply() }, { status: 400 })
    try {
      if (await updateCall(context.db, province, actor, callId, submission.value)) portalChanged()
    } catch (error) {
      return fieldRefusal('call', error, (field, key) => submission.reply({ fieldErrors: { [field]: [key] } }))
    }
    return data<Reply>({ form: 'call', result: submission.reply(), done: 'calls:done.saved' })
  }
  if (intent === 'extend') {
    const submission = parseWithZod(formData, { schema: extendSchema })
    if (submission.status !== 'success')
      return data<Reply>({ form: 'extend', result: submission.reply() }, { status: 400 })
    try {
      await extendCall(context.db, province, actor, callId, submission.value)
    } catch (error) {
      return fieldRefusal('extend', error, (field, key) => submission.reply({ fieldErrors: { [field]: [key] } }))
    }
    portalChanged()
    context.kickMail?.()
    return redirect(`${here}?extended=1`)
  }
  const status = parseWithZod(formData, { schema: callStatusSchema })
  if (status.status !== 'success') throw invalid('errors.genericBody')
  try {
    if (status.value.intent === 'delete') {
      await deleteCall(context.db, province, actor, callId)
      return redirect(`/p/${province.slug}/manage/calls`)
    }
    if (await publishCall(context.db, province, actor, callId)) portalChanged()
  } catch (error) {
    const no = refusal(error)
    return data<Reply>({ form: 'status', refused: no.key, missing: no.detail as ChecklistItem[] }, { status: 409 })
  }
  return redirect(`${here}?published=1`)
}

export default function CallPage() {
  const { province, call, edition, local, phase, zone, datesEditable, extendable, missing, notice, mayManage } =
    useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const { t, i18n } = useTranslation(['common', 'calls'])
  const text = useErrorText()
  const lng = i18n.language as Language
  const at = (d: Date | string) => formatDateTime(new Date(d), lng, province.time_zone)
  const values = {
    ...local,
    eligibility_id: call.eligibility_id,
    eligibility_en: call.eligibility_en,
    faq_id: call.faq_id,
    faq_en: call.faq_en,
    max_applications: String(call.max_applications),
    helpdesk_phone: call.helpdesk_phone ?? '',
    helpdesk_whatsapp: call.helpdesk_whatsapp ?? '',
    helpdesk_email: call.helpdesk_email ?? '',
  }
  return (
    <main id="main" className="page">
      <h1>{t('calls:call.title', { edition: edition.name })}</h1>
      <ul className="facts">
        <li>{t('calls:call.window', { opens: at(call.opens_at), closes: at(call.closes_at) })}</li>
        <li>{t('calls:call.status', { status: t(`calls:phase.${phase}`) })}</li>
        <li>{t('calls:call.maxApplications', { count: call.max_applications })}</li>
      </ul>
      {notice ? <FormMessage kind="ok">{text(notice)}</FormMessage> : null}
      {reply?.done ? <FormMessage kind="ok">{text(reply.done)}</FormMessage> : null}
      {reply?.refused ? (
        <FormMessage kind="error">
          {[
            text(reply.refused),
            ...(reply.missing?.length
              ? [`${reply.missing.map((m) => t(`calls:checklist.items.${m}`)).join('; ')}.`]
              : []),
          ].join(' ')}
        </FormMessage>
      ) : null}

      {mayManage && phase === 'draft' ? (
        <section aria-labelledby="publish" className="box">
          <h2 id="publish">{t('calls:publish.heading')}</h2>
          {missing.length > 0 ? (
            <p>
              {t('calls:publish.blocked')}{' '}
              <Link to={`/p/${province.slug}/manage/checklist`}>{t('calls:list.checklistLink')}</Link>
            </p>
          ) : (
            <p>{t('calls:publish.ready')}</p>
          )}
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="publish">
              {t('calls:publish.submit')}
            </button>
          </Form>{' '}
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="delete" className="secondary">
              {t('calls:publish.delete')}
            </button>
          </Form>
        </section>
      ) : null}

      {mayManage && extendable ? (
        <ExtendForm
          key={String(call.closes_at)}
          lastResult={reply?.form === 'extend' ? reply.result : undefined}
          zone={zone}
          current={local.closes_at}
        />
      ) : null}

      {mayManage ? (
        <CallForm
          lastResult={reply?.form === 'call' ? reply.result : undefined}
          defaultValue={values}
          zone={zone}
          datesLocked={!datesEditable}
          period={{
            min: `${edition.starts_on}T00:00`,
            max: `${edition.ends_on}T23:59`,
            text: `${formatDate(edition.starts_on, lng)} – ${formatDate(edition.ends_on, lng)}`,
          }}
        />
      ) : (
        <section aria-labelledby="details">
          <h2 id="details">{t('calls:form.detailsLegend')}</h2>
          <dl>
            <dt>{t('calls:form.eligibilityId')}</dt>
            <dd>{call.eligibility_id || '—'}</dd>
            <dt>{t('calls:form.eligibilityEn')}</dt>
            <dd>{call.eligibility_en || '—'}</dd>
            <dt>{t('calls:form.helpdeskLegend')}</dt>
            <dd>
              {[call.helpdesk_phone, call.helpdesk_whatsapp, call.helpdesk_email].filter(Boolean).join(' · ') || '—'}
            </dd>
          </dl>
        </section>
      )}
    </main>
  )
}
