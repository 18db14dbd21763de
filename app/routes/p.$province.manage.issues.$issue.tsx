import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatNumber } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canManageIssues, canReadIssues } from '#app/modules/catalogue/access.ts'
import {
  type IssueEditInput,
  indicatorSchema,
  issueEditSchema,
  validateIssueSchema,
} from '#app/modules/catalogue/catalogue.schema.ts'
import { type IssueOutcome, type IssuePageForm, runIssueIntent } from '#app/modules/catalogue/issue-page.server.ts'
import { loadIssue, requireIssue } from '#app/modules/catalogue/issues.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { CheckboxesField, InputField, SelectField, TextAreaField } from '#app/ui/catalogue-fields.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, TextField, useErrorText } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.issue' as const,
  crumbs: [
    { title: 'pages.manage', to: '/p/:province/manage' },
    { title: 'pages.issues', to: '/p/:province/manage/issues' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadIssues)
  const page = await loadIssue(context.db, province.id, idParam(params, 'issue'))
  return { province, ...page, mayManage: canManageIssues(viewer.ability, province) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canManageIssues)
  const issueId = idParam(params, 'issue')
  // Another province's issue id (guessed or copied) is 404 before anything else is read.
  await requireIssue(context.db, province.id, issueId)
  const actor = { provinceId: province.id, userId: viewer.user.id, ip: requestMeta(request, context).ip }
  const reply = await runIssueIntent(context.db, actor, issueId, await request.formData())
  if ('deleted' in reply) return redirect(`/p/${province.slug}/manage/issues`)
  if (reply.changed) context.invalidatePortal(province.slug)
  return data<IssueOutcome>(reply.outcome, { status: reply.status })
}

export default function ProvinceIssuePage() {
  const { province, issue, indicators, supporting, opds, fgdSessions, mayManage } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as IssueOutcome | undefined
  const { t, i18n } = useTranslation(['common', 'catalogue'])
  const lng = i18n.language as Language
  const text = useErrorText()
  const base = `/p/${province.slug}/manage`
  const lastResult = (form: IssuePageForm) => (reply?.form === form ? reply.result : undefined)
  const fgd = fgdSessions.find((f) => f.id === issue.fgd_id)
  const leadName = opds.find((o) => o.id === issue.lead_opd_id)
  return (
    <main id="main" className="page">
      <h1>{lng === 'en' ? issue.title_en : issue.title_id}</h1>
      <p className="muted">
        {t('catalogue:issues.nationalIs', { name: lng === 'en' ? issue.national_name_en : issue.national_name_id })}
      </p>
      {reply?.done ? <FormMessage kind="ok">{text(reply.done)}</FormMessage> : null}
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}

      <section aria-labelledby="status" className="box">
        <h2 id="status">{t('catalogue:issues.statusHeading', { status: t(`catalogue:status.${issue.status}`) })}</h2>
        {issue.validated_on ? (
          <p>
            {t('catalogue:issues.validatedOn', {
              date: formatDate(issue.validated_on, lng),
              place: issue.validation_place ?? '—',
            })}
            {fgd ? ` · ${t('catalogue:fgd.participants', { opds: fgd.participants.join(', ') })}` : ''}
          </p>
        ) : (
          <p className="muted">{t('catalogue:issues.notValidated')}</p>
        )}
        {mayManage ? (
          <StatusActions
            status={issue.status}
            fgdSessions={fgdSessions.map((f) => ({
              value: f.id,
              label: `${formatDate(f.held_on, lng)} — ${f.place}`,
            }))}
            currentFgd={issue.fgd_id}
            lastResult={lastResult('validate')}
            fgdLink={`${base}/fgd`}
          />
        ) : null}
      </section>

      <section aria-labelledby="indicators">
        <h2 id="indicators">{t('catalogue:indicators.heading')}</h2>
        {indicators.length === 0 ? (
          <p className="empty">{t('catalogue:indicators.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('catalogue:indicators.name')}</th>
                  <th scope="col">{t('catalogue:indicators.value')}</th>
                  <th scope="col">{t('catalogue:indicators.year')}</th>
                  <th scope="col">{t('catalogue:indicators.source')}</th>
                  {mayManage ? <th scope="col">{t('catalogue:actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {indicators.map((ind) => (
                  <tr key={ind.id}>
                    <td>{lng === 'en' ? ind.name_en : ind.name_id}</td>
                    <td>
                      {formatNumber(Number(ind.value), lng, { maximumFractionDigits: 6 })} {ind.unit}
                    </td>
                    <td>{ind.year}</td>
                    <td>{ind.source}</td>
                    {mayManage ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="indicator" value={ind.id} />
                          <button type="submit" name="intent" value="removeIndicator" className="secondary">
                            {t('catalogue:delete')}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {mayManage ? <IndicatorForm lastResult={lastResult('indicator')} /> : null}
      </section>

      {mayManage ? (
        <IssueForm
          lastResult={lastResult('issue')}
          opds={opds.filter((o) => o.active || o.id === issue.lead_opd_id || supporting.includes(o.id))}
          defaultValue={{
            title_id: issue.title_id,
            title_en: issue.title_en,
            description_id: issue.description_id,
            description_en: issue.description_en,
            lead_opd: issue.lead_opd_id,
            supporting,
            priority: issue.priority,
          }}
        />
      ) : (
        <section aria-labelledby="details">
          <h2 id="details">{t('catalogue:issues.details')}</h2>
          <p>{lng === 'en' ? issue.description_en : issue.description_id}</p>
          <p>
            {t('catalogue:issues.lead')}: {leadName ? `${leadName.short_name} — ${leadName.name}` : '—'}
          </p>
          <p>
            {t('catalogue:issues.supporting')}:{' '}
            {opds
              .filter((o) => supporting.includes(o.id))
              .map((o) => o.short_name)
              .join(', ') || '—'}
          </p>
          <p>
            {t('catalogue:issues.priority')}: {issue.priority}
          </p>
        </section>
      )}
    </main>
  )
}

function StatusActions({
  status,
  fgdSessions,
  currentFgd,
  lastResult,
  fgdLink,
}: {
  status: 'draft' | 'validated' | 'published'
  fgdSessions: { value: string; label: string }[]
  currentFgd: string | null
  lastResult: SubmissionResult<string[]> | undefined
  fgdLink: string
}) {
  const { t } = useTranslation(['common', 'catalogue'])
  const [form, fields] = useForm({
    id: 'validate',
    lastResult,
    defaultValue: { fgd: currentFgd ?? '' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: validateIssueSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <>
      {status !== 'published' ? (
        fgdSessions.length === 0 ? (
          <p className="empty">
            {t('catalogue:issues.needFgd')} <Link to={fgdLink}>{t('catalogue:issues.toFgd')}</Link>
          </p>
        ) : (
          <Form method="post" {...getFormProps(form)}>
            <FormErrorSummary form={form} labels={{ fgd: t('catalogue:issues.fgdRecord') }} />
            <input type="hidden" name="intent" value="validate" />
            <SelectField
              field={fields.fgd}
              label={t('catalogue:issues.fgdRecord')}
              placeholder={t('catalogue:issues.chooseFgd')}
              options={fgdSessions}
            />
            {/* Validating is the step of a draft; once validated, publishing is (below). */}
            <button type="submit" className={status === 'draft' ? undefined : 'secondary'}>
              {status === 'draft' ? t('catalogue:issues.validate') : t('catalogue:issues.revalidate')}
            </button>
          </Form>
        )
      ) : null}
      {/* A div, not a p: forms are not phrasing content, so the HTML parser would close a p
          at the first form and the page would no longer match React's tree (hydration error). */}
      <div className="nav">
        {status === 'validated' ? (
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="publish">
              {t('catalogue:issues.publish')}
            </button>
          </Form>
        ) : null}
        {status === 'published' ? (
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="unpublish" className="secondary">
              {t('catalogue:issues.unpublish')}
            </button>
          </Form>
        ) : (
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="delete" className="secondary">
              {t('catalogue:issues.delete')}
            </button>
          </Form>
        )}
      </div>
      {status === 'published' ? <p className="muted small">{t('catalogue:issues.unpublishHint')}</p> : null}
    </>
  )
}

function IndicatorForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation(['common', 'catalogue'])
  const [form, fields] = useForm({
    id: 'indicator',
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: indicatorSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="box">
      <FormErrorSummary
        form={form}
        labels={{
          name_id: t('catalogue:indicators.nameId'),
          name_en: t('catalogue:indicators.nameEn'),
          value: t('catalogue:indicators.value'),
          unit: t('catalogue:indicators.unit'),
          year: t('catalogue:indicators.year'),
          source: t('catalogue:indicators.source'),
        }}
      />
      <h3>{t('catalogue:indicators.newHeading')}</h3>
      <input type="hidden" name="intent" value="addIndicator" />
      <TextField field={fields.name_id} label={t('catalogue:indicators.nameId')} maxLength={200} />
      <TextField field={fields.name_en} label={t('catalogue:indicators.nameEn')} maxLength={200} />
      <InputField
        field={fields.value}
        label={t('catalogue:indicators.value')}
        type="text"
        hint={t('catalogue:indicators.valueHint')}
      />
      <TextField field={fields.unit} label={t('catalogue:indicators.unit')} maxLength={40} />
      <InputField field={fields.year} label={t('catalogue:indicators.year')} type="number" />
      <TextField field={fields.source} label={t('catalogue:indicators.source')} maxLength={200} />
      <button type="submit" className="secondary">
        {t('catalogue:indicators.add')}
      </button>
    </Form>
  )
}

function IssueForm({
  lastResult,
  opds,
  defaultValue,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  opds: { id: string; name: string; short_name: string }[]
  defaultValue: Omit<IssueEditInput, 'intent'>
}) {
  const { t } = useTranslation(['common', 'catalogue'])
  const [form, fields] = useForm<IssueEditInput>({
    id: 'issue',
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: issueEditSchema }),
    shouldValidate: 'onBlur',
  })
  const options = opds.map((o) => ({ value: o.id, label: `${o.short_name} — ${o.name}` }))
  return (
    <Form method="post" {...getFormProps(form)} className="box">
      <FormErrorSummary
        form={form}
        labels={{
          title_id: t('catalogue:issues.titleId'),
          description_id: t('catalogue:issues.descriptionId'),
          title_en: t('catalogue:issues.titleEn'),
          description_en: t('catalogue:issues.descriptionEn'),
          lead_opd: t('catalogue:issues.lead'),
          priority: t('catalogue:issues.priority'),
        }}
      />
      <h2>{t('catalogue:issues.editHeading')}</h2>
      <input type="hidden" name="intent" value="save" />
      <TextField field={fields.title_id} label={t('catalogue:issues.titleId')} maxLength={200} />
      <TextAreaField field={fields.description_id} label={t('catalogue:issues.descriptionId')} maxLength={4000} />
      <TextField field={fields.title_en} label={t('catalogue:issues.titleEn')} maxLength={200} />
      <TextAreaField field={fields.description_en} label={t('catalogue:issues.descriptionEn')} maxLength={4000} />
      <SelectField
        field={fields.lead_opd}
        label={t('catalogue:issues.lead')}
        placeholder={t('catalogue:issues.chooseOpd')}
        options={options}
      />
      <CheckboxesField field={fields.supporting} legend={t('catalogue:issues.supporting')} options={options} />
      <InputField
        field={fields.priority}
        label={t('catalogue:issues.priority')}
        type="number"
        hint={t('catalogue:issues.priorityHint')}
      />
      <button type="submit" className="secondary">
        {t('catalogue:save')}
      </button>
    </Form>
  )
}
