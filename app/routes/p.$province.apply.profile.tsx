import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canApply } from '#app/modules/applications/application-access.ts'
import { dropRescue, findRescue, formDataOf, guardKeepingInput } from '#app/modules/applications/form-rescue.server.ts'
import {
  PROFILE_DONE,
  type ProfileDone,
  type ProfileReply,
  runProfileIntent,
} from '#app/modules/applications/profile-page.server.ts'
import {
  AGE_BANDS,
  GENDERS,
  LEGAL_FORMS,
  type MemberInput,
  memberSchema,
  STAGES,
  type VentureInput,
  ventureSchema,
} from '#app/modules/applications/venture.schema.ts'
import { loadVentureProfile } from '#app/modules/applications/ventures.server.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { InputField, SelectField, TextAreaField } from '#app/ui/catalogue-fields.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, TextField, useErrorText } from '#app/ui/fields.tsx'

// The applicant's venture profile and team (issue 6): plain forms that work without
// JavaScript; a successful save redirects (a reload never re-posts), a failed one
// re-renders everything typed with a message at each field.

// Only the province's applicants: the profile is the applicant's own, so national
// roles (who may read applications) and Bappeda get 403 here.
const guard = (request: Request, context: LoaderFunctionArgs['context'], slug: string | undefined) =>
  requireProvinceAccess(request, context, slug, canApply)

// Apply pages ship no React, only public enhancements (docs/decisions/005).
export const handle: RouteHandle = {
  hydrate: false,
  enhance: true,
  title: 'pages.profile' as const,
  crumbs: [{ title: 'pages.applyHome', to: '/p/:province/apply' }],
}

// Forms whose input is kept when the session has expired at "Save" (form-rescue.server.ts).
const RESCUED = { save: ventureSchema, addMember: memberSchema } as const
const rescuable = (intent: unknown): intent is keyof typeof RESCUED => intent === 'save' || intent === 'addMember'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await guard(request, context, params.province)
  const profile = await loadVentureProfile(context.db, { provinceId: province.id, userId: viewer.user.id })
  const url = new URL(request.url)
  const done = url.searchParams.get('done')
  const pairs = await findRescue(context.db, request, context.secureCookies ?? false, url.pathname, context.now())
  const intent = pairs ? formDataOf(pairs).get('intent') : null
  const rescued = pairs && rescuable(intent) ? { form: intent, value: rescuedValue(pairs, intent) } : null
  return {
    province,
    ...profile,
    rescued,
    done: done && !rescued && Object.hasOwn(PROFILE_DONE, done) ? PROFILE_DONE[done as ProfileDone] : null,
  }
}

/** Rescued input as a form's default value (strings as typed, parsed by the form's own schema). */
function rescuedValue(pairs: [string, string][], intent: keyof typeof RESCUED): Record<string, string> {
  const { intent: _intent, ...value } = parseWithZod(formDataOf(pairs), { schema: RESCUED[intent] }).payload
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, province } = await guardKeepingInput(
    request,
    context,
    () => guard(request, context, params.province),
    (formData) => rescuable(formData.get('intent')),
  )
  const meta = requestMeta(request, context)
  const outcome = await runProfileIntent(
    {
      db: context.db,
      actor: { provinceId: province.id, userId: viewer.user.id, ip: meta.ip, now: meta.now },
      forgetRescue: () =>
        dropRescue(context.db, request, context.secureCookies ?? false, new URL(request.url).pathname),
    },
    await request.formData(),
  )
  if ('reply' in outcome) return data<ProfileReply>(outcome.reply, { status: outcome.status })
  return redirect(`/p/${province.slug}/apply/profile?done=${outcome.done}${outcome.anchor}`)
}

export default function VentureProfilePage() {
  const { province, venture, members, regencies, done, rescued } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as ProfileReply | undefined
  const { t } = useTranslation(['common', 'venture', 'apply', 'inclusion'])
  const text = useErrorText()
  return (
    <main id="main" className="page">
      <h1>{t('venture:title')}</h1>
      <p className="muted">{t('venture:intro', { province: province.name })}</p>
      {done && !reply ? <FormMessage kind="ok">{text(done)}</FormMessage> : null}
      {rescued && !reply ? <FormMessage kind="ok">{t('apply:form.rescued')}</FormMessage> : null}
      {reply?.form === 'venture' ? <FormMessage kind="error">{t('venture:errors.checkFields')}</FormMessage> : null}
      {venture ? null : <p className="empty">{t('venture:empty')}</p>}

      {/* Keyed by the saved version: with JavaScript the redirect keeps this page mounted, and the
          form must then show what was stored (a normalised web address), not the old input. */}
      <VentureForm
        key={String(venture?.updated_at ?? 'new')}
        lastResult={reply?.form === 'venture' ? reply.result : undefined}
        defaultValue={
          rescued?.form === 'save'
            ? rescued.value
            : venture
              ? {
                  name: venture.name,
                  legal_form: venture.legal_form,
                  year_founded: venture.year_founded === null ? undefined : String(venture.year_founded),
                  regency_code: venture.regency_code ?? undefined,
                  address: venture.address,
                  stage: venture.stage,
                  website: venture.website ?? undefined,
                  social_links: venture.social_links,
                }
              : undefined
        }
        regencies={regencies.map((r) => ({
          value: r.code,
          label:
            r.kind === 'kota'
              ? t('venture:regency.kota', { name: r.name })
              : t('venture:regency.kabupaten', { name: r.name }),
        }))}
        exists={venture !== null}
      />

      <section id="team" aria-labelledby="team-title" className="box">
        <h2 id="team-title">{t('venture:team.title')}</h2>
        <p className="muted small">{t('venture:team.why')}</p>
        {venture ? (
          <p>
            <Link to={`/p/${province.slug}/apply/inclusion`}>{t('inclusion:declare.link')}</Link>
          </p>
        ) : null}
        {!venture ? (
          <p className="empty">{t('venture:team.needProfile')}</p>
        ) : (
          <>
            {members.length === 0 ? (
              <p className="empty">{t('venture:team.empty')}</p>
            ) : (
              <ul className="rows">
                {members.map((m) => (
                  <li key={m.id}>
                    <span>
                      <strong>{m.name}</strong> — {m.role}
                      <br />
                      <span className="muted small">
                        {`${t(`venture:gender.${m.gender}`)} · ${t(`venture:ageBand.${m.age_band}`)}`}
                      </span>
                    </span>
                    <Form method="post" className="inline">
                      <input type="hidden" name="member" value={m.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="removeMember"
                        className="secondary"
                        aria-label={t('venture:team.removeNamed', { name: m.name })}
                      >
                        {t('venture:team.remove')}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
            {reply?.form === 'member' && reply.refused ? (
              <FormMessage kind="error">{text(reply.refused)}</FormMessage>
            ) : null}
            {/* A new key after each change empties the form once a member is added. */}
            <MemberForm
              key={members.map((m) => m.id).join()}
              lastResult={reply?.form === 'member' ? reply.result : undefined}
              defaultValue={rescued?.form === 'addMember' ? rescued.value : undefined}
            />
          </>
        )}
      </section>
    </main>
  )
}

type VentureFormValue = { [K in keyof Omit<VentureInput, 'intent'>]?: string }

function VentureForm({
  lastResult,
  defaultValue,
  regencies,
  exists,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  defaultValue: VentureFormValue | undefined
  regencies: { value: string; label: string }[]
  exists: boolean
}) {
  const { t } = useTranslation(['common', 'venture'])
  const [form, fields] = useForm<VentureInput>({
    id: 'venture',
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ventureSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="box">
      <FormErrorSummary
        form={form}
        labels={{
          name: t('venture:form.name'),
          legal_form: t('venture:form.legalForm'),
          year_founded: t('venture:form.yearFounded'),
          regency_code: t('venture:form.regency'),
          address: t('venture:form.address'),
          stage: t('venture:form.stage'),
          website: t('venture:form.website'),
          social_links: t('venture:form.socialLinks'),
        }}
      />
      <h2>{exists ? t('venture:form.editHeading') : t('venture:form.newHeading')}</h2>
      <input type="hidden" name="intent" value="save" />
      <TextField field={fields.name} label={t('venture:form.name')} maxLength={200} autoComplete="organization" />
      <SelectField
        field={fields.legal_form}
        label={t('venture:form.legalForm')}
        placeholder={t('venture:form.choose')}
        options={LEGAL_FORMS.map((v) => ({ value: v, label: t(`venture:legalForm.${v}`) }))}
      />
      <InputField field={fields.year_founded} label={t('venture:form.yearFounded')} type="number" />
      <SelectField
        field={fields.regency_code}
        label={t('venture:form.regency')}
        placeholder={t('venture:form.chooseRegency')}
        options={regencies}
      />
      <TextAreaField field={fields.address} label={t('venture:form.address')} maxLength={500} rows={3} />
      <SelectField
        field={fields.stage}
        label={t('venture:form.stage')}
        placeholder={t('venture:form.choose')}
        options={STAGES.map((v) => ({ value: v, label: t(`venture:stage.${v}`) }))}
      />
      <TextField
        field={fields.website}
        label={t('venture:form.website')}
        hint={t('venture:form.websiteHint')}
        maxLength={300}
        autoComplete="url"
      />
      <TextAreaField field={fields.social_links} label={t('venture:form.socialLinks')} maxLength={1000} rows={3} />
      <p className="hint">{t('venture:form.socialLinksHint')}</p>
      <button type="submit">{exists ? t('venture:form.save') : t('venture:form.create')}</button>
    </Form>
  )
}

function MemberForm({
  lastResult,
  defaultValue,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  defaultValue: Record<string, string> | undefined
}) {
  const { t } = useTranslation(['common', 'venture'])
  const [form, fields] = useForm<MemberInput>({
    id: 'member',
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: memberSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrorSummary
        form={form}
        labels={{
          name: t('venture:team.name'),
          role: t('venture:team.role'),
          gender: t('venture:team.gender'),
          age_band: t('venture:team.ageBand'),
        }}
      />
      <h3>{t('venture:team.addHeading')}</h3>
      <input type="hidden" name="intent" value="addMember" />
      <TextField field={fields.name} label={t('venture:team.name')} maxLength={120} />
      <TextField field={fields.role} label={t('venture:team.role')} hint={t('venture:team.roleHint')} maxLength={120} />
      <SelectField
        field={fields.gender}
        label={t('venture:team.gender')}
        placeholder={t('venture:form.choose')}
        options={GENDERS.map((v) => ({ value: v, label: t(`venture:gender.${v}`) }))}
      />
      <SelectField
        field={fields.age_band}
        label={t('venture:team.ageBand')}
        placeholder={t('venture:form.choose')}
        options={AGE_BANDS.map((v) => ({ value: v, label: t(`venture:ageBand.${v}`) }))}
      />
      <button type="submit" className="secondary">
        {t('venture:team.add')}
      </button>
    </Form>
  )
}
