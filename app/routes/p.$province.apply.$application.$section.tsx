import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { Language } from '#app/i18n/config.ts'
import { type AnySectionInput, intentSchema, sectionSchemas } from '#app/modules/applications/application.schema.ts'
import {
  ApplicationRefused,
  loadOwnApplication,
  orNotFound,
  saveSection,
} from '#app/modules/applications/application.server.ts'
import { canApply } from '#app/modules/applications/application-access.ts'
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
  dropRescue,
  findRescue,
  formDataOf,
  guardKeepingInput,
  type RescuedPairs,
  wantsJson,
} from '#app/modules/applications/form-rescue.server.ts'
import { requireProvinceAccess } from '#app/modules/auth/province-access.server.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam } from '#app/modules/catalogue/catalogue-errors.ts'
import type { RouteHandle } from '#app/root.tsx'
import { AutosaveStatus, autosaveAttributes, IndicatorRows, LimitedTextArea } from '#app/ui/application-fields.tsx'
import { InputField, SelectField } from '#app/ui/catalogue-fields.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'

type Reply = { result?: SubmissionResult<string[]>; refused?: string }

// Not hydrated: the page is plain HTML forms plus public/enhance.js (docs/decisions/005).
export const handle: RouteHandle = { hydrate: false, enhance: true }

const notFound = () => new Response('Not Found', { status: 404 })

async function guard({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const section = findSection(params.section)
  if (!section) throw notFound()
  const owner = { provinceId: province.id, userId: viewer.user.id }
  // Loaded by province, id and applicant: another applicant's id is 404 before anything else.
  const page = await orNotFound(loadOwnApplication(context.db, owner, idParam(params.application), context.now()))
  return { province, section, owner, page }
}

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

type AutosaveReply =
  | { ok: true; savedAt: string }
  | { ok: false; errors?: Record<string, string[] | null>; refused?: string }

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args
  // Signed out at "Save": keep what they typed and send them to sign in (form-rescue.server.ts).
  const { province, section, owner, page } = await guardKeepingInput(request, context, () => guard(args))
  const json = wantsJson(request)
  if (page.editability !== 'editable') {
    const refused = `apply:readOnly.${page.editability}`
    return json
      ? data<AutosaveReply>({ ok: false, refused }, { status: 409 })
      : data<Reply>({ refused }, { status: 409 })
  }
  const formData = await request.formData()
  const autosave = json || formData.get('intent') === 'autosave'
  const schema: z.ZodType<AnySectionInput, z.ZodTypeDef, unknown> = sectionSchemas[section.key]
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') {
    // Nothing is written: the draft keeps its last valid state, the page keeps what was typed.
    if (autosave) return data<AutosaveReply>({ ok: false, errors: submission.reply().error ?? {} }, { status: 400 })
    return data<Reply>({ result: submission.reply() }, { status: 400 })
  }
  const actor = { ...owner, ip: requestMeta(request, context).ip }
  const now = context.now()
  try {
    await saveSection(context.db, actor, page.application.id, section.key, submission.value, now, autosave)
  } catch (error) {
    if (!(error instanceof ApplicationRefused)) throw error
    if (autosave) {
      return error.field
        ? data<AutosaveReply>({ ok: false, errors: { [error.field]: [error.key] } }, { status: 400 })
        : data<AutosaveReply>({ ok: false, refused: error.key }, { status: 409 })
    }
    if (error.field) {
      return data<Reply>({ result: submission.reply({ fieldErrors: { [error.field]: [error.key] } }) }, { status: 400 })
    }
    return data<Reply>({ refused: error.key }, { status: 409 })
  }
  await dropRescue(context.db, request, context.secureCookies ?? false, new URL(request.url).pathname)
  if (autosave) return data<AutosaveReply>({ ok: true, savedAt: now.toISOString() })
  // Post/Redirect/Get: a reload never re-posts, and the next page shows what is stored.
  const base = `/p/${province.slug}/apply/${page.application.id}`
  const next = nextSection(section.key)
  if (intentSchema.parse(formData.get('intent')) === 'stay') return redirect(`${base}/${section.key}?saved=1`)
  return redirect(next ? `${base}/${next}?saved=1` : `${base}?saved=1`)
}

export default function ApplicationSectionPage() {
  const { province, id, section, next, defaultValue, issues, editability, saved, rescued } =
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
  return (
    <main id="main" className="page">
      <p>
        <Link to={base}>{t('apply:section.back')}</Link>
      </p>
      <h1>{t(`apply:sections.${section}.title`)}</h1>
      <p className="muted">{t(`apply:sections.${section}.intro`)}</p>
      {saved ? <FormMessage kind="ok">{t('apply:form.saved')}</FormMessage> : null}
      {rescued ? <FormMessage kind="ok">{t('apply:form.rescued')}</FormMessage> : null}
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}
      {editable ? null : <FormMessage kind="error">{t(`apply:readOnly.${editability}`)}</FormMessage>}
      {reply?.result?.error ? <FormMessage kind="error">{t('apply:form.fixErrors')}</FormMessage> : null}

      <Form method="post" {...getFormProps(form)} {...(editable ? autosaveAttributes(t) : {})}>
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
                  max: MAX_BENEFICIARIES.toLocaleString(lng === 'en' ? 'en-GB' : 'id-ID'),
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
