import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canManageIssues, canReadIssues } from '#app/modules/catalogue/access.ts'
import { fgdDeleteSchema, fgdFormSchema, fgdSchema } from '#app/modules/catalogue/catalogue.schema.ts'
import { createFgd, deleteFgd, loadFgdPage, MINUTES_REFUSAL } from '#app/modules/catalogue/fgd.server.ts'
import { invalid, refusal } from '#app/modules/errors/errors.ts'
import { readUploadForm } from '#app/modules/storage/upload.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { CheckboxesField, InputField, TextAreaField } from '#app/ui/catalogue-fields.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FieldErrors, FormMessage, TextField, useErrorText } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.fgd' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadIssues)
  const edition = (await findCurrentEdition(context.db)) ?? null
  const page = await loadFgdPage(context.db, province.id, edition?.id ?? null)
  return { province, edition, ...page, mayManage: canManageIssues(viewer.ability, province) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageIssues)
  const actor = { provinceId: province.id, userId: viewer.user.id, ip: requestMeta(request, context).ip }
  const upload = await readUploadForm(request)
  if (upload.fields.get('intent') === 'delete') {
    const row = parseWithZod(upload.fields, { schema: fgdDeleteSchema })
    if (row.status !== 'success') throw invalid('errors.genericBody')
    try {
      await deleteFgd(context.db, actor, row.value.fgd)
    } catch (error) {
      const no = refusal(error)
      return data({ result: undefined, done: null, refused: no.key }, { status: 409 })
    }
    return { result: undefined, done: 'catalogue:fgd.deleted', refused: null }
  }
  const submission = parseWithZod(upload.fields, { schema: fgdSchema })
  const minutes = upload.files.get('minutes')
  // The file cannot be sent back: say what was wrong with it, keep every typed field.
  const fileProblem = upload.tooLarge ? MINUTES_REFUSAL.keys.tooLarge : minutes ? null : MINUTES_REFUSAL.keys.empty
  if (submission.status !== 'success' || fileProblem || !minutes) {
    const fieldErrors: Record<string, string[]> = fileProblem ? { minutes: [fileProblem] } : {}
    return data({ result: submission.reply({ fieldErrors }), done: null, refused: null }, { status: 400 })
  }
  const edition = await findCurrentEdition(context.db)
  if (!edition) return data({ result: submission.reply(), done: null, refused: 'catalogue:noEdition' }, { status: 409 })
  try {
    await createFgd(context.db, actor, edition.id, submission.value, minutes)
  } catch (error) {
    const no = refusal(error)
    return data(
      {
        result: submission.reply(no.replyOptions()),
        done: null,
        refused: null,
      },
      { status: 400 },
    )
  }
  return { result: submission.reply({ resetForm: true }), done: 'catalogue:fgd.created', refused: null }
}

export default function FgdRecords() {
  const { province, edition, sessions, opds, mayManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'catalogue'])
  const lng = i18n.language as Language
  const text = useErrorText()
  const [form, fields] = useForm({
    id: 'fgd',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: fgdFormSchema }),
    shouldValidate: 'onBlur',
  })
  const base = `/p/${province.slug}/manage`
  return (
    <main id="main" className="page">
      <h1>{t('catalogue:fgd.title', { name: province.name })}</h1>
      <p className="muted">
        {edition ? t('catalogue:fgd.intro', { edition: edition.name }) : t('catalogue:noEdition')}
      </p>
      {actionData?.done ? <FormMessage kind="ok">{text(actionData.done)}</FormMessage> : null}
      {actionData?.refused ? <FormMessage kind="error">{text(actionData.refused)}</FormMessage> : null}
      {sessions.length === 0 ? (
        <p className="empty">{t('catalogue:fgd.empty')}</p>
      ) : (
        <ul className="rows">
          {sessions.map((s) => (
            <li key={s.id}>
              <div>
                <strong>{t('catalogue:fgd.heading', { date: formatDate(s.held_on, lng), place: s.place })}</strong>
                <p className="muted small">
                  {t('catalogue:fgd.participants', { opds: s.participants.join(', ') })}
                  {s.facilitator ? ` · ${t('catalogue:fgd.facilitatorIs', { name: s.facilitator })}` : ''}
                  {' · '}
                  {t('catalogue:fgd.issuesLinked', { count: Number(s.issues) })}
                </p>
                {s.summary ? <p>{s.summary}</p> : null}
                {s.minutes_name ? (
                  <a href={`${base}/fgd/${s.id}/minutes`} download>
                    {t('catalogue:fgd.downloadMinutes', { name: s.minutes_name })}
                  </a>
                ) : null}
              </div>
              {mayManage && Number(s.issues) === 0 ? (
                <Form method="post">
                  <input type="hidden" name="fgd" value={s.id} />
                  <button type="submit" name="intent" value="delete" className="secondary">
                    {t('catalogue:delete')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {mayManage && edition ? (
        opds.length === 0 ? (
          <p className="empty">
            {t('catalogue:fgd.needOpds')} <Link to={`${base}/opds`}>{t('catalogue:fgd.toOpds')}</Link>
          </p>
        ) : (
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="box">
            <FormErrorSummary
              form={form}
              labels={{
                held_on: t('catalogue:fgd.heldOn'),
                place: t('catalogue:fgd.place'),
                facilitator: t('catalogue:fgd.facilitator'),
                summary: t('catalogue:fgd.summary'),
                minutes: t('catalogue:fgd.minutes'),
              }}
            />
            <h2>{t('catalogue:fgd.newHeading')}</h2>
            <input type="hidden" name="intent" value="create" />
            <InputField field={fields.held_on} label={t('catalogue:fgd.heldOn')} type="date" />
            <TextField field={fields.place} label={t('catalogue:fgd.place')} maxLength={200} />
            <TextField field={fields.facilitator} label={t('catalogue:fgd.facilitator')} maxLength={200} />
            <CheckboxesField
              field={fields.participants}
              legend={t('catalogue:fgd.participantsLegend')}
              options={opds.map((o) => ({ value: o.id, label: `${o.short_name} — ${o.name}` }))}
            />
            <TextAreaField field={fields.summary} label={t('catalogue:fgd.summary')} maxLength={2000} />
            <div className="field">
              <label htmlFor={fields.minutes.id}>{t('catalogue:fgd.minutes')}</label>
              <p className="hint" id={`${fields.minutes.id}-hint`}>
                {t('catalogue:fgd.minutesHint')}
              </p>
              <input
                {...getInputProps(fields.minutes, { type: 'file', ariaAttributes: true })}
                accept="application/pdf,.pdf"
              />
              <FieldErrors id={fields.minutes.errorId} errors={fields.minutes.errors} />
            </div>
            <button type="submit">{t('catalogue:fgd.create')}</button>
          </Form>
        )
      ) : null}
    </main>
  )
}
