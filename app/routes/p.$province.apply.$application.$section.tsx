import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { sectionIntent, sectionSchemas } from '#app/modules/applications/application.schema.ts'
import {
  findSection,
  INDICATOR_LIMITS,
  MAX_BENEFICIARIES,
  MAX_INDICATORS,
  nextSection,
  type SectionKey,
  TEXT_LIMITS,
} from '#app/modules/applications/application-sections.ts'
import {
  findRescue,
  formDataOf,
  guardKeepingInput,
  type RescuedPairs,
} from '#app/modules/applications/form-rescue.server.ts'
import { guardSection, openSection, saveSectionForm } from '#app/modules/applications/section-form.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import {
  AutosaveStatus,
  autosaveAttributes,
  IndicatorRows,
  LimitedTextArea,
  SaveNotice,
} from '#app/ui/application-fields.tsx'
import { InputField, SelectField } from '#app/ui/catalogue-fields.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'

type Reply = { result?: SubmissionResult<string[]>; refused?: string }

// Not hydrated: the page is plain HTML forms plus app/enhance/enhance.js (docs/decisions/005).
export const handle: RouteHandle = {
  hydrate: false,
  enhance: true,
  title: 'pages.section' as const,
  crumbs: [
    { title: 'pages.applyHome', to: '/p/:province/apply' },
    { title: 'pages.application', to: '/p/:province/apply/:application' },
  ],
}

const guard = ({ request, context, params }: LoaderFunctionArgs) => openSection(request, context, params)

export async function loader(args: LoaderFunctionArgs) {
  const { province, section, page } = await guard(args)
  const { request } = args
  const a = page.application
  const defaultValue: Record<string, unknown> = { issue_id: a.issue_id, indicators: page.indicators }
  for (const f of section.fields) defaultValue[f.name] = a[f.name] === null ? '' : String(a[f.name])
  // Input kept when their session had expired at "Save" wins over the stored draft until saved.
  const rescued = page.editability === 'editable' ? await findRescueFor(args) : null
  if (rescued) Object.assign(defaultValue, rescuedValues(rescued, section.key))
  return {
    province,
    id: a.id,
    section: section.key,
    next: nextSection(section.key) ?? null,
    defaultValue,
    issues: page.issues,
    editability: page.editability,
    saved: new URL(request.url).searchParams.has('saved') && !rescued,
    unchanged: new URL(request.url).searchParams.has('unchanged') && !rescued,
    rescued: rescued !== null,
  }
}

const findRescueFor = ({ request, context }: LoaderFunctionArgs) =>
  findRescue(context.db, request, context.secureCookies ?? false, new URL(request.url).pathname, context.now())

/** The rescued input as the form's default values, parsed by the section's own schema. */
function rescuedValues(pairs: RescuedPairs, key: SectionKey): Record<string, unknown> {
  const { intent: _intent, ...values } = parseWithZod(formDataOf(pairs), { schema: sectionSchemas[key] }).payload
  return values
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args
  // Signed out at "Save": keep what they typed and send them to sign in (form-rescue.server.ts).
  const target = await guardKeepingInput(request, context, () => guardSection(request, context, args.params))
  const formData = await request.formData()
  const outcome = await saveSectionForm(request, context, target, formData, false)
  if (outcome.kind === 'refused') return data<Reply>({ refused: outcome.key }, { status: 409 })
  if (outcome.kind === 'invalid') {
    return data<Reply>({ result: outcome.submission.reply({ fieldErrors: outcome.fieldErrors }) }, { status: 400 })
  }
  // Post/Redirect/Get: a reload never re-posts, and the next page shows what is stored.
  const { province, section, id } = target
  const base = `/p/${province.slug}/apply/${id}`
  const next = nextSection(section.key)
  // Say what happened: saved, or nothing changed (then nothing was written).
  const said = outcome.changed ? '?saved=1' : '?unchanged=1'
  if (sectionIntent(formData) === 'stay') return redirect(`${base}/${section.key}${said}`)
  return redirect(next ? `${base}/${next}${outcome.changed ? said : ''}` : `${base}${said}`)
}

export default function ApplicationSectionPage() {
  const { province, id, section, next, defaultValue, issues, editability, saved, unchanged, rescued } =
    useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const { t, i18n } = useTranslation(['common', 'apply'])
  const lng = i18n.language as Language
  const text = useErrorText()
  const def = findSection(section)
  const schema = sectionSchemas[section]
  const [form, fields] = useForm<Record<string, any>>({
    id: `section-${section}`,
    lastResult: reply?.result,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
  })
  const editable = editability === 'editable'
  const base = `/p/${province.slug}/apply/${id}`
  const field = (name: string) => fields[name] as NonNullable<(typeof fields)[string]>
  // The error summary names each field as its label does, in the form's order.
  const labels: Record<string, string> = {
    ...(def && 'issue' in def && def.issue ? { issue_id: t('apply:form.issue') } : {}),
    ...Object.fromEntries((def?.fields ?? []).map((f) => [f.name, t(`apply:fields.${f.name}.label`)])),
    ...(def && 'indicators' in def && def.indicators ? { indicators: t('apply:indicators.legend') } : {}),
  }
  return (
    <main id="main" className="page">
      <h1>{t(`apply:sections.${section}.title`)}</h1>
      <p className="muted">{t(`apply:sections.${section}.intro`)}</p>
      {/* One message per outcome: the answer to this post wins over the earlier save's notice. */}
      {reply ? null : <SaveNotice saved={saved} unchanged={unchanged} rescued={rescued} />}
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}
      {editable || reply?.refused ? null : <FormMessage kind="error">{t(`apply:readOnly.${editability}`)}</FormMessage>}
      <FormErrorSummary form={form} labels={labels} />

      <Form
        method="post"
        {...getFormProps(form)}
        {...(editable ? autosaveAttributes(`${base}/${section}/autosave`, t) : {})}
      >
        <fieldset disabled={!editable} className="plain">
          {def && 'issue' in def && def.issue ? (
            <SelectField
              field={field('issue_id')}
              label={t('apply:form.issue')}
              placeholder={t('apply:form.chooseIssue')}
              options={issues.map((i) => ({ value: i.id, label: lng === 'en' ? i.title_en : i.title_id }))}
            />
          ) : null}
          {def?.fields.map((f) =>
            f.kind === 'text' ? (
              <LimitedTextArea
                key={f.name}
                field={field(f.name)}
                label={t(`apply:fields.${f.name}.label`)}
                hint={t(`apply:fields.${f.name}.hint`)}
                max={TEXT_LIMITS[f.name]}
              />
            ) : (
              <InputField
                key={f.name}
                field={field(f.name)}
                label={t(`apply:fields.${f.name}.label`)}
                type="number"
                hint={t('apply:fields.beneficiaries_count.hint', {
                  max: formatNumber(MAX_BENEFICIARIES, lng),
                })}
              />
            ),
          )}
          {def && 'indicators' in def && def.indicators ? (
            <IndicatorRows
              field={field('indicators')}
              rows={MAX_INDICATORS}
              legend={t('apply:indicators.legend')}
              hint={t('apply:indicators.hint')}
              columns={(['name', 'baseline', 'target', 'unit'] as const).map((c) => ({
                name: c,
                label: t(`apply:indicators.${c}`),
                max: INDICATOR_LIMITS[c],
              }))}
            />
          ) : null}
          {editable ? <AutosaveStatus /> : null}
          {editable ? (
            <p className="nav">
              {/* First in the form, so Enter in a field saves and continues. */}
              <button type="submit" name="intent" value="next">
                {next ? t('apply:form.saveNext') : t('apply:form.saveFinish')}
              </button>
              <button type="submit" name="intent" value="stay" className="secondary">
                {t('apply:form.save')}
              </button>
            </p>
          ) : null}
        </fieldset>
      </Form>
    </main>
  )
}
